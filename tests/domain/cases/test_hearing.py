"""Row 10: hearing — requested within 5 WD of the notice only when the proposal gives the right (APL 63/64),
notified at least 7 WD ahead, hosted by someone who never investigated the case (invariant 8); absence is a
deemed waiver."""

from __future__ import annotations

from datetime import date

from domain.cases import commands as c
from domain.cases.status import CaseStatus
from domain.errors import RuleViolation
from domain.values import yuan
from tests.domain.cases.builder import PAIR, CaseUnderTest, drive, proposal
from tests.domain.cases.fixtures import (
    CASE_LEAD,
    HOST,
    OFFICER_2,
    PRINCIPAL,
    PRINCIPAL_2,
    REVIEWER,
    SEVERE_BENCHMARK,
    at,
)

BIG = proposal(fine_amount_fen=yuan(20_000), benchmark_id=SEVERE_BENCHMARK)


def hearing_notice(hearing_on: date, *, host: str = HOST, when: tuple[int, int] = (10, 10)) -> c.ServeHearingNotice:
    return c.ServeHearingNotice(occurred_at=at(*when), actors=PAIR, hearing_on=hearing_on, host=host, place="镇政府")


def requested() -> CaseUnderTest:
    case = drive(CaseStatus.NOTICE_SERVED, proposal=BIG)
    case.do(c.RequestHearing(occurred_at=at(10, 9), actors=(CASE_LEAD,)))
    return case


def test_a_hearing_is_requested_within_five_working_days_of_the_notice() -> None:
    case = requested()
    assert case.state.status is CaseStatus.HEARING_REQUESTED and case.state.hearing is not None


def test_a_hearing_requested_after_the_window_is_rejected() -> None:
    case = drive(CaseStatus.NOTICE_SERVED, proposal=BIG)
    error = case.reject(c.RequestHearing(occurred_at=at(10, 14), actors=(CASE_LEAD,)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("HEARING_REQUEST_WINDOW", "occurred_at", "APL 64")
    assert "2025-10-13" in error.message


def test_a_hearing_is_refused_when_the_proposal_gives_no_right_to_one() -> None:
    case = drive(CaseStatus.NOTICE_SERVED)
    error = case.reject(c.RequestHearing(occurred_at=at(9, 30), actors=(CASE_LEAD,)))
    assert (error.rule, error.field, error.article) == ("HEARING_ELIGIBLE", "proposal", "APL 63")


def test_the_hearing_notice_comes_at_least_seven_working_days_before_the_hearing() -> None:
    case = requested()
    error = case.reject(hearing_notice(date(2025, 10, 17)))
    assert (error.rule, error.field, error.article) == ("HEARING_NOTICE_PERIOD", "hearing_on", "APL 64")
    assert "earliest hearing day is 2025-10-20" in error.message
    case.do(hearing_notice(date(2025, 10, 20)))
    assert case.state.status is CaseStatus.HEARING_NOTIFIED


def test_the_hearing_host_needs_the_host_role() -> None:
    error = requested().reject(hearing_notice(date(2025, 10, 20), host=OFFICER_2))
    assert (error.rule, error.field) == ("ROLE_HEARING_HOST", "host")


def test_an_investigator_of_the_case_may_not_host_its_hearing() -> None:
    case = drive(CaseStatus.INVESTIGATING, proposal=BIG)
    case.do(c.CollectEvidence(occurred_at=at(9, 5, 15), actors=(CASE_LEAD, HOST), evidence_id="ev-h", kind="PHOTO",
                              description="照片", evidence_hash="b" * 64, av_ref="av/2"))
    case.do(c.SubmitInvestigationReport(occurred_at=at(9, 10), actors=(CASE_LEAD,), proposal=BIG))
    case.do(c.ServePriorNotice(occurred_at=at(9, 29, 9), actors=PAIR))
    case.do(c.RequestHearing(occurred_at=at(9, 30), actors=(CASE_LEAD,)))
    error = case.reject(hearing_notice(date(2025, 10, 20)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("HOST_NOT_INVESTIGATOR", "host", "APL 64")


def test_the_named_host_holds_the_hearing_on_its_day_and_the_case_can_then_be_decided() -> None:
    case = requested()
    case.do(hearing_notice(date(2025, 10, 20)))
    early = c.HoldHearing(occurred_at=at(10, 17), actors=(HOST,))
    assert case.reject(early).rule == "HEARING_DAY"
    case.do(c.HoldHearing(occurred_at=at(10, 20), actors=(HOST,), record_ref="听证笔录-1"))
    assert case.state.status is CaseStatus.HEARING_CONCLUDED
    assert case.state.hearing is not None and case.state.hearing.ended_at == at(10, 20)
    case.do(c.HoldCollectiveDiscussion(occurred_at=at(10, 21), actors=(PRINCIPAL, PRINCIPAL_2),
                                       proposal_hash=case.hash, conclusion="维持处罚意见"))
    case.do(c.MakeDecision(occurred_at=at(10, 22), actors=(PRINCIPAL,), decision_type=BIG.decision_type,
                           sanctions=BIG.sanctions, fine_amount_fen=BIG.fine_amount_fen))
    assert case.state.status is CaseStatus.DECIDED


def test_a_party_absent_from_the_hearing_is_deemed_to_waive_it() -> None:
    case = requested()
    case.do(hearing_notice(date(2025, 10, 20)))
    case.do(c.RecordPartyAbsent(occurred_at=at(10, 20, 11), actors=(HOST,)))
    assert case.state.status is CaseStatus.HEARING_CONCLUDED
    assert case.state.hearing is not None and case.state.hearing.party_absent


def test_someone_other_than_the_named_host_cannot_record_the_hearing() -> None:
    case = requested()
    case.do(hearing_notice(date(2025, 10, 20)))
    error = case.reject(c.HoldHearing(occurred_at=at(10, 20), actors=(REVIEWER,)))
    assert error.rule == "ROLE_HEARING_HOST"

