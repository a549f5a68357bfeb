"""Row 7: legal review — five outcomes, bound to the proposal hash, never by the case lead nor anyone else of the
case team (invariant 8, APL 58)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.cases import commands as c
from domain.cases.events import LegalReviewCompleted
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import ClockStatus
from domain.errors import RuleViolation
from domain.reference import Role
from domain.values import yuan
from tests.domain.cases.builder import CaseUnderTest, drive, proposal
from tests.domain.cases.fixtures import CASE_LEAD, OFFICER_2, OFFICER_3, REFERENCE, REVIEWER, at, sha


def review(case_hash: str, outcome: LegalReviewOutcome = LegalReviewOutcome.APPROVED, *, by: str = REVIEWER,
           when: tuple[int, int] = (9, 12)) -> c.CompleteLegalReview:
    return c.CompleteLegalReview(occurred_at=at(*when), actors=(by,), outcome=outcome, proposal_hash=case_hash,
                                 opinion="审核意见")


def test_requesting_a_review_starts_the_review_clock_bound_to_the_current_proposal() -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    assert case.state.review_requested_hash == case.hash
    assert case.state.clocks["D8"].status is ClockStatus.RUNNING


@pytest.mark.parametrize(("outcome", "status"), [
    (LegalReviewOutcome.APPROVED, CaseStatus.REVIEW_APPROVED),
    (LegalReviewOutcome.SUPPLEMENT_INVESTIGATION, CaseStatus.INVESTIGATING),
    (LegalReviewOutcome.REVISE, CaseStatus.INVESTIGATION_CONCLUDED),
    (LegalReviewOutcome.REFER_OUT, CaseStatus.REFERRAL_RECOMMENDED),
    (LegalReviewOutcome.NOT_PASSED, CaseStatus.REVIEW_NOT_PASSED),
])
def test_each_review_outcome_leads_to_its_status(outcome: LegalReviewOutcome, status: CaseStatus) -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    events = case.do(review(case.hash, outcome))
    assert isinstance(events[0], LegalReviewCompleted) and events[0].reviewer == REVIEWER
    assert case.state.status is status
    assert case.state.legal_review is not None and case.state.legal_review.proposal_hash == case.hash
    assert case.state.clocks["D8"].status is ClockStatus.SATISFIED


def test_the_case_lead_may_not_review_his_own_case_even_holding_the_reviewer_role() -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    error = case.reject(review(case.hash, by=CASE_LEAD))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("REVIEWER_NOT_CASE_LEAD", "actors", "APL 58")


def test_an_officer_without_the_reviewer_role_may_not_review() -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    error = case.reject(review(case.hash, by=OFFICER_2))
    assert (error.rule, error.field) == ("ROLE_LEGAL_REVIEWER", "actors")


def test_a_review_naming_another_proposal_is_rejected() -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    error = case.reject(review("0" * 64))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("REVIEW_BINDS_PROPOSAL", "proposal_hash", "APL 58")


def test_after_revise_a_review_bound_to_the_old_proposal_hash_is_rejected() -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    old = case.hash
    case.do(review(old, LegalReviewOutcome.REVISE))
    case.do(c.SubmitInvestigationReport(occurred_at=at(9, 15), actors=(CASE_LEAD,),
                                        proposal=proposal(fine_amount_fen=yuan(300))))
    assert case.hash != old
    case.do(c.RequestLegalReview(occurred_at=at(9, 16), actors=(CASE_LEAD,)))
    error = case.reject(review(old, when=(9, 17)))
    assert (error.rule, error.article) == ("REVIEW_BINDS_PROPOSAL", "APL 58")
    case.do(review(case.hash, when=(9, 17)))
    assert case.state.status is CaseStatus.REVIEW_APPROVED


def test_after_supplementary_investigation_a_new_report_goes_back_to_review() -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    case.do(review(case.hash, LegalReviewOutcome.SUPPLEMENT_INVESTIGATION))
    case.do(c.RecordInquiry(occurred_at=at(9, 15), actors=(CASE_LEAD, OFFICER_2), record_id="inq-2", person="证人",
                            record_hash="a" * 64))
    case.do(c.SubmitInvestigationReport(occurred_at=at(9, 16), actors=(CASE_LEAD,), proposal=proposal()))
    case.do(c.RequestLegalReview(occurred_at=at(9, 16, 11), actors=(CASE_LEAD,)))
    assert case.state.status is CaseStatus.LEGAL_REVIEW


def test_a_decision_is_not_possible_after_the_review_did_not_pass() -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    case.do(review(case.hash, LegalReviewOutcome.NOT_PASSED))
    decide = c.MakeDecision(occurred_at=at(10, 20), actors=("p1",), decision_type=proposal().decision_type,
                            sanctions=proposal().sanctions, fine_amount_fen=proposal().fine_amount_fen)
    error = case.reject(decide)
    assert error.rule == "TRANSITION" and "REVIEW_NOT_PASSED" in error.message


def _with_roles(case: CaseUnderTest, officer_id: str, *roles: Role) -> None:
    """The roster of `case` with `officer_id` holding `roles` as well (an officer also qualified to review)."""
    officer = REFERENCE.officers[officer_id]
    officers = {**REFERENCE.officers, officer_id: replace(officer, roles=officer.roles | set(roles))}
    case.reference = replace(REFERENCE, officers=officers)


def test_an_officer_the_filing_names_may_not_review_the_case_even_holding_the_reviewer_role() -> None:
    case = drive(CaseStatus.LEGAL_REVIEW)
    _with_roles(case, OFFICER_2, Role.LEGAL_REVIEWER)
    error = case.reject(review(case.hash, by=OFFICER_2))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("REVIEWER_INDEPENDENT", "actors", "APL 58")
    assert OFFICER_2 in error.message


def test_an_officer_who_acted_in_the_investigation_may_not_review_the_case() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    _with_roles(case, OFFICER_3, Role.LEGAL_REVIEWER)
    case.do(c.RecordInquiry(occurred_at=at(9, 5), actors=(CASE_LEAD, OFFICER_3), record_id="inq-3", person="张三",
                            record_hash=sha("inquiry-3")))
    case.do(c.SubmitInvestigationReport(occurred_at=at(9, 10), actors=(CASE_LEAD,), proposal=proposal(),
                                        findings="事实清楚"))
    case.do(c.RequestLegalReview(occurred_at=at(9, 11), actors=(CASE_LEAD,)))
    assert OFFICER_3 not in case.state.officers
    error = case.reject(review(case.hash, by=OFFICER_3))
    assert (error.rule, error.field, error.article) == ("REVIEWER_INDEPENDENT", "actors", "APL 58")
    case.do(review(case.hash))
    assert case.state.status is CaseStatus.REVIEW_APPROVED
