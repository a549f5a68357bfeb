"""Ledger entries are validated like every other step: rejections name the rule and the field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.decider import Context, apply
from domain.errors import DomainError
from domain.ledgers import commands as c
from domain.ledgers.decider import DECIDERS
from domain.ledgers.kinds import LedgerKind
from domain.ledgers.state import LedgerState
from domain.ledgers.values import EquipmentKind, EvaluationResult
from domain.messages import Command
from domain.profile import RuleProfile
from domain.reference import StaffCategory
from domain.statistics.figures import Qualifier, Unit
from infra.calendar import load_work_calendar
from infra.reference import demo_reference

NOW = datetime(2023, 12, 1, 8, tzinfo=UTC)
UNIT = "yangliuqing-bureau"
CTX = Context(recorded_at=NOW, reference=demo_reference(), calendar=load_work_calendar(), profile=RuleProfile())


def _at(days: int = 0) -> datetime:
    return NOW - timedelta(days=30 - days)


def _run(kind: LedgerKind, *commands: Command) -> LedgerState:
    decider = DECIDERS[kind]
    state = decider.initial()
    for command in commands:
        assert isinstance(command, c.LedgerCommand)
        state = decider.bind(state, command, CTX)
        state, _ = apply(decider, state, command, CTX)
    return state


def _rejected(kind: LedgerKind, *commands: Command) -> DomainError:
    *before, last = commands
    state = _run(kind, *before)
    with pytest.raises(DomainError) as info:
        DECIDERS[kind].decide(state, last, CTX)
    return info.value


def _join(entry: str, person: str = "p1") -> c.JoinStaff:
    return c.JoinStaff(occurred_at=_at(), actors=("clerk",), unit=UNIT, entry_id=entry, person_id=person,
                       name="张三", category=StaffCategory.OFFICER)


def test_the_roster_keeps_who_is_in_post_and_their_certificates() -> None:
    state = _run(LedgerKind.ROSTER, _join("e1"), c.IssueCertificate(
        occurred_at=_at(1), actors=("clerk",), unit=UNIT, entry_id="e2", person_id="p1", number="TJ-1"))
    assert state.town == "yangliuqing" and dict(state.in_post) == {"p1": StaffCategory.OFFICER}
    assert state.certificates["TJ-1"].person_id == "p1" and not state.certificates["TJ-1"].cancelled


def test_a_person_already_on_the_roster_cannot_join_again() -> None:
    error = _rejected(LedgerKind.ROSTER, _join("e1"), _join("e2"))
    assert (error.rule, error.field) == ("ALREADY_IN_POST", "person_id")


def test_a_certificate_needs_a_person_on_the_roster() -> None:
    error = _rejected(LedgerKind.ROSTER, c.IssueCertificate(occurred_at=_at(), actors=("clerk",), unit=UNIT,
                                                            entry_id="e1", person_id="nobody", number="TJ-9"))
    assert (error.rule, error.field) == ("NOT_IN_POST", "person_id")


def test_a_certificate_is_cancelled_once() -> None:
    cancel = c.CancelCertificate(occurred_at=_at(2), actors=("clerk",), unit=UNIT, entry_id="e3", person_id="p1",
                                 number="TJ-1")
    error = _rejected(LedgerKind.ROSTER, _join("e1"), c.IssueCertificate(
        occurred_at=_at(1), actors=("clerk",), unit=UNIT, entry_id="e2", person_id="p1", number="TJ-1"),
        cancel, c.CancelCertificate(occurred_at=_at(3), actors=("clerk",), unit=UNIT, entry_id="e4",
                                    person_id="p1", number="TJ-1"))
    assert (error.rule, error.field) == ("ALREADY_CANCELLED", "number")


def test_an_entry_id_is_entered_once() -> None:
    error = _rejected(LedgerKind.ROSTER, _join("e1"), _join("e1", person="p2"))
    assert (error.rule, error.field) == ("DUPLICATE_ENTRY", "entry_id")


def test_an_entry_names_a_known_enforcement_unit() -> None:
    error = _rejected(LedgerKind.TRAINING, c.RecordTraining(occurred_at=_at(), actors=("clerk",), unit="nowhere",
                                                            entry_id="t1", title="培训", mode="ONLINE", hours=2))
    assert (error.rule, error.field) == ("UNKNOWN_UNIT", "unit")


def test_no_entry_lies_in_the_future() -> None:
    error = _rejected(LedgerKind.ROSTER, c.JoinStaff(occurred_at=NOW + timedelta(days=1), actors=("clerk",),
                                                     unit=UNIT, entry_id="e1", person_id="p1", name="张三",
                                                     category=StaffCategory.AUXILIARY))
    assert (error.rule, error.field) == ("NO_FUTURE_ENTRY", "occurred_at")


def test_equipment_cannot_be_retired_beyond_what_is_in_service() -> None:
    register = c.RegisterEquipment(occurred_at=_at(), actors=("clerk",), unit=UNIT, entry_id="a1",
                                   equipment=EquipmentKind.DRONE, count=2)
    retire = c.RetireEquipment(occurred_at=_at(1), actors=("clerk",), unit=UNIT, entry_id="a2",
                               equipment=EquipmentKind.DRONE, count=3)
    error = _rejected(LedgerKind.EQUIPMENT, register, retire)
    assert (error.rule, error.field) == ("NOT_IN_SERVICE", "count")
    assert "only 2 DRONE in service" in error.message


def test_an_evaluation_with_problems_names_them() -> None:
    error = _rejected(LedgerKind.EVALUATION, c.RecordEvaluation(
        occurred_at=_at(), actors=("clerk",), unit=UNIT, entry_id="v1", case_ref="case-1",
        result=EvaluationResult.PROBLEMS))
    assert (error.rule, error.field) == ("REQUIRED_FIELD", "problems")


def test_a_campaign_tally_names_a_known_violation_type() -> None:
    error = _rejected(LedgerKind.CAMPAIGN, c.RecordCampaignTally(
        occurred_at=_at(), actors=("clerk",), unit=UNIT, entry_id="t1", violation_type="JAYWALKING", count=3,
        count_unit=Unit.PLACES, qualifier=Qualifier.AT_LEAST))
    assert (error.rule, error.field) == ("UNKNOWN_VIOLATION_TYPE", "violation_type")


def test_an_entry_goes_to_its_own_ledger() -> None:
    error = _rejected(LedgerKind.TRAINING, _join("e1"))
    assert (error.rule, error.field) == ("LEDGER_KIND", "command")
