"""The 露天焚烧秸秆 (open straw burning) scenario: found on an inspection, filed, investigated, reviewed, noticed,
heard, decided, served, paid, closed and archived, entered as an officer would (late entry, 补录), through the
client facade only. Dates are relative to `base` so the scenario runs on any day."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from domain.cases import commands as c
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.proposal import DecisionType, Proposal
from domain.inspections.commands import RecordInspection
from domain.inspections.findings import FindingDraft, FindingKind
from domain.messages import Command
from domain.values import Modifier, Party, PartyType, Sanction, ServiceMethod, yuan
from workflows.client import StreamClient
from workflows.procedures import INSPECTION

TOWN, UNIT = "zhangjiawo", "zhangjiawo-bureau"
LEAD, OFFICER, OFFICER_2 = "zjw-lead-1", "zjw-officer-1", "zjw-officer-2"
REVIEWER, PRINCIPAL = "zjw-reviewer-1", "zjw-principal-1"
PAIR = (LEAD, OFFICER)
FINE = yuan(1000)
PARTY = Party(name="赵某某", party_type=PartyType.CITIZEN, id_number="120111196805123456",
              address="天津市西青区张家窝镇某村", phone="13800000000")

EXPECTED_CASE_EVENTS = [
    "LeadRegistered", "VerificationStarted", "CaseFiled", "InvestigationStarted", "EvidenceCollected",
    "InquiryRecorded", "SiteRecorded", "InvestigationReportSubmitted", "LegalReviewRequested",
    "LegalReviewCompleted", "PriorNoticeServed", "StatementReceived", "StatementReviewed", "DecisionMade",
    "DecisionDocumentIssued", "DecisionServed", "PaymentReceived", "CaseClosed", "CaseArchived",
]

PROPOSAL = Proposal(decision_type=DecisionType.PENALTY, sanctions=(Sanction.FINE,), fine_amount_fen=FINE,
                    modifier=Modifier.NONE, benchmark_id="HB-STRAW-BURNING-2",
                    grounds="在人口集中地区露天焚烧秸秆，违反《中华人民共和国大气污染防治法》第七十七条")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inspection(inspection_id: str, base: datetime) -> RecordInspection:
    return RecordInspection(
        occurred_at=base, actors=(OFFICER, OFFICER_2), inspection_id=inspection_id, town=TOWN, unit=UNIT,
        place="张家窝镇某村东侧农田", items_checked=("HB-STRAW-BURNING",), certificates_shown=True,
        site_record="农田东侧有大面积焚烧痕迹，烟尘明显，当事人在场", started_at=base - timedelta(minutes=40),
        findings=(FindingDraft(kind=FindingKind.LEAD_FOR_FILING, violation_type="OPEN_STRAW_BURNING", party=PARTY,
                               description="当事人在农田内露天焚烧秸秆", item_code="HB-STRAW-BURNING"),))


Step = Callable[[dict[str, object]], Command]


def case_steps(base: datetime) -> list[Step]:
    """Each step builds its command from the case's current state (the workflow's `state` query)."""
    def at(days: int, hour: int = 10) -> datetime:
        return base + timedelta(days=days, hours=hour - base.hour)

    return [
        lambda s: c.StartVerification(occurred_at=at(1), actors=PAIR, findings="现场核实，违法事实存在"),
        lambda s: c.FileCase(occurred_at=at(2), actors=(PRINCIPAL,), case_no="津西青张综执立〔2026〕31号",
                             enforcement_item="HB-STRAW-BURNING", officers=PAIR, case_lead=LEAD),
        lambda s: c.StartInvestigation(occurred_at=at(3), actors=(LEAD,)),
        lambda s: c.CollectEvidence(occurred_at=at(3, 11), actors=PAIR, evidence_id="ev-1", kind="PHOTO",
                                    description="焚烧现场照片", evidence_hash=sha("photo"), av_ref="av/cam-7/1"),
        lambda s: c.RecordInquiry(occurred_at=at(4), actors=PAIR, record_id="inq-1", person=PARTY.name,
                                  record_hash=sha("inquiry")),
        lambda s: c.RecordSite(occurred_at=at(4, 11), actors=PAIR, record_id="site-1", place="某村东侧农田",
                               record_hash=sha("site"), av_ref="av/cam-7/2"),
        lambda s: c.SubmitInvestigationReport(occurred_at=at(8), actors=(LEAD,), proposal=PROPOSAL,
                                              findings="事实清楚，证据确凿"),
        lambda s: c.RequestLegalReview(occurred_at=at(9), actors=(LEAD,)),
        lambda s: c.CompleteLegalReview(occurred_at=at(10), actors=(REVIEWER,), outcome=LegalReviewOutcome.APPROVED,
                                        proposal_hash=_proposal_hash(s), opinion="事实清楚，适用法律正确，同意"),
        lambda s: c.ServePriorNotice(occurred_at=at(14, 9), actors=PAIR, notice_no="津西青张综执告〔2026〕31号"),
        lambda s: c.ReceiveStatement(occurred_at=at(15), actors=(LEAD,), points=("初次违法，请求从轻",)),
        lambda s: c.ReviewStatement(occurred_at=at(29), actors=(LEAD,), reviews=(
            c.PointReview("初次违法，请求从轻", adopted=False, reason="罚款已按一般情节基准确定"),)),
        lambda s: c.MakeDecision(occurred_at=at(30), actors=(PRINCIPAL,), decision_type=DecisionType.PENALTY,
                                 sanctions=PROPOSAL.sanctions, fine_amount_fen=FINE, modifier=Modifier.NONE),
        lambda s: c.IssueDecisionDocument(occurred_at=at(30, 15), actors=(LEAD,),
                                          document_no="津西青张综执罚〔2026〕31号"),
        lambda s: c.ServeDecision(occurred_at=at(31), actors=PAIR, method=ServiceMethod.DIRECT, recipient=PARTY.name),
        lambda s: c.ReceivePayment(occurred_at=at(35), actors=(LEAD,), amount_fen=FINE, channel=c.PaymentChannel.BANK,
                                   receipt_no="bank-2026-31"),
        lambda s: c.CloseCase(occurred_at=at(36), actors=(PRINCIPAL,), summary="罚款已缴清，违法行为已改正"),
        lambda s: c.ArchiveCase(occurred_at=at(37), actors=(LEAD,), archive_no="档〔2026〕31号"),
    ]


def scenario_base(now: datetime) -> datetime:
    """Far enough back for the whole case (37 days, statement window included) to lie in the past."""
    return (now - timedelta(days=45)).replace(hour=9, minute=30, second=0, microsecond=0)


async def run_case(
    client: StreamClient,
    inspection_id: str,
    base: datetime,
    *,
    between: Callable[[int], Awaitable[None]] | None = None,
    first_step: int = 0,
) -> str:
    """Record the inspection (unless resuming) and drive the case it opens to the archive; returns the case id.
    `between(i)` runs before step i (the kill -9 test restarts the worker there)."""
    case_id = f"case:{inspection_id}/1"
    if first_step == 0:
        await client.start(INSPECTION, inspection_id, TOWN, inspection(inspection_id, base),
                           request_id=f"{inspection_id}:record")
        await _wait_for(client, case_id)
    for index, step in enumerate(case_steps(base)[first_step:], start=first_step):
        if between is not None:
            await between(index)
        state = await client.state(case_id)
        await client.step(case_id, step(state), request_id=f"{case_id}:step-{index}")
    return case_id


async def _wait_for(client: StreamClient, stream_id: str) -> None:
    import asyncio

    for _ in range(200):
        if await client.exists(stream_id) and (await client.head(stream_id))["seq"] > 0:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{stream_id} was not opened by its inspection")


def _proposal_hash(state: dict[str, object]) -> str:
    assessment = state["assessment"]
    assert isinstance(assessment, dict)
    return str(assessment["proposal_hash"])
