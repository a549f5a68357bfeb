"""Officers' task lists: what is to be done next on a stream, by which role, by when.

Which steps follow a state is workflow knowledge the caller injects (`NextSteps`); it must be a pure function
of its arguments, so a rebuilt task list equals the incrementally maintained one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from domain.envelope import EventEnvelope
from domain.projections.case_summary import CaseSummary

NextStep = tuple[str, str, date | None]  # (step, role, due_on)


class NextSteps(Protocol):
    def __call__(
        self, stream_kind: str, procedure: str | None, status: str | None, summary: CaseSummary | None, /
    ) -> Sequence[NextStep]: ...


@dataclass(frozen=True)
class TaskView:
    stream_id: str
    step: str
    role: str
    town: str
    due_on: date | None


def tasks_for(last: EventEnvelope, summary: CaseSummary | None, next_steps: NextSteps) -> tuple[TaskView, ...]:
    """The open tasks of a stream as its last event left it (one per step and role; the first one wins)."""
    seen: set[tuple[str, str]] = set()
    found: list[TaskView] = []
    for step, role, due_on in next_steps(last.stream_kind, last.procedure, last.status, summary):
        if (step, role) in seen:
            continue
        seen.add((step, role))
        found.append(TaskView(stream_id=last.stream_id, step=step, role=role, town=last.town, due_on=due_on))
    return tuple(found)
