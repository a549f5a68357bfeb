"""Rows 6–11: the investigation report and its proposal, legal review, prior notice, statement and defence,
hearing, collective discussion; education before a no-penalty decision; extending the decision deadline."""

from __future__ import annotations

from domain.cases import commands as c
from domain.cases import events as e
from domain.cases.case_clocks import finish
from domain.cases.dispatch import Handler
from domain.cases.guards import (
    require_independent_reviewer,
    require_not_case_lead,
    require_not_investigator,
    require_principals,
    require_text,
)
from domain.cases.proposal import Assessment, Proposal, assess, is_heavier, validate_proposal
from domain.cases.state import CaseState
from domain.deadlines.clock_events import DeadlineRecomputed
from domain.deadlines.clocks import satisfy, start
from domain.deadlines.due_dates import warning_date
from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.errors import RuleViolation, ValidationError
from domain.messages import SYSTEM_ACTOR, Command, Event
from domain.reference import Role
from domain.rules.officers import require_role
from domain.values import PartyType


def _assessed(state: CaseState, proposal: Proposal, ctx: Context) -> Assessment:
    validate_proposal(proposal, item_code=state.enforcement_item, reference=ctx.reference)
    party_type = state.party.party_type if state.party else PartyType.CITIZEN
    return assess(proposal, party_type, ctx.profile)


def _current(state: CaseState) -> tuple[Proposal, Assessment]:
    if state.proposal is None or state.assessment is None:
        raise ValidationError("the case has no proposal yet", rule="INVESTIGATION_REPORT", field="proposal",
                              article="APL 57")
    return state.proposal, state.assessment


def submit_report(state: CaseState, cmd: c.SubmitInvestigationReport, ctx: Context) -> list[Event]:
    if cmd.actors[0] != state.case_lead:
        raise RuleViolation(f"the case lead {state.case_lead} submits the investigation report, not {cmd.actors[0]}",
                            rule="CASE_LEAD_REPORTS", field="actors", article="APL 57")
    found = _assessed(state, cmd.proposal, ctx)
    return [e.InvestigationReportSubmitted(
        occurred_at=cmd.occurred_at, actors=cmd.actors, proposal=cmd.proposal, findings=cmd.findings,
        hearing_eligible=found.hearing_eligible, legal_review_required=found.legal_review_required,
        collective_required=found.collective_required, proposal_hash=found.proposal_hash)]


def request_review(state: CaseState, cmd: c.RequestLegalReview, ctx: Context) -> list[Event]:
    _, assessment = _current(state)
    requested = e.LegalReviewRequested(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                       proposal_hash=assessment.proposal_hash)
    return [requested, start("D8", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                             profile=ctx.profile)]


def complete_review(state: CaseState, cmd: c.CompleteLegalReview, ctx: Context) -> list[Event]:
    _, assessment = _current(state)
    reviewer = cmd.actors[0]
    require_not_case_lead(state, reviewer)
    require_independent_reviewer(state, reviewer)
    if cmd.proposal_hash != assessment.proposal_hash:
        raise RuleViolation(f"the review names proposal {cmd.proposal_hash[:12]}…, the case's proposal is "
                            f"{assessment.proposal_hash[:12]}…", rule="REVIEW_BINDS_PROPOSAL",
                            field="proposal_hash", article="APL 58")
    require_text(cmd.opinion, field="opinion", what="the written opinion")
    done = e.LegalReviewCompleted(occurred_at=cmd.occurred_at, actors=cmd.actors, outcome=cmd.outcome,
                                  proposal_hash=cmd.proposal_hash, opinion=cmd.opinion, reviewer=reviewer)
    return [done, *finish(state, "D8", cmd.occurred_at)]


def serve_notice(state: CaseState, cmd: c.ServePriorNotice, ctx: Context) -> list[Event]:
    proposal, assessment = _current(state)
    day = local_date(cmd.occurred_at)
    window = start("D9", day, occurred_at=cmd.occurred_at, cal=ctx.calendar, profile=ctx.profile)
    hearing = start("D10", day, occurred_at=cmd.occurred_at, cal=ctx.calendar, profile=ctx.profile) \
        if assessment.hearing_eligible else None
    served = e.PriorNoticeServed(
        occurred_at=cmd.occurred_at, actors=cmd.actors, method=cmd.method, notice_no=cmd.notice_no, proposal=proposal,
        proposal_hash=assessment.proposal_hash, hearing_rights=assessment.hearing_eligible,
        statement_window_ends_on=window.due_on, hearing_request_ends_on=hearing.due_on if hearing else None)
    return [served, window, *([hearing] if hearing else [])]


def receive_statement(state: CaseState, cmd: c.ReceiveStatement, ctx: Context) -> list[Event]:
    if not cmd.points or any(not p.strip() for p in cmd.points):
        raise ValidationError("a statement lists the party's points", rule="REQUIRED", field="points")
    return [e.StatementReceived(occurred_at=cmd.occurred_at, actors=cmd.actors, points=cmd.points)]


def waive_statement(state: CaseState, cmd: c.WaiveStatement, ctx: Context) -> list[Event]:
    _require_window_open(state)
    return [e.StatementWaived(occurred_at=cmd.occurred_at, actors=cmd.actors),
            *satisfy(state.clocks, "D9", occurred_at=cmd.occurred_at)]


def _require_window_open(state: CaseState) -> None:
    if state.statement_waived or state.statement_window_expired:
        raise ValidationError("the statement window is already closed", rule="STATEMENT_WINDOW_CLOSED",
                              field="statement", article="APL 45")


def window_expired(state: CaseState, cmd: c.RecordStatementWindowExpired, ctx: Context) -> list[Event]:
    _require_window_open(state)
    window = state.clocks.get("D9")
    if window is None:
        raise ValidationError("no statement window runs", rule="STATEMENT_WINDOW", field="notice", article="APL 44")
    if local_date(cmd.occurred_at) <= window.due_on:
        raise RuleViolation(f"the statement window ends {window.due_on.isoformat()}; it has not expired",
                            rule="STATEMENT_WINDOW_OPEN", field="occurred_at", article="APL 62")
    return [e.StatementWindowExpired(occurred_at=cmd.occurred_at, actors=cmd.actors, window_ended_on=window.due_on),
            *satisfy(state.clocks, "D9", occurred_at=cmd.occurred_at)]


def review_statement(state: CaseState, cmd: c.ReviewStatement, ctx: Context) -> list[Event]:
    _, assessment = _current(state)
    reviewed = {r.point for r in cmd.reviews}
    missing = [p for p in state.statement_points_pending if p not in reviewed]
    if missing:
        raise ValidationError(f"each point is adopted or rejected; not reviewed: {'; '.join(missing)}",
                              rule="EVERY_POINT_REVIEWED", field="reviews", article="APL 45")
    if not cmd.reviews and cmd.revised_proposal is None:
        raise ValidationError("nothing to review", rule="REQUIRED", field="reviews")
    if any(not r.reason.strip() for r in cmd.reviews):
        raise ValidationError("every point's review gives its reason", rule="REQUIRED", field="reviews",
                              article="APL 45")
    found = assessment if cmd.revised_proposal is None else _assessed(state, cmd.revised_proposal, ctx)
    notified = state.notice.proposal if state.notice else None
    heavier = cmd.revised_proposal is not None and notified is not None and is_heavier(cmd.revised_proposal, notified)
    return [e.StatementReviewed(
        occurred_at=cmd.occurred_at, actors=cmd.actors, reviews=cmd.reviews, revised_proposal=cmd.revised_proposal,
        hearing_eligible=found.hearing_eligible, legal_review_required=found.legal_review_required,
        collective_required=found.collective_required, proposal_hash=found.proposal_hash, renotice_required=heavier)]


def request_hearing(state: CaseState, cmd: c.RequestHearing, ctx: Context) -> list[Event]:
    _, assessment = _current(state)
    if not assessment.hearing_eligible:
        raise RuleViolation("the proposed penalty gives no right to a hearing", rule="HEARING_ELIGIBLE",
                            field="proposal", article="APL 63")
    window = state.clocks.get("D10")
    if window is None or local_date(cmd.occurred_at) > window.due_on:
        ends = f"; the window ended {window.due_on.isoformat()}" if window else ""
        raise RuleViolation(f"a hearing is requested within 5 working days of the prior notice{ends}",
                            rule="HEARING_REQUEST_WINDOW", field="occurred_at", article="APL 64")
    return [e.HearingRequested(occurred_at=cmd.occurred_at, actors=cmd.actors),
            *satisfy(state.clocks, "D10", occurred_at=cmd.occurred_at)]


def serve_hearing_notice(state: CaseState, cmd: c.ServeHearingNotice, ctx: Context) -> list[Event]:
    require_role(cmd.host, Role.HEARING_HOST, ctx.reference, field="host")
    require_not_investigator(state, cmd.host, field="host")
    day = local_date(cmd.occurred_at)
    if ctx.calendar.working_days_between(day, cmd.hearing_on) < 7:
        earliest = ctx.calendar.add_working_days(day, 7)
        raise RuleViolation(f"the party is notified at least 7 working days before the hearing; the earliest "
                            f"hearing day is {earliest.isoformat()}", rule="HEARING_NOTICE_PERIOD",
                            field="hearing_on", article="APL 64")
    return [e.HearingNoticeServed(occurred_at=cmd.occurred_at, actors=cmd.actors, hearing_on=cmd.hearing_on,
                                  host=cmd.host, place=cmd.place)]


def _require_hearing_day(state: CaseState, cmd: Command) -> str:
    hearing = state.hearing
    assert hearing is not None and hearing.hearing_on is not None and hearing.host is not None
    if cmd.actors[0] != hearing.host:
        raise RuleViolation(f"the hearing is hosted by {hearing.host}, named in the hearing notice",
                            rule="HEARING_HOST_NAMED", field="actors", article="APL 64")
    require_not_investigator(state, hearing.host, field="actors")
    if local_date(cmd.occurred_at) < hearing.hearing_on:
        raise ValidationError(f"the hearing is set for {hearing.hearing_on.isoformat()}", rule="HEARING_DAY",
                              field="occurred_at", article="APL 64")
    return hearing.host


def hold_hearing(state: CaseState, cmd: c.HoldHearing, ctx: Context) -> list[Event]:
    host = _require_hearing_day(state, cmd)
    return [e.HearingHeld(occurred_at=cmd.occurred_at, actors=cmd.actors, host=host, record_ref=cmd.record_ref)]


def party_absent(state: CaseState, cmd: c.RecordPartyAbsent, ctx: Context) -> list[Event]:
    _require_hearing_day(state, cmd)
    return [e.PartyAbsentFromHearing(occurred_at=cmd.occurred_at, actors=cmd.actors)]


def hold_discussion(state: CaseState, cmd: c.HoldCollectiveDiscussion, ctx: Context) -> list[Event]:
    _, assessment = _current(state)
    require_principals(cmd.actors, ctx.reference, at_least=2)
    if cmd.proposal_hash != assessment.proposal_hash:
        raise RuleViolation(f"the discussion names proposal {cmd.proposal_hash[:12]}…, the case's proposal is "
                            f"{assessment.proposal_hash[:12]}…", rule="DISCUSSION_BINDS_PROPOSAL",
                            field="proposal_hash", article="APL 57")
    require_text(cmd.conclusion, field="conclusion", what="the discussion's conclusion")
    return [e.CollectiveDiscussionHeld(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                       proposal_hash=cmd.proposal_hash, conclusion=cmd.conclusion)]


def give_education(state: CaseState, cmd: c.GiveEducation, ctx: Context) -> list[Event]:
    require_text(cmd.content, field="content", what="what the party was taught")
    return [e.EducationGiven(occurred_at=cmd.occurred_at, actors=cmd.actors, content=cmd.content)]


def extend_deadline(state: CaseState, cmd: c.ExtendDecisionDeadline, ctx: Context) -> list[Event]:
    clock = state.clocks.get("D7")
    if clock is None:
        raise ValidationError("no decision deadline runs", rule="DECISION_DEADLINE", field="case", article="APL 60")
    if cmd.extra_days <= 0:
        raise ValidationError("an extension adds days", rule="EXTENSION_DAYS", field="extra_days")
    require_text(cmd.reason, field="reason", what="the reason for the extension")
    if local_date(cmd.occurred_at) > clock.due_on or clock.deadline_id in state.breached_deadlines:
        raise RuleViolation(f"an extension is approved before the decision deadline {clock.due_on.isoformat()} "
                            "passes", rule="EXTENSION_BEFORE_DUE", field="occurred_at", article="APL 60")
    new_due = ctx.calendar.add_calendar_days(clock.due_on, cmd.extra_days)
    return [
        e.DecisionDeadlineExtended(occurred_at=cmd.occurred_at, actors=cmd.actors, extra_days=cmd.extra_days,
                                   reason=cmd.reason, new_due_on=new_due),
        DeadlineRecomputed(occurred_at=cmd.occurred_at, actors=(SYSTEM_ACTOR,), clock_key="D7",
                           deadline_id=clock.deadline_id, due_on=new_due,
                           warn_on=warning_date(clock.unit, clock.started_on, new_due, ctx.calendar, ctx.profile),
                           provisional=clock.provisional or ctx.calendar.is_provisional(new_due)),
    ]


HANDLERS: dict[type, Handler] = {
    c.SubmitInvestigationReport: submit_report,
    c.RequestLegalReview: request_review,
    c.CompleteLegalReview: complete_review,
    c.ServePriorNotice: serve_notice,
    c.ReceiveStatement: receive_statement,
    c.WaiveStatement: waive_statement,
    c.RecordStatementWindowExpired: window_expired,
    c.ReviewStatement: review_statement,
    c.RequestHearing: request_hearing,
    c.ServeHearingNotice: serve_hearing_notice,
    c.HoldHearing: hold_hearing,
    c.RecordPartyAbsent: party_absent,
    c.HoldCollectiveDiscussion: hold_discussion,
    c.GiveEducation: give_education,
    c.ExtendDecisionDeadline: extend_deadline,
}
