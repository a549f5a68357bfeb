"""What the case waits for and from whom (officers' task lists), and the stream columns it gives its events."""

from __future__ import annotations

from datetime import date

from domain.cases import commands as c
from domain.cases.context import stream_context
from domain.cases.state import CaseState
from domain.cases.status import CaseStatus
from domain.cases.tasks import next_steps
from domain.reference import Role
from domain.tasks import NextStep
from tests.domain.cases.builder import PAIR, drive
from tests.domain.cases.fixtures import CASE_LEAD, PRINCIPAL, at


def steps(status: CaseStatus, **kw: object) -> tuple[NextStep, ...]:
    return next_steps(drive(status, **kw).state)  # type: ignore[arg-type]


def test_a_new_lead_waits_for_verification_and_a_filing_decision_by_its_deadline() -> None:
    assert steps(CaseStatus.LEAD_REGISTERED) == (
        NextStep("StartVerification", Role.OFFICER, date(2025, 9, 22), "D2"),
        NextStep("FileCase", Role.PRINCIPAL, date(2025, 9, 22), "D2"),
    )


def test_an_investigation_waits_for_the_case_leads_report_within_the_90_days() -> None:
    assert steps(CaseStatus.INVESTIGATING) == (NextStep("SubmitInvestigationReport", Role.CASE_LEAD,
                                                        date(2025, 12, 2), "D7"),)


def test_after_the_report_the_required_review_is_asked_for_then_the_reviewer_acts() -> None:
    assert steps(CaseStatus.INVESTIGATION_CONCLUDED) == (NextStep("ServePriorNotice", Role.OFFICER, None),
                                                         NextStep("RequestLegalReview", Role.CASE_LEAD, None))
    assert steps(CaseStatus.LEGAL_REVIEW) == (NextStep("CompleteLegalReview", Role.LEGAL_REVIEWER, date(2025, 9, 25),
                                                       "D8"),)
    assert steps(CaseStatus.REVIEW_APPROVED) == (NextStep("ServePriorNotice", Role.OFFICER, None),)


def test_after_the_notice_the_case_waits_for_the_statement_window_then_the_decision() -> None:
    assert steps(CaseStatus.NOTICE_SERVED) == (
        NextStep("RecordStatementWindowExpired", Role.OFFICER, date(2025, 10, 13), "D9"),)
    assert steps(CaseStatus.STATEMENT_REVIEW) == (
        NextStep("RecordStatementWindowExpired", Role.OFFICER, date(2025, 10, 13), "D9"),
        NextStep("ReviewStatement", Role.CASE_LEAD, None))
    case = drive(CaseStatus.STATEMENT_REVIEW)
    case.do(c.ReviewStatement(occurred_at=at(10, 9), actors=(CASE_LEAD,), reviews=(
        c.PointReview("经营困难，请求从轻", adopted=False, reason="x"),)))
    case.do(c.RecordStatementWindowExpired(occurred_at=at(10, 14, 0, 1), actors=("system",)))
    assert next_steps(case.state) == (NextStep("MakeDecision", Role.PRINCIPAL, date(2025, 12, 2), "D7"),)


def test_after_the_decision_come_document_service_payment_closure_and_archive() -> None:
    assert steps(CaseStatus.DECIDED) == (NextStep("IssueDecisionDocument", Role.OFFICER, date(2025, 10, 23),
                                                                         "D12"),)
    assert steps(CaseStatus.SERVED) == (NextStep("ReceivePayment", Role.OFFICER, date(2025, 10, 30), "D15"),
                                        NextStep("RecordDecisionDisclosure", Role.OFFICER, date(2025, 10, 24),
                                                 "D17"))
    assert steps(CaseStatus.PERFORMED)[0] == NextStep("CloseCase", Role.PRINCIPAL, None)
    assert steps(CaseStatus.CLOSED)[0] == NextStep("ArchiveCase", Role.OFFICER, None)


def test_open_preservations_are_tasks_for_the_principal() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    case.do(c.PreserveEvidence(occurred_at=at(9, 8), actors=PAIR, preservation_id="pr-1", items=("车",),
                               approved_by=PRINCIPAL))
    assert NextStep("DecidePreservedEvidence", Role.PRINCIPAL, date(2025, 9, 17), "D4:pr-1") in next_steps(case.state)


def test_the_stream_context_names_the_case_its_town_procedure_and_status() -> None:
    case = drive(CaseStatus.FILED)
    ctx = stream_context(case.state)
    assert (ctx.stream_id, ctx.stream_kind, ctx.town, ctx.unit, ctx.procedure, ctx.violation_type, ctx.status) == (
        "case-1", "CASE", "ZJW", "ZJW-ZFJ", "GENERAL", "ROAD_OCCUPATION_VENDING", "FILED")
    assert stream_context(CaseState()).status == "NEW"
