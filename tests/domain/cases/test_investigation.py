"""Row 5: investigation acts — evidence by hash with A/V references (invariant 9), inquiry and site records,
evidence preservation (D4), coercive measures (D5), recusal — and row 6, the report by the case lead."""

from __future__ import annotations

from datetime import date

import pytest

from domain.cases import commands as c
from domain.cases.events import EvidenceCollected, EvidencePreserved, InvestigationReportSubmitted
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import ClockStatus, DeadlineBreached, DeadlineStarted
from domain.errors import InvalidTransition, RuleViolation, ValidationError
from tests.domain.cases.builder import PAIR, PENALTY, drive
from tests.domain.cases.fixtures import AUXILIARY, CASE_LEAD, OFFICER_2, OFFICER_3, PRINCIPAL, at, sha


def evidence(**overrides: object) -> c.CollectEvidence:
    fields: dict[str, object] = dict(occurred_at=at(9, 5, 15), actors=PAIR, evidence_id="ev-9", kind="VIDEO",
                                     description="执法记录仪视频", evidence_hash=sha("video"), av_ref="av/cam/1")
    fields.update(overrides)
    return c.CollectEvidence(**fields)  # type: ignore[arg-type]


def test_evidence_is_kept_by_its_sha256_with_its_av_reference() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    events = case.do(evidence())
    assert isinstance(events[0], EvidenceCollected) and events[0].evidence_hash == sha("video")
    assert case.state.evidence[-1].sha256 == sha("video") and case.state.evidence[-1].av_ref == "av/cam/1"
    assert case.state.status is CaseStatus.INVESTIGATING


@pytest.mark.parametrize("digest", ["", "abc", sha("x").upper(), sha("x")[:-1] + "g"])
def test_evidence_without_a_well_formed_sha256_is_rejected(digest: str) -> None:
    error = drive(CaseStatus.INVESTIGATING).reject(evidence(evidence_hash=digest))
    assert isinstance(error, ValidationError)
    assert (error.rule, error.field, error.article) == ("EVIDENCE_HASH", "evidence_hash", "APL 47")


def test_evidence_and_site_records_without_an_av_reference_are_rejected() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    assert (case.reject(evidence(av_ref=" ")).rule, case.reject(evidence(av_ref="")).article) == ("AV_RECORD", "APL 47")
    site = c.RecordSite(occurred_at=at(9, 5, 15), actors=PAIR, record_id="site-9", place="路口",
                        record_hash=sha("s"), av_ref="")
    assert case.reject(site).rule == "AV_RECORD"


def test_the_same_record_id_cannot_enter_the_file_twice() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    case.do(evidence())
    assert case.reject(evidence(occurred_at=at(9, 5, 16))).rule == "DISTINCT_RECORD"


def test_evidence_collected_with_an_auxiliary_as_second_officer_is_rejected() -> None:
    error = drive(CaseStatus.INVESTIGATING).reject(evidence(actors=(CASE_LEAD, AUXILIARY)))
    assert isinstance(error, RuleViolation) and (error.rule, error.article) == ("TWO_CERTIFIED_OFFICERS", "APL 42")


def test_evidence_cannot_be_collected_before_the_investigation_starts() -> None:
    case = drive(CaseStatus.FILED)
    error = case.reject(evidence(occurred_at=at(9, 3, 12)))
    assert isinstance(error, InvalidTransition)
    assert "CollectEvidence is not allowed in GENERAL status FILED; allowed from INVESTIGATING" in error.message


def test_preservation_needs_a_principal_approval_and_starts_the_seven_working_day_clock() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    bad = c.PreserveEvidence(occurred_at=at(9, 5, 15), actors=PAIR, preservation_id="pr-1", items=("三轮车",),
                             approved_by=OFFICER_2)
    assert (case.reject(bad).rule, case.reject(bad).field) == ("ROLE_PRINCIPAL", "approved_by")
    events = case.do(c.PreserveEvidence(occurred_at=at(9, 26, 15), actors=PAIR, preservation_id="pr-1",
                                        items=("三轮车",), approved_by=PRINCIPAL))
    assert isinstance(events[0], EvidencePreserved)
    started = events[1]
    assert isinstance(started, DeadlineStarted) and started.clock_key == "D4:pr-1"
    # 9-28 (makeup Sunday), 9-29, 9-30, 10-09, 10-10, 10-11 (makeup Saturday), 10-13: National Day does not count
    assert started.due_on == date(2025, 10, 13)
    assert case.state.open_preservations == {"pr-1"}


def test_deciding_on_preserved_evidence_in_time_satisfies_d4_and_late_breaches_it() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    case.do(c.PreserveEvidence(occurred_at=at(9, 8), actors=PAIR, preservation_id="pr-1", items=("三轮车",),
                               approved_by=PRINCIPAL))
    case.do(c.PreserveEvidence(occurred_at=at(9, 8, 11), actors=PAIR, preservation_id="pr-2", items=("遮阳伞",),
                               approved_by=PRINCIPAL))
    case.do(c.DecidePreservedEvidence(occurred_at=at(9, 9), actors=(PRINCIPAL,), preservation_id="pr-1",
                                      disposition="退还"))
    late = case.do(c.DecidePreservedEvidence(occurred_at=at(9, 30), actors=(PRINCIPAL,), preservation_id="pr-2",
                                             disposition="没收"))
    assert case.state.clocks["D4:pr-1"].status is ClockStatus.SATISFIED
    assert isinstance(late[1], DeadlineBreached) and case.state.clocks["D4:pr-2"].status is ClockStatus.BREACHED
    assert case.state.open_preservations == frozenset()


def test_a_coercive_measure_runs_for_thirty_days_until_released() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    case.do(c.ApplyCoerciveMeasure(occurred_at=at(9, 8), actors=PAIR, measure_id="m-1", measure="SEIZURE",
                                   items=("烧烤炉",), approved_by=PRINCIPAL))
    assert case.state.clocks["D5:m-1"].due_on == date(2025, 10, 9)  # 10-08 is a holiday
    case.do(c.ReleaseCoerciveMeasure(occurred_at=at(9, 9), actors=PAIR, measure_id="m-1", reason="已整改"))
    assert case.state.clocks["D5:m-1"].status is ClockStatus.SATISFIED and not case.state.open_measures
    again = c.ReleaseCoerciveMeasure(occurred_at=at(9, 9, 11), actors=PAIR, measure_id="m-1")
    assert case.reject(again).rule == "OPEN_MEASURE"


def test_a_recused_officer_is_replaced_and_may_no_longer_act() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    case.do(c.RequestRecusal(occurred_at=at(9, 6), actors=(CASE_LEAD,), officer_id=OFFICER_2, reason="系当事人亲属"))
    missing = c.DecideRecusal(occurred_at=at(9, 7), actors=(PRINCIPAL,), officer_id=OFFICER_2, granted=True)
    assert case.reject(missing).rule == "RECUSAL_REPLACEMENT"
    case.do(c.DecideRecusal(occurred_at=at(9, 7), actors=(PRINCIPAL,), officer_id=OFFICER_2, granted=True,
                            replacement=OFFICER_3))
    assert case.state.officers == (CASE_LEAD, OFFICER_3) and case.state.recused == {OFFICER_2}
    error = case.reject(evidence(occurred_at=at(9, 8)))
    assert isinstance(error, RuleViolation) and (error.rule, error.article) == ("RECUSED_OFFICER", "APL 43")
    case.do(evidence(occurred_at=at(9, 8), actors=(CASE_LEAD, OFFICER_3)))


def test_recusal_of_someone_not_on_the_case_or_not_requested_is_rejected() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    assert case.reject(c.RequestRecusal(occurred_at=at(9, 6), actors=(CASE_LEAD,), officer_id=OFFICER_3,
                                        reason="x")).rule == "CASE_OFFICER"
    assert case.reject(c.DecideRecusal(occurred_at=at(9, 6), actors=(PRINCIPAL,), officer_id=OFFICER_2,
                                       granted=False)).rule == "RECUSAL_REQUESTED"


def test_only_the_case_lead_submits_the_investigation_report() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    report = c.SubmitInvestigationReport(occurred_at=at(9, 10), actors=(OFFICER_3,), proposal=PENALTY)
    error = case.reject(report)
    assert isinstance(error, RuleViolation) and (error.rule, error.article) == ("CASE_LEAD_REPORTS", "APL 57")
    events = case.do(c.SubmitInvestigationReport(occurred_at=at(9, 10), actors=(CASE_LEAD,), proposal=PENALTY))
    submitted = events[0]
    assert isinstance(submitted, InvestigationReportSubmitted)
    assert (submitted.hearing_eligible, submitted.legal_review_required, submitted.collective_required) == (
        False, True, False)
    assert case.state.status is CaseStatus.INVESTIGATION_CONCLUDED
    assert case.state.proposal_hash == submitted.proposal_hash and len(submitted.proposal_hash) == 64
