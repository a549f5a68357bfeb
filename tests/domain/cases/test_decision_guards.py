"""Row 12 and invariants 2, 3, 5, 6: what must hold before a principal decides, and the 90-day clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from domain.cases import commands as c
from domain.cases.events import DecisionMade
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.proposal import DecisionType, Proposal
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import ClockStatus, DeadlineBreached
from domain.deadlines.timers import Timer, TimerKind, on_timer, pending_timers
from domain.errors import RuleViolation
from domain.profile import LegalReviewPolicy, RuleProfile
from domain.values import NoPenaltyGround, Sanction, SoftOutcome, yuan
from tests.domain.cases.builder import PAIR, CaseUnderTest, drive, proposal
from tests.domain.cases.fixtures import CASE_LEAD, PRINCIPAL, PRINCIPAL_2, REVIEWER, SEVERE_BENCHMARK, SOFT_ITEM, at


def decide(p: Proposal, when: tuple[int, int] | tuple[int, int, int] = (10, 14), *, by: str = PRINCIPAL,
           **overrides: object) -> c.MakeDecision:
    fields: dict[str, object] = dict(
        occurred_at=at(*when), actors=(by,), decision_type=p.decision_type, sanctions=p.sanctions,
        fine_amount_fen=p.fine_amount_fen, modifier=p.modifier, no_penalty_ground=p.no_penalty_ground,
        soft_list_item_id=p.soft_list_item_id, soft_outcome=p.soft_outcome)
    fields.update(overrides)
    return c.MakeDecision(**fields)  # type: ignore[arg-type]


def reviewed() -> CaseUnderTest:
    """Statement received and reviewed; the decision waits only for the window."""
    case = drive(CaseStatus.STATEMENT_REVIEW)
    case.do(c.ReviewStatement(occurred_at=at(10, 9), actors=(CASE_LEAD,), reviews=(
        c.PointReview("经营困难，请求从轻", adopted=False, reason="无证据"),)))
    return case


def current(case: CaseUnderTest) -> Proposal:
    assert case.state.proposal is not None
    return case.state.proposal


def test_no_penalty_decision_before_the_prior_notice() -> None:
    case = drive(CaseStatus.REVIEW_APPROVED)
    error = case.reject(decide(current(case), (9, 15)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("PRIOR_NOTICE", "notice", "APL 44")


def test_no_decision_before_the_statement_window_closes() -> None:
    case = reviewed()
    error = case.reject(decide(current(case), (10, 13, 17)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("STATEMENT_WINDOW", "occurred_at", "APL 62")
    assert error.message == ("APL 62: no decision before the statement window closes or is waived; "
                             "window ends 2025-10-13")


def test_an_express_waiver_lets_the_decision_come_before_the_window_ends() -> None:
    case = reviewed()
    case.do(c.WaiveStatement(occurred_at=at(10, 10), actors=(CASE_LEAD,)))
    case.do(decide(current(case), (10, 10, 11)))
    assert case.state.status is CaseStatus.DECIDED


def test_no_decision_while_the_statement_is_not_reviewed() -> None:
    case = drive(CaseStatus.STATEMENT_REVIEW)
    error = case.reject(decide(current(case)))
    assert (error.rule, error.field, error.article) == ("STATEMENT_REVIEWED", "statement", "APL 45")


def test_no_decision_while_a_requested_hearing_has_not_ended() -> None:
    big = proposal(fine_amount_fen=yuan(20_000), benchmark_id=SEVERE_BENCHMARK)
    case = drive(CaseStatus.NOTICE_SERVED, proposal=big)
    case.do(c.RequestHearing(occurred_at=at(10, 9), actors=(CASE_LEAD,)))
    error = case.reject(decide(big))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("HEARING_ENDED", "hearing", "APL 65")


def test_no_decision_without_the_required_legal_review() -> None:
    case = drive(CaseStatus.INVESTIGATION_CONCLUDED)
    case.do(c.ServePriorNotice(occurred_at=at(9, 29, 9), actors=PAIR))
    case.do(c.WaiveStatement(occurred_at=at(9, 30), actors=(CASE_LEAD,)))
    error = case.reject(decide(current(case), (9, 30, 11)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("LEGAL_REVIEW_APPROVED", "proposal_hash", "APL 58")


def test_without_a_review_policy_a_small_case_is_decided_without_legal_review() -> None:
    case = drive(CaseStatus.INVESTIGATION_CONCLUDED, profile=RuleProfile(
        legal_review_policy=LegalReviewPolicy.APL58_ONLY))
    case.do(c.ServePriorNotice(occurred_at=at(9, 29, 9), actors=PAIR))
    case.do(c.WaiveStatement(occurred_at=at(9, 30), actors=(CASE_LEAD,)))
    case.do(decide(current(case), (9, 30, 11)))
    assert case.state.status is CaseStatus.DECIDED


def test_a_review_that_approved_an_earlier_proposal_does_not_cover_the_revised_one() -> None:
    case = reviewed()
    lighter = proposal(fine_amount_fen=yuan(300))
    case.do(c.ReviewStatement(occurred_at=at(10, 9, 11), actors=(CASE_LEAD,), reviews=(), revised_proposal=lighter))
    error = case.reject(decide(lighter))
    assert (error.rule, error.article) == ("LEGAL_REVIEW_APPROVED", "APL 58")
    assert "not the current proposal" in error.message
    case.do(c.RequestLegalReview(occurred_at=at(10, 14), actors=(CASE_LEAD,)))
    case.do(c.CompleteLegalReview(occurred_at=at(10, 14, 11), actors=(REVIEWER,), outcome=LegalReviewOutcome.APPROVED,
                                  proposal_hash=case.hash, opinion="同意"))
    case.do(decide(lighter, (10, 14, 12)))
    assert case.state.decision is not None and case.state.decision.proposal_hash == case.hash


def test_no_decision_without_a_required_collective_discussion_of_this_proposal() -> None:
    case = reviewed()
    case.profile = RuleProfile(collective_discussion_fine_threshold_fen=yuan(300))
    case.do(c.ReviewStatement(occurred_at=at(10, 9, 11), actors=(CASE_LEAD,), reviews=(),
                              revised_proposal=proposal(fine_amount_fen=yuan(400))))
    case.do(c.RequestLegalReview(occurred_at=at(10, 9, 12), actors=(CASE_LEAD,)))
    case.do(c.CompleteLegalReview(occurred_at=at(10, 10), actors=(REVIEWER,), outcome=LegalReviewOutcome.APPROVED,
                                  proposal_hash=case.hash, opinion="同意"))
    error = case.reject(decide(current(case)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("COLLECTIVE_DISCUSSION", "proposal_hash", "APL 57")
    alone = c.HoldCollectiveDiscussion(occurred_at=at(10, 14), actors=(PRINCIPAL,), proposal_hash=case.hash,
                                       conclusion="同意")
    assert (case.reject(alone).rule, case.reject(alone).article) == ("COLLECTIVE_PRINCIPALS", "APL 57")
    stale = replace(alone, actors=(PRINCIPAL, PRINCIPAL_2), proposal_hash="f" * 64)
    assert case.reject(stale).rule == "DISCUSSION_BINDS_PROPOSAL"
    case.do(replace(alone, actors=(PRINCIPAL, PRINCIPAL_2)))
    assert case.state.status is CaseStatus.COLLECTIVE_DISCUSSION
    case.do(decide(current(case), (10, 14, 11)))
    assert case.state.status is CaseStatus.DECIDED


def test_the_decision_follows_the_proposal() -> None:
    case = reviewed()
    error = case.reject(decide(current(case), fine_amount_fen=yuan(400)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("DECISION_FOLLOWS_PROPOSAL", "decision", "APL 57")
    assert "fine_amount_fen: 40000 ≠ proposed 50000" in error.message


def test_a_decision_fining_twice_is_rejected() -> None:
    case = reviewed()
    error = case.reject(decide(current(case), sanctions=(Sanction.FINE, Sanction.FINE)))
    assert (error.rule, error.field, error.article) == ("ONE_FINE", "sanctions", "APL 29")


def test_only_a_principal_decides() -> None:
    case = reviewed()
    error = case.reject(decide(current(case), by=CASE_LEAD))
    assert isinstance(error, RuleViolation) and (error.rule, error.field) == ("ROLE_PRINCIPAL", "actors")


FIRST_VIOLATION = Proposal(decision_type=DecisionType.NO_PENALTY, no_penalty_ground=NoPenaltyGround.FIRST_VIOLATION,
                           soft_list_item_id=SOFT_ITEM, soft_outcome=SoftOutcome.NO_PENALTY, grounds="首违不罚")


def test_no_penalty_under_apl_33_requires_education_first_and_needs_no_prior_notice() -> None:
    case = drive(CaseStatus.REVIEW_APPROVED, proposal=FIRST_VIOLATION)
    error = case.reject(decide(FIRST_VIOLATION, (9, 15)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("EDUCATION_GIVEN", "no_penalty_ground", "APL 33")
    case.do(c.GiveEducation(occurred_at=at(9, 15), actors=PAIR, content="宣讲市容管理条例"))
    events = case.do(decide(FIRST_VIOLATION, (9, 15, 11)))
    made = events[0]
    assert isinstance(made, DecisionMade) and made.fine_amount_fen() is None
    assert (made.soft_list_item_id, made.soft_outcome) == (SOFT_ITEM, SoftOutcome.NO_PENALTY)


def test_no_penalty_for_facts_not_established_needs_no_education() -> None:
    facts = Proposal(decision_type=DecisionType.NO_PENALTY, no_penalty_ground=NoPenaltyGround.FACTS_NOT_ESTABLISHED)
    case = drive(CaseStatus.REVIEW_APPROVED, proposal=facts)
    case.do(decide(facts, (9, 15)))
    assert case.state.status is CaseStatus.DECIDED


def test_a_decision_after_ninety_days_is_accepted_and_breaches_d7() -> None:
    case = reviewed()
    events = case.do(decide(current(case), (12, 5)))
    made = events[0]
    assert isinstance(made, DecisionMade) and made.late and made.decision_due_on == date(2025, 12, 2)
    breach = [e for e in events if isinstance(e, DeadlineBreached)]
    assert [(b.clock_key, b.due_on) for b in breach] == [("D7", date(2025, 12, 2))]
    assert case.state.clocks["D7"].status is ClockStatus.BREACHED
    assert "D7" in case.state.breached_deadlines and case.state.decision is not None and case.state.decision.late


def test_a_breach_already_reported_by_the_timer_stays_visible_after_the_decision() -> None:
    case = reviewed()
    breach_timer = Timer("D7", TimerKind.BREACH, at(12, 3, 0))
    warning = next(t for t in pending_timers(case.state.clocks) if t.clock_key == "D7")
    case.feed(*on_timer(case.state.clocks, warning, now=warning.fire_at))
    case.feed(*on_timer(case.state.clocks, breach_timer, now=at(12, 3, 0, 1)))
    assert case.state.clocks["D7"].status is ClockStatus.BREACHED
    events = case.do(decide(current(case), (12, 4)))
    assert not [e for e in events if isinstance(e, DeadlineBreached)]
    assert case.state.clocks["D7"].status is ClockStatus.BREACHED
    assert isinstance(events[0], DecisionMade) and events[0].late


def test_an_extension_approved_in_time_moves_the_decision_deadline() -> None:
    case = reviewed()
    case.do(c.ExtendDecisionDeadline(occurred_at=at(11, 20), actors=(PRINCIPAL,), extra_days=30, reason="案情复杂"))
    assert case.state.clocks["D7"].due_on == date(2026, 1, 1)
    assert case.state.clocks["D7"].provisional  # 2026 holidays are not loaded yet
    events = case.do(decide(current(case), (12, 5)))
    assert isinstance(events[0], DecisionMade) and not events[0].late
    assert case.state.clocks["D7"].status is ClockStatus.SATISFIED


def test_an_extension_after_the_deadline_passed_is_rejected() -> None:
    case = reviewed()
    error = case.reject(c.ExtendDecisionDeadline(occurred_at=at(12, 3), actors=(PRINCIPAL,), extra_days=30,
                                                 reason="案情复杂"))
    assert (error.rule, error.field, error.article) == ("EXTENSION_BEFORE_DUE", "occurred_at", "APL 60")


def test_only_a_principal_extends_the_decision_deadline() -> None:
    case = reviewed()
    error = case.reject(c.ExtendDecisionDeadline(occurred_at=at(11, 3), actors=(CASE_LEAD,), extra_days=30,
                                                 reason="x"))
    assert error.rule == "ROLE_PRINCIPAL"


def test_the_decision_is_dated_by_when_it_happened_even_if_entered_later() -> None:
    case = reviewed()
    case.do(decide(current(case)), recorded_at=at(10, 14) + timedelta(days=20))
    assert case.state.decision is not None and case.state.decision.decided_at == at(10, 14)
