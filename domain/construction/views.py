"""Stream columns and next steps of an illegal-construction case."""

from __future__ import annotations

from datetime import date, timedelta

from domain.construction.state import (
    ANNOUNCEMENT_CLOCK,
    DEMAND_CLOCK,
    LITIGATION_CLOCK,
    RECONSIDERATION_CLOCK,
    SELF_DEMOLITION_CLOCK,
    ConstructionState,
    ConstructionStatus,
)
from domain.envelope import StreamContext
from domain.reference import Role
from domain.tasks import NextStep

STREAM_KIND = "CASE"
PROCEDURE = "ILLEGAL_CONSTRUCTION"
S = ConstructionStatus


def stream_context(state: ConstructionState) -> StreamContext:
    return StreamContext(stream_id=state.case_id, stream_kind=STREAM_KIND, town=state.town, unit=state.unit,
                         procedure=PROCEDURE, violation_type=state.violation_type or None,
                         status=state.status.value)


def _after(state: ConstructionState, *keys: str) -> date | None:
    """The first day on which every named period has run out (the day after the last due date)."""
    dues = [d for d in (state.due_on(k) for k in keys) if d is not None]
    return max(dues) + timedelta(days=1) if dues else None


def next_steps(state: ConstructionState) -> tuple[NextStep, ...]:
    match state.status:
        case S.NEW:
            return (NextStep("RecordIllegalConstruction", Role.OFFICER),)
        case S.DISCOVERED:
            return (NextStep("IssueStopOrder", Role.OFFICER),)
        case S.STOP_ORDER:
            return (NextStep("DecideCorrectionOrDemolition", Role.PRINCIPAL),)
        case S.CORRECTION_OR_DEMOLITION_DECISION:
            return (NextStep("ServeConstructionDecision", Role.OFFICER),)
        case S.SERVED:
            return (NextStep("RecordDeadlineLapsed", Role.OFFICER, _after(state, SELF_DEMOLITION_CLOCK)),)
        case S.SELF_DEMOLITION_DEADLINE:
            return (NextStep("AnnounceDemolition", Role.PRINCIPAL),)
        case S.ANNOUNCED:
            return (NextStep("ServeDemand", Role.OFFICER,
                             _after(state, ANNOUNCEMENT_CLOCK, RECONSIDERATION_CLOCK, LITIGATION_CLOCK)),)
        case S.DEMAND:
            return (NextStep("DecideForcedDemolition", Role.PRINCIPAL, _after(state, DEMAND_CLOCK)),)
        case S.FORCED_DEMOLITION_DECISION:
            return (NextStep("CompleteDemolition", Role.OFFICER),)
        case _:
            return ()
