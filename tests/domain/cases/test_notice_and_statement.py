"""Rows 8–9: prior notice (APL 44; D9 and D10), statement received, waived or expired, statement reviewed point by
point, and a heavier revised proposal that needs a new notice (APL 45)."""

from __future__ import annotations

from datetime import date

from domain.cases import commands as c
from domain.cases.events import PriorNoticeServed, StatementReviewed, StatementWindowExpired
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import ClockStatus
from domain.errors import RuleViolation, ValidationError
from domain.messages import SYSTEM_ACTOR
from domain.profile import RuleProfile
from domain.values import Sanction, yuan
from tests.domain.cases.builder import PAIR, drive, proposal
from tests.domain.cases.fixtures import AUXILIARY, CASE_LEAD, SEVERE_BENCHMARK, at

BIG = proposal(fine_amount_fen=yuan(20_000), benchmark_id=SEVERE_BENCHMARK)


def test_the_notice_carries_the_proposal_and_starts_the_statement_window_across_national_day() -> None:
    case = drive(CaseStatus.NOTICE_SERVED)
    served = next(e for e in case.events if isinstance(e, PriorNoticeServed))
    # 09-29 + 5 working days: 09-30, 10-09, 10-10, 10-11 (makeup Saturday), 10-13
    assert served.statement_window_ends_on == date(2025, 10, 13)
    assert served.proposal_hash == case.hash and served.hearing_rights is False
    assert served.hearing_request_ends_on is None and "D10" not in case.state.clocks


def test_a_three_working_day_local_window_comes_from_the_profile() -> None:
    case = drive(CaseStatus.NOTICE_SERVED, profile=RuleProfile(statement_window_working_days=3))
    assert case.state.clocks["D9"].due_on == date(2025, 10, 10)


def test_a_hearing_eligible_notice_states_the_hearing_right_and_starts_d10() -> None:
    case = drive(CaseStatus.NOTICE_SERVED, proposal=BIG)
    served = next(e for e in case.events if isinstance(e, PriorNoticeServed))
    assert served.hearing_rights and served.hearing_request_ends_on == date(2025, 10, 13)


def test_the_notice_is_served_by_two_certified_officers() -> None:
    case = drive(CaseStatus.REVIEW_APPROVED)
    error = case.reject(c.ServePriorNotice(occurred_at=at(9, 29), actors=(CASE_LEAD, AUXILIARY)))
    assert (error.rule, error.article) == ("TWO_CERTIFIED_OFFICERS", "APL 42")


def test_the_statement_window_expiry_is_recorded_only_after_its_last_day() -> None:
    case = drive(CaseStatus.NOTICE_SERVED)
    early = c.RecordStatementWindowExpired(occurred_at=at(10, 13, 23), actors=(SYSTEM_ACTOR,))
    error = case.reject(early)
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("STATEMENT_WINDOW_OPEN", "occurred_at", "APL 62")
    assert "2025-10-13" in error.message
    events = case.do(c.RecordStatementWindowExpired(occurred_at=at(10, 14, 0, 1), actors=(SYSTEM_ACTOR,)))
    assert isinstance(events[0], StatementWindowExpired) and events[0].window_ended_on == date(2025, 10, 13)
    assert case.state.status is CaseStatus.STATEMENT_REVIEW and case.state.statement_window_expired
    assert case.state.clocks["D9"].status is ClockStatus.SATISFIED


def test_the_party_may_waive_the_statement_expressly() -> None:
    case = drive(CaseStatus.NOTICE_SERVED)
    case.do(c.WaiveStatement(occurred_at=at(9, 30), actors=(CASE_LEAD,)))
    assert case.state.statement_waived and case.state.status is CaseStatus.STATEMENT_REVIEW
    assert case.reject(c.WaiveStatement(occurred_at=at(9, 30, 11), actors=(CASE_LEAD,))).rule == \
        "STATEMENT_WINDOW_CLOSED"


def test_every_point_of_the_statement_is_adopted_or_rejected_with_a_reason() -> None:
    case = drive(CaseStatus.STATEMENT_REVIEW)
    case.do(c.ReceiveStatement(occurred_at=at(9, 30, 11), actors=(CASE_LEAD,), points=("摊位已撤离",)))
    partial = c.ReviewStatement(occurred_at=at(10, 9), actors=(CASE_LEAD,), reviews=(
        c.PointReview("经营困难，请求从轻", adopted=False, reason="无证据"),))
    error = case.reject(partial)
    assert isinstance(error, ValidationError)
    assert (error.rule, error.field, error.article) == ("EVERY_POINT_REVIEWED", "reviews", "APL 45")
    assert "摊位已撤离" in error.message
    events = case.do(c.ReviewStatement(occurred_at=at(10, 9), actors=(CASE_LEAD,), reviews=(
        c.PointReview("经营困难，请求从轻", adopted=False, reason="无证据"),
        c.PointReview("摊位已撤离", adopted=True, reason="复查属实"))))
    assert isinstance(events[0], StatementReviewed) and not events[0].renotice_required
    assert case.state.statement_points_pending == ()


def test_a_lighter_revision_after_the_statement_changes_the_proposal_hash() -> None:
    case = drive(CaseStatus.STATEMENT_REVIEW)
    old = case.hash
    case.do(c.ReviewStatement(occurred_at=at(10, 9), actors=(CASE_LEAD,), reviews=(
        c.PointReview("经营困难，请求从轻", adopted=True, reason="情况属实"),), revised_proposal=proposal(
            fine_amount_fen=yuan(300))))
    assert case.hash != old and case.state.proposal is not None
    assert case.state.proposal.fine_amount_fen == yuan(300)


def test_a_heavier_revision_needs_a_new_notice_before_the_decision() -> None:
    case = drive(CaseStatus.STATEMENT_REVIEW)
    heavier = proposal(fine_amount_fen=yuan(1_500))
    events = case.do(c.ReviewStatement(occurred_at=at(10, 9), actors=(CASE_LEAD,), reviews=(
        c.PointReview("经营困难，请求从轻", adopted=False, reason="复查发现多次占道"),), revised_proposal=heavier))
    assert isinstance(events[0], StatementReviewed) and events[0].renotice_required
    case.do(c.RequestLegalReview(occurred_at=at(10, 9, 11), actors=(CASE_LEAD,)))
    case.do(c.CompleteLegalReview(occurred_at=at(10, 10), actors=("lr1",), outcome=c.LegalReviewOutcome.APPROVED,
                                  proposal_hash=case.hash, opinion="同意"))
    decide = c.MakeDecision(occurred_at=at(10, 14), actors=("p1",), decision_type=heavier.decision_type,
                            sanctions=heavier.sanctions, fine_amount_fen=heavier.fine_amount_fen)
    error = case.reject(decide)
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("RENOTICE_REQUIRED", "proposal", "APL 45")
    case.do(c.ServePriorNotice(occurred_at=at(10, 14), actors=PAIR))
    assert case.state.clocks["D9"].due_on == date(2025, 10, 21)
    case.do(c.WaiveStatement(occurred_at=at(10, 15), actors=(CASE_LEAD,)))
    case.do(c.MakeDecision(occurred_at=at(10, 15, 11), actors=("p1",), decision_type=heavier.decision_type,
                           sanctions=heavier.sanctions, fine_amount_fen=heavier.fine_amount_fen))
    assert case.state.status is CaseStatus.DECIDED


def test_a_notice_cannot_be_served_before_the_report() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    error = case.reject(c.ServePriorNotice(occurred_at=at(9, 6), actors=PAIR))
    assert error.rule == "TRANSITION" and error.article == "APL 44"
    assert "ServePriorNotice is not allowed in GENERAL status INVESTIGATING" in error.message


def test_adding_only_a_warning_is_not_a_heavier_proposal() -> None:
    case = drive(CaseStatus.STATEMENT_REVIEW, proposal=proposal(sanctions=(Sanction.FINE,)))
    events = case.do(c.ReviewStatement(occurred_at=at(10, 9), actors=(CASE_LEAD,), reviews=(
        c.PointReview("经营困难，请求从轻", adopted=False, reason="x"),), revised_proposal=proposal()))
    assert isinstance(events[0], StatementReviewed) and not events[0].renotice_required
