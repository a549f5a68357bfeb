"""Stream columns and next steps of a rectification order."""

from __future__ import annotations

from domain.envelope import StreamContext
from domain.rectification.state import CLOCK_KEY, RectificationState, RectificationStatus
from domain.reference import Role
from domain.tasks import NextStep

STREAM_KIND = "RECTIFICATION"


def stream_context(state: RectificationState) -> StreamContext:
    return StreamContext(stream_id=state.order_id, stream_kind=STREAM_KIND, town=state.town, unit=state.unit,
                         procedure=None, violation_type=state.violation_type or None, status=state.status.value)


def next_steps(state: RectificationState) -> tuple[NextStep, ...]:
    match state.status:
        case RectificationStatus.NEW:
            return (NextStep("IssueRectificationOrder", Role.OFFICER),)
        case RectificationStatus.ISSUED | RectificationStatus.REINSPECTION_DUE:
            return (NextStep("RecordCompliance", Role.OFFICER, state.due_on, CLOCK_KEY),
                    NextStep("RecordNonCompliance", Role.OFFICER, state.due_on, CLOCK_KEY))
        case RectificationStatus.NOT_COMPLIED:
            return (NextStep("EscalateRectification", Role.OFFICER),)
        case _:
            return ()
