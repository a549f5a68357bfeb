"""Stream columns and next steps of a simple-procedure case."""

from __future__ import annotations

from domain.envelope import StreamContext
from domain.reference import Role
from domain.simple.state import CASH_HANDOVER_CLOCK, PAYMENT_CLOCK, PaymentMethod, SimpleState, SimpleStatus
from domain.tasks import NextStep

STREAM_KIND = "CASE"
PROCEDURE = "SIMPLE"

_STEP_OF = {
    SimpleStatus.NEW: "DecideOnTheSpot",
    SimpleStatus.IDENTIFIED: "InformParty",
    SimpleStatus.INFORMED: "HearStatement",
    SimpleStatus.STATEMENT_HEARD: "DecideSimplePenalty",
    SimpleStatus.DECIDED: "DeliverDecision",
}


def stream_context(state: SimpleState) -> StreamContext:
    return StreamContext(stream_id=state.case_id, stream_kind=STREAM_KIND, town=state.town, unit=state.unit,
                         procedure=PROCEDURE, violation_type=state.violation_type or None,
                         status=state.status.value)


def next_steps(state: SimpleState) -> tuple[NextStep, ...]:
    if state.status in _STEP_OF:
        return (NextStep(_STEP_OF[state.status], Role.OFFICER),)
    if state.status is SimpleStatus.CLOSED:
        return ()
    steps: list[NextStep] = []
    if state.fined and not state.paid:
        clock = state.clocks.get(PAYMENT_CLOCK)
        steps.append(NextStep("RecordBankPayment", Role.OFFICER, clock.due_on if clock else None, PAYMENT_CLOCK))
    if state.payment_method is PaymentMethod.ON_THE_SPOT and not state.cash_handed_over:
        clock = state.clocks.get(CASH_HANDOVER_CLOCK)
        steps.append(NextStep("HandOverCash", Role.OFFICER, clock.due_on if clock else None, CASH_HANDOVER_CLOCK))
    if state.status is SimpleStatus.DELIVERED:
        steps.append(NextStep("FileWithAgency", Role.OFFICER))
    elif not steps:
        steps.append(NextStep("CloseSimpleCase", Role.PRINCIPAL))
    return tuple(steps)
