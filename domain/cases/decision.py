"""Rows 12–13: the decision (with its guards, invariant 2), the decision document, its service and disclosure."""

from __future__ import annotations

from domain.cases import commands as c
from domain.cases import events as e
from domain.cases.case_clocks import cancel, finish
from domain.cases.dispatch import Handler
from domain.cases.guards import require_decision_allowed, require_decision_follows_proposal, require_text
from domain.cases.proposal import DecisionType, check_one_fine
from domain.cases.state import CaseState
from domain.deadlines.clock_events import ACTIVE, DeadlineStarted
from domain.deadlines.clocks import start
from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.errors import ValidationError
from domain.messages import Event


def make_decision(state: CaseState, cmd: c.MakeDecision, ctx: Context) -> list[Event]:
    check_one_fine(cmd.sanctions)
    require_decision_follows_proposal(state, cmd)
    day = local_date(cmd.occurred_at)
    require_decision_allowed(state, day)
    assert state.assessment is not None
    clock = state.clocks.get("D7")
    late = clock is not None and (clock.deadline_id in state.breached_deadlines or day > clock.due_on)
    decided = e.DecisionMade(
        occurred_at=cmd.occurred_at, actors=cmd.actors, decision_type=cmd.decision_type, sanctions=cmd.sanctions,
        fine_fen=cmd.fine_amount_fen, modifier=cmd.modifier, mitigating_grounds=cmd.mitigating_grounds,
        no_penalty_ground=cmd.no_penalty_ground, soft_list_item_id=cmd.soft_list_item_id,
        soft_outcome=cmd.soft_outcome, proposal_hash=state.assessment.proposal_hash, party_present=cmd.party_present,
        decision_due_on=clock.due_on if clock else None, late=late)
    events: list[Event] = [decided, *finish(state, "D7", cmd.occurred_at)]
    events += cancel(state, cmd.occurred_at, "decision made", only={"D8", "D9", "D10"})
    if not cmd.party_present:
        events.append(start("D12", day, occurred_at=cmd.occurred_at, cal=ctx.calendar, profile=ctx.profile))
    return events


def issue_document(state: CaseState, cmd: c.IssueDecisionDocument, ctx: Context) -> list[Event]:
    require_text(cmd.document_no, field="document_no", what="the document number")
    return [e.DecisionDocumentIssued(occurred_at=cmd.occurred_at, actors=cmd.actors, document_no=cmd.document_no)]


def serve_decision(state: CaseState, cmd: c.ServeDecision, ctx: Context) -> list[Event]:
    assert state.decision is not None
    day = local_date(cmd.occurred_at)

    def clock(deadline_id: str) -> DeadlineStarted:
        return start(deadline_id, day, occurred_at=cmd.occurred_at, cal=ctx.calendar, profile=ctx.profile)

    pay = clock("D15") if state.fine_fen > 0 else None
    served = e.DecisionServed(occurred_at=cmd.occurred_at, actors=cmd.actors, method=cmd.method,
                              recipient=cmd.recipient, payment_due_on=pay.due_on if pay else None)
    disclosure = "D17" if state.decision.decision_type is DecisionType.PENALTY else "D17B"
    return [served, *finish(state, "D12", cmd.occurred_at), *([pay] if pay else []),
            clock("D19"), clock("D23"), clock(disclosure)]


def record_disclosure(state: CaseState, cmd: c.RecordDecisionDisclosure, ctx: Context) -> list[Event]:
    if state.disclosed:
        raise ValidationError("the decision is already disclosed", rule="DISCLOSED_ONCE", field="channel",
                              article="APL 48")
    require_text(cmd.channel, field="channel", what="the disclosure channel")
    done: list[Event] = [e.DecisionDisclosureRecorded(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                                      channel=cmd.channel)]
    for key in ("D17", "D17B"):
        running = state.clocks.get(key)
        if running is not None and running.status in ACTIVE:
            done += finish(state, key, cmd.occurred_at)
    return done


HANDLERS: dict[type, Handler] = {
    c.MakeDecision: make_decision,
    c.IssueDecisionDocument: issue_document,
    c.ServeDecision: serve_decision,
    c.RecordDecisionDisclosure: record_disclosure,
}
