"""What other code reads off an inspection: its stream columns, what to do next, and the follow-ups to spawn."""

from __future__ import annotations

from domain.envelope import StreamContext
from domain.inspections.findings import Finding
from domain.inspections.state import InspectionState, InspectionStatus
from domain.reference import Role
from domain.tasks import NextStep

STREAM_KIND = "INSPECTION"


def stream_context(state: InspectionState) -> StreamContext:
    return StreamContext(stream_id=state.inspection_id, stream_kind=STREAM_KIND, town=state.town, unit=state.unit,
                         procedure=None, violation_type=None, status=state.status.value)


def follow_ups(state: InspectionState) -> tuple[Finding, ...]:
    """Findings that spawn another stream (rectification order, simple case, lead, referral), in order.
    Spawning is keyed by `finding_id`, so calling this again never spawns twice."""
    return tuple(f for f in state.findings if f.needs_follow_up)


def next_steps(state: InspectionState) -> tuple[NextStep, ...]:
    match state.status:
        case InspectionStatus.NEW:
            return (NextStep("RecordInspection", Role.OFFICER), NextStep("PlanInspection", Role.OFFICER))
        case InspectionStatus.PLANNED:
            return (NextStep("StartInspection", Role.OFFICER, state.planned_on),
                    NextStep("RecordInspection", Role.OFFICER, state.planned_on))
        case InspectionStatus.IN_PROGRESS:
            return (NextStep("RecordFinding", Role.OFFICER), NextStep("CompleteInspection", Role.OFFICER))
        case _:
            return ()
