"""Stream columns and next steps of a disclosure stream."""

from __future__ import annotations

from domain.disclosure.state import PUBLISH_CLOCK, DisclosureState, DisclosureStatus
from domain.envelope import StreamContext
from domain.reference import Role
from domain.tasks import NextStep

STREAM_KIND = "DISCLOSURE"

S = DisclosureStatus


def stream_context(state: DisclosureState) -> StreamContext:
    return StreamContext(stream_id=state.disclosure_id, stream_kind=STREAM_KIND, town=state.town, unit=state.unit,
                         procedure=None, violation_type=state.violation_type or None, status=state.status.value)


def next_steps(state: DisclosureState) -> tuple[NextStep, ...]:
    """Officers act only when the platform refused a delivery for good: retry it, or withhold the publication."""
    clock = state.clocks.get(PUBLISH_CLOCK)
    match state.status:
        case S.DELIVERY_FAILED:
            return (NextStep("RetryDelivery", Role.OFFICER, clock.due_on if clock else None, PUBLISH_CLOCK),
                    NextStep("WithholdDisclosure", Role.OFFICER))
        case S.WITHDRAWAL_FAILED:
            return (NextStep("RetryDelivery", Role.OFFICER),)
        case _:
            return ()


def status_steps(status: str) -> tuple[NextStep, ...]:
    """The read model's task routing for a disclosure stream, from its status alone."""
    return next_steps(DisclosureState(status=DisclosureStatus(status)))

