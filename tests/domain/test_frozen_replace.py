"""`domain.frozen.replace` builds what `dataclasses.replace` builds: a plain copy for a dataclass that is nothing
but its fields, `dataclasses.replace` itself for any other (a `__post_init__`, init-only variables, fields
outside `__init__`, slots, a hand-written `__init__`), and the same error for a name that is not a field."""

from __future__ import annotations

import dataclasses
from dataclasses import InitVar, dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from domain.cases.state import CaseState, Hearing
from domain.cases.status import CaseStatus
from domain.frozen import replace


@dataclass(frozen=True)
class Checked:
    amount: int

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("negative")


@dataclass(frozen=True)
class WithInitVar:
    amount: int
    scale: InitVar[int] = 1

    def __post_init__(self, scale: int) -> None:
        object.__setattr__(self, "amount", self.amount * scale)


@dataclass(frozen=True)
class Derived:
    amount: int
    double: int = field(init=False, default=0)


@dataclass(frozen=True, slots=True)
class Slotted:
    amount: int


@dataclass(frozen=True)
class HandWritten:
    amount: int

    def __init__(self, amount: int) -> None:
        object.__setattr__(self, "amount", amount * 10)


def test_a_plain_state_is_copied_with_the_changes_and_the_original_is_untouched() -> None:
    state = CaseState(town="zhangjiawo", officers=("a", "b"))
    changed = replace(state, status=CaseStatus.FILED, case_no="No. 1")
    assert changed == dataclasses.replace(state, status=CaseStatus.FILED, case_no="No. 1")
    assert type(changed) is CaseState and changed.officers is state.officers
    assert state.status is CaseStatus.NEW and state.case_no is None
    hearing = Hearing(requested_at=datetime(2025, 3, 1, tzinfo=UTC))
    assert hash(replace(hearing, host="h")) == hash(Hearing(requested_at=hearing.requested_at, host="h"))


@pytest.mark.parametrize(("original", "changes"), [
    (Checked(1), {"amount": 2}), (WithInitVar(2, 3), {"amount": 4, "scale": 5}), (Derived(1), {"amount": 3}),
    (Slotted(1), {"amount": 2}), (HandWritten(1), {"amount": 2}),
])
def test_any_other_dataclass_goes_through_dataclasses_replace(original: Any, changes: dict[str, Any]) -> None:
    assert replace(original, **changes) == dataclasses.replace(original, **changes)


def test_what_dataclasses_replace_refuses_is_refused_alike() -> None:
    with pytest.raises(ValueError, match="negative"):
        replace(Checked(1), amount=-1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        replace(CaseState(), nope=1)  # type: ignore[call-arg]
