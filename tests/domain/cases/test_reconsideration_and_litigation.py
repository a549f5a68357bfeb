"""Reconsideration and litigation recorded against a decided case, and what their outcomes expose."""

from __future__ import annotations

from datetime import date

import pytest

from domain.cases import commands as c
from domain.cases.review import DecisionStanding, JudgmentOutcome, ReconsiderationOutcome
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import ClockStatus
from domain.errors import InvalidTransition, RuleViolation, ValidationError
from domain.values import yuan
from tests.domain.cases.builder import CaseUnderTest, drive
from tests.domain.cases.fixtures import CASE_LEAD, PRINCIPAL, at


def filed(status: CaseStatus = CaseStatus.SERVED) -> CaseUnderTest:
    case = drive(status)
    case.do(c.FileReconsideration(occurred_at=at(10, 27), actors=(CASE_LEAD,), authority="西青区人民政府"))
    return case


def decided(case: CaseUnderTest, outcome: ReconsiderationOutcome, **kw: object) -> None:
    case.do(c.DecideReconsideration(occurred_at=at(11, 20), actors=(CASE_LEAD,), outcome=outcome, **kw))  # type: ignore[arg-type]


def test_filing_a_reconsideration_meets_the_party_window_and_freezes_the_surcharge() -> None:
    case = filed()
    assert case.state.challenge_pending and case.state.status is CaseStatus.SERVED
    assert case.state.clocks["D19"].status is ClockStatus.SATISFIED
    assert case.state.frozen_spans[-1].start == date(2025, 10, 27) and case.state.frozen_spans[-1].end is None


def test_reconsideration_outcome_revoked_marks_the_decision_revoked_and_cancels_the_fine() -> None:
    case = filed()
    decided(case, ReconsiderationOutcome.REVOKED)
    assert case.state.standing is DecisionStanding.REVOKED and case.state.standing.adverse
    assert case.state.fine_fen == 0 and not case.state.challenge_pending
    assert case.state.frozen_spans[-1].end == date(2025, 11, 20)
    assert case.state.clocks["D23R"].due_on == date(2025, 12, 5)
    case.do(c.CloseCase(occurred_at=at(11, 21), actors=(PRINCIPAL,), summary="决定被撤销"))
    assert case.state.status is CaseStatus.CLOSED


def test_a_revoked_decision_that_was_disclosed_must_be_withdrawn_from_disclosure() -> None:
    case = drive(CaseStatus.SERVED)
    case.do(c.RecordDecisionDisclosure(occurred_at=at(10, 20), actors=(CASE_LEAD,), channel="区政府网站"))
    case.do(c.FileReconsideration(occurred_at=at(10, 27), actors=(CASE_LEAD,), authority="西青区人民政府"))
    decided(case, ReconsiderationOutcome.CONFIRMED_ILLEGAL)
    assert case.state.standing is DecisionStanding.CONFIRMED_ILLEGAL and case.state.disclosure_withdrawal_due


@pytest.mark.parametrize(("outcome", "standing"), [
    (ReconsiderationOutcome.MAINTAINED, DecisionStanding.IN_FORCE),
    (ReconsiderationOutcome.TERMINATED, DecisionStanding.IN_FORCE),
    (ReconsiderationOutcome.MEDIATED, DecisionStanding.IN_FORCE),
    (ReconsiderationOutcome.CHANGED, DecisionStanding.CHANGED),
    (ReconsiderationOutcome.REVOKED_REDO, DecisionStanding.REVOKED),
    (ReconsiderationOutcome.CONFIRMED_VOID, DecisionStanding.CONFIRMED_VOID),
])
def test_each_reconsideration_outcome_sets_the_decision_standing(outcome: ReconsiderationOutcome,
                                                                  standing: DecisionStanding) -> None:
    case = filed()
    decided(case, outcome)
    assert case.state.standing is standing
    assert case.state.redo_required is (outcome is ReconsiderationOutcome.REVOKED_REDO)


def test_a_changed_fine_is_what_the_party_owes() -> None:
    case = filed()
    decided(case, ReconsiderationOutcome.CHANGED, new_fine_amount_fen=yuan(300))
    assert case.state.fine_fen == yuan(300) and case.state.outstanding_fen(date(2025, 11, 20)) == yuan(300)
    # the days under review (10-27 … 11-20) never counted; the surcharge on the changed fine runs again after them
    assert case.state.surcharge_fen(date(2025, 11, 21)) == yuan(9)
    with pytest.raises(ValidationError):
        case.do(c.DecideReconsideration(occurred_at=at(11, 21), actors=(CASE_LEAD,),
                                        outcome=ReconsiderationOutcome.MAINTAINED))


def test_a_new_fine_comes_only_with_a_changing_outcome() -> None:
    case = filed()
    error = case.reject(c.DecideReconsideration(occurred_at=at(11, 20), actors=(CASE_LEAD,),
                                                outcome=ReconsiderationOutcome.MAINTAINED,
                                                new_fine_amount_fen=yuan(100)))
    assert (error.rule, error.field) == ("NEW_FINE", "new_fine_amount_fen")


def test_the_party_cannot_sue_while_the_reconsideration_is_pending() -> None:
    case = filed()
    error = case.reject(c.FileLitigation(occurred_at=at(11, 3), actors=(CASE_LEAD,), court="西青区人民法院"))
    assert isinstance(error, RuleViolation) and (error.rule, error.article) == ("ONE_CHALLENGE_AT_A_TIME", "ARL 29")


def test_litigation_is_judged_and_appealed_and_the_final_judgment_sets_the_standing() -> None:
    case = drive(CaseStatus.CLOSED)
    case.do(c.FileLitigation(occurred_at=at(11, 3), actors=(CASE_LEAD,), court="西青区人民法院"))
    assert case.state.clocks["D23"].status is ClockStatus.SATISFIED
    case.do(c.JudgeLitigation(occurred_at=at(12, 20), actors=(CASE_LEAD,), outcome=JudgmentOutcome.DISMISSED))
    assert case.state.standing is DecisionStanding.IN_FORCE
    case.do(c.AppealLitigation(occurred_at=at(12, 25), actors=(CASE_LEAD,), appellant="张三"))
    assert case.state.challenge_pending and case.state.challenges[-1].instance == 2
    wrong = c.JudgeLitigation(occurred_at=at(3, 1, year=2026), actors=(CASE_LEAD,), outcome=JudgmentOutcome.REVOKED)
    assert case.reject(wrong).rule == "INSTANCE"
    case.do(c.JudgeLitigation(occurred_at=at(3, 1, year=2026), actors=(CASE_LEAD,), outcome=JudgmentOutcome.REVOKED,
                              instance=2))
    assert case.state.standing is DecisionStanding.REVOKED and case.state.status is CaseStatus.CLOSED


def test_an_appeal_needs_a_first_instance_judgment() -> None:
    case = drive(CaseStatus.SERVED)
    error = case.reject(c.AppealLitigation(occurred_at=at(10, 20), actors=(CASE_LEAD,), appellant="张三"))
    assert error.rule == "FIRST_INSTANCE_JUDGED"


def test_no_reconsideration_against_a_case_not_yet_decided() -> None:
    case = drive(CaseStatus.STATEMENT_REVIEW)
    error = case.reject(c.FileReconsideration(occurred_at=at(10, 10), actors=(CASE_LEAD,), authority="区政府"))
    assert isinstance(error, InvalidTransition) and error.article == "ARL 20"
