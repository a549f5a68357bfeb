"""Officers' task lists: what is to be done next on a stream, by which role, by when.

Which steps follow a state is workflow knowledge the caller injects (`NextSteps`); it must be a pure function
of its arguments, so a rebuilt task list equals the incrementally maintained one. A step names the clock it
answers; its due date is that clock's, as the stream's deadlines read model holds it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from domain.envelope import EventEnvelope
from domain.projections.case_summary import CaseSummary
from domain.projections.deadlines import DeadlineView

NextStep = tuple[str, str, str | None]  # (step, role, key of the clock it answers)
# A clock whose due date a task still carries: running, warned, paused, or breached (the task is late).
_OPEN = frozenset({"RUNNING", "WARNED", "PAUSED", "BREACHED"})


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


def tasks_for(last: EventEnvelope, summary: CaseSummary | None, next_steps: NextSteps,
              clocks: Mapping[str, DeadlineView]) -> tuple[TaskView, ...]:
    """The open tasks of a stream as its last event left it (one per step and role; the first one wins), each
    due when the clock it answers is."""
    seen: set[tuple[str, str]] = set()
    found: list[TaskView] = []
    for step, role, clock_key in next_steps(last.stream_kind, last.procedure, last.status, summary):
        clock = clocks.get(clock_key) if clock_key is not None else None
        due_on = clock.due_on if clock is not None and clock.status in _OPEN else None
        if (step, role) in seen:
            continue
        seen.add((step, role))
        found.append(TaskView(stream_id=last.stream_id, step=step, role=role, town=last.town, due_on=due_on))
    return tuple(found)
