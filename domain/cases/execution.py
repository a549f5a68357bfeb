"""Rows 14–15: payment and its deadline, deferral and instalments (APL 66), the payment demand and the
application to court (ACL 53/54), performance, closure and archiving."""

from __future__ import annotations

from datetime import date

from domain.cases import commands as c
from domain.cases import events as e
from domain.cases.case_clocks import DISCLOSURE, PARTY_WINDOWS, cancel, finish
from domain.cases.dispatch import Handler
from domain.cases.guards import require_text
from domain.cases.proposal import DecisionType
from domain.cases.state import CaseState
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import DeadlineRecomputed
from domain.deadlines.clocks import start
from domain.deadlines.due_dates import warning_date
from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.errors import RuleViolation, ValidationError
from domain.messages import SYSTEM_ACTOR, Command, Event


def _due_moved(state: CaseState, cmd: Command, ctx: Context, new_due: date) -> list[Event]:
    clock = state.clocks.get("D15")
    if clock is None:
        return []
    return [DeadlineRecomputed(occurred_at=cmd.occurred_at, actors=(SYSTEM_ACTOR,), clock_key="D15",
                               deadline_id=clock.deadline_id, due_on=new_due,
                               warn_on=warning_date(clock.unit, clock.started_on, new_due, ctx.calendar, ctx.profile),
                               provisional=ctx.calendar.is_provisional(new_due))]


def _require_fine(state: CaseState) -> None:
    if state.fine_fen <= 0 or state.payment_due_on is None:
        raise ValidationError("the decision imposes no fine to pay", rule="NOTHING_OWED", field="case")


def payment_deadline_passed(state: CaseState, cmd: c.RecordPaymentDeadlinePassed, ctx: Context) -> list[Event]:
    _require_fine(state)
    assert state.payment_due_on is not None
    day = local_date(cmd.occurred_at)
    if day <= state.payment_due_on:
        raise RuleViolation(f"the fine is due by {state.payment_due_on.isoformat()}", rule="PAYMENT_NOT_DUE",
                            field="occurred_at", article="APL 72")
    if state.outstanding_fen(day) == 0:
        raise ValidationError("the fine is paid", rule="NOTHING_OWED", field="case")
    return [e.PaymentDeadlinePassed(occurred_at=cmd.occurred_at, actors=cmd.actors, due_on=state.payment_due_on),
            *finish(state, "D15", cmd.occurred_at)]


def approve_deferral(state: CaseState, cmd: c.ApproveDeferral, ctx: Context) -> list[Event]:
    _require_fine(state)
    assert state.payment_due_on is not None
    if cmd.new_due_on <= state.payment_due_on:
        raise ValidationError(f"a deferral moves the due date beyond {state.payment_due_on.isoformat()}",
                              rule="DEFERRAL_DATE", field="new_due_on", article="APL 66")
    require_text(cmd.reason, field="reason", what="the party's hardship")
    return [e.DeferralApproved(occurred_at=cmd.occurred_at, actors=cmd.actors, new_due_on=cmd.new_due_on,
                               reason=cmd.reason), *_due_moved(state, cmd, ctx, cmd.new_due_on)]


def approve_installments(state: CaseState, cmd: c.ApproveInstallments, ctx: Context) -> list[Event]:
    _require_fine(state)
    plan = cmd.installments
    if len(plan) < 2 or sum(i.amount_fen for i in plan) != state.fine_fen or any(i.amount_fen <= 0 for i in plan):
        raise ValidationError(f"instalments are at least two positive amounts summing to the fine {state.fine_fen} fen",
                              rule="INSTALMENTS_SUM", field="installments", article="APL 66")
    dates = [i.due_on for i in plan]
    if dates != sorted(set(dates)) or dates[0] < local_date(cmd.occurred_at):
        raise ValidationError("instalment dates rise and lie ahead", rule="INSTALMENT_DATES", field="installments",
                              article="APL 66")
    require_text(cmd.reason, field="reason", what="the party's hardship")
    return [e.InstallmentApproved(occurred_at=cmd.occurred_at, actors=cmd.actors, installments=plan,
                                  reason=cmd.reason), *_due_moved(state, cmd, ctx, dates[-1])]


def serve_demand(state: CaseState, cmd: c.ServeEnforcementDemand, ctx: Context) -> list[Event]:
    served = e.EnforcementDemandServed(occurred_at=cmd.occurred_at, actors=cmd.actors)
    windows = [state.clocks[k].due_on for k in ("D19", "D23") if k in state.clocks]
    if not windows:
        return [served]
    return [served, start("D24", max(windows), occurred_at=cmd.occurred_at, cal=ctx.calendar, profile=ctx.profile)]


def apply_court(state: CaseState, cmd: c.ApplyCourtEnforcement, ctx: Context) -> list[Event]:
    require_text(cmd.court, field="court", what="the court")
    day = local_date(cmd.occurred_at)
    assert state.demand_served_on is not None
    if ctx.calendar.working_days_between(state.demand_served_on, day) < 10:
        earliest = ctx.calendar.add_working_days(state.demand_served_on, 10)
        raise RuleViolation(f"apply to court no sooner than 10 working days after the demand; earliest "
                            f"{earliest.isoformat()}", rule="DEMAND_WAIT", field="occurred_at", article="ACL 54")
    if state.challenge_pending:
        raise RuleViolation("a reconsideration or lawsuit against the decision is pending", rule="PARTY_WINDOWS_OPEN",
                            field="occurred_at", article="ACL 53")
    open_until = [state.clocks[k].due_on for k in ("D19", "D23") if k in state.clocks]
    if open_until and day <= max(open_until):
        raise RuleViolation(f"the party may still apply for reconsideration or sue until {max(open_until).isoformat()}",
                            rule="PARTY_WINDOWS_OPEN", field="occurred_at", article="ACL 53")
    return [e.CourtEnforcementApplied(occurred_at=cmd.occurred_at, actors=cmd.actors, court=cmd.court),
            *finish(state, "D24", cmd.occurred_at)]


def receive_payment(state: CaseState, cmd: c.ReceivePayment, ctx: Context) -> list[Event]:
    if cmd.amount_fen <= 0:
        raise ValidationError("a payment is a positive amount of fen", rule="AMOUNT", field="amount_fen")
    day = local_date(cmd.occurred_at)
    owed = state.outstanding_fen(day)
    if cmd.amount_fen > owed:
        raise ValidationError(f"{cmd.amount_fen} fen exceeds the {owed} fen owed", rule="OVERPAYMENT",
                              field="amount_fen", article="APL 72")
    settles = cmd.amount_fen == owed
    paid = e.PaymentReceived(occurred_at=cmd.occurred_at, actors=cmd.actors, amount_fen=cmd.amount_fen,
                             channel=cmd.channel, receipt_no=cmd.receipt_no, surcharge_fen=state.surcharge_fen(day),
                             settles=settles)
    return [paid, *(finish(state, "D15", cmd.occurred_at) if settles else [])]


def verify_performed(state: CaseState, cmd: c.VerifyObligationPerformed, ctx: Context) -> list[Event]:
    require_text(cmd.obligation, field="obligation", what="the obligation performed")
    return [e.ObligationPerformedVerified(occurred_at=cmd.occurred_at, actors=cmd.actors, obligation=cmd.obligation)]


def close_case(state: CaseState, cmd: c.CloseCase, ctx: Context) -> list[Event]:
    decision = state.decision
    assert decision is not None
    if state.status is CaseStatus.DECIDED and decision.decision_type is not DecisionType.TRANSFER_TO_JUDICIARY:
        raise RuleViolation("the decision is served before the case closes", rule="DECISION_SERVED", field="status",
                            article="APL 61")
    owed = state.outstanding_fen(local_date(cmd.occurred_at))
    if owed and not state.performed:
        raise RuleViolation(f"{owed} fen of fine and surcharge remain unpaid", rule="OBLIGATION_PERFORMED",
                            field="status", article="APL 72")
    return [e.CaseClosed(occurred_at=cmd.occurred_at, actors=cmd.actors, summary=cmd.summary),
            *cancel(state, cmd.occurred_at, "case closed", keep=PARTY_WINDOWS | DISCLOSURE)]


def archive_case(state: CaseState, cmd: c.ArchiveCase, ctx: Context) -> list[Event]:
    require_text(cmd.archive_no, field="archive_no", what="the archive number")
    return [e.CaseArchived(occurred_at=cmd.occurred_at, actors=cmd.actors, archive_no=cmd.archive_no)]


HANDLERS: dict[type, Handler] = {
    c.RecordPaymentDeadlinePassed: payment_deadline_passed,
    c.ApproveDeferral: approve_deferral,
    c.ApproveInstallments: approve_installments,
    c.ServeEnforcementDemand: serve_demand,
    c.ApplyCourtEnforcement: apply_court,
    c.ReceivePayment: receive_payment,
    c.VerifyObligationPerformed: verify_performed,
    c.CloseCase: close_case,
    c.ArchiveCase: archive_case,
}
