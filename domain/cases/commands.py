"""What officers (and the workflow, as `SYSTEM_ACTOR`) ask a general-procedure case to do.

Every command carries `occurred_at` (when it happened in the world; late entry allowed, the future not) and
`actors` (officer ids, the first being the recording officer whose role is checked; field actions name the two
certified officers who acted, APL 42). Acts of the party (statements, hearing requests, payments, appeals) are
recorded by an officer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.cases.lead import FilingRefusalGround, LeadSource
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.payments import Installment, PaymentChannel
from domain.cases.proposal import DecisionType, Proposal
from domain.cases.review import JudgmentOutcome, ReconsiderationOutcome
from domain.messages import Command
from domain.values import Modifier, NoPenaltyGround, Party, Sanction, ServiceMethod, SoftOutcome

# --- lead and filing (rows 1–4) ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegisterLead(Command):
    case_id: str
    town: str
    unit: str
    source: LeadSource
    discovered_at: datetime
    party: Party | None
    violation_type: str
    place: str
    violation_ended_on: date | None = None  # the violation's (last) day; the limitation runs from it (APL 36)
    harm_to_life_health_or_finance: bool = False  # five-year limitation
    summary: str = ""
    source_ref: str = ""  # what the lead came from, e.g. the inspection finding id or the 12345 ticket number


@dataclass(frozen=True, kw_only=True)
class StartVerification(Command):
    findings: str = ""


@dataclass(frozen=True, kw_only=True)
class RefuseFiling(Command):
    ground: FilingRefusalGround
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class TransferToAgency(Command):
    receiving_agency: str
    letter_no: str


@dataclass(frozen=True, kw_only=True)
class FileCase(Command):
    case_no: str
    enforcement_item: str
    officers: tuple[str, ...]
    case_lead: str
    party: Party | None = None  # completes or corrects the party identified on verification


# --- investigation (row 5) ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class StartInvestigation(Command):
    pass


@dataclass(frozen=True, kw_only=True)
class CollectEvidence(Command):
    evidence_id: str
    kind: str
    description: str
    evidence_hash: str  # SHA-256 of the stored file (APL 47, invariant 9)
    av_ref: str  # the audio/video record of the collection


@dataclass(frozen=True, kw_only=True)
class RecordInquiry(Command):
    record_id: str
    person: str
    record_hash: str
    av_ref: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordSite(Command):
    record_id: str
    place: str
    record_hash: str
    av_ref: str


@dataclass(frozen=True, kw_only=True)
class PreserveEvidence(Command):
    preservation_id: str
    items: tuple[str, ...]
    approved_by: str  # the principal who approved (APL 56)


@dataclass(frozen=True, kw_only=True)
class DecidePreservedEvidence(Command):
    preservation_id: str
    disposition: str


@dataclass(frozen=True, kw_only=True)
class ApplyCoerciveMeasure(Command):
    measure_id: str
    measure: str  # SEALING 查封 / SEIZURE 扣押
    items: tuple[str, ...]
    approved_by: str


@dataclass(frozen=True, kw_only=True)
class ReleaseCoerciveMeasure(Command):
    measure_id: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class RequestRecusal(Command):
    officer_id: str
    reason: str
    requested_by_party: bool = True


@dataclass(frozen=True, kw_only=True)
class DecideRecusal(Command):
    officer_id: str
    granted: bool
    replacement: str | None = None  # required when the case lead or one of two officers steps aside
    reason: str = ""


# --- report, review, notice, statement, hearing, discussion (rows 6–11) -------------------------------------


@dataclass(frozen=True, kw_only=True)
class SubmitInvestigationReport(Command):
    proposal: Proposal
    findings: str = ""


@dataclass(frozen=True, kw_only=True)
class RequestLegalReview(Command):
    pass


@dataclass(frozen=True, kw_only=True)
class CompleteLegalReview(Command):
    outcome: LegalReviewOutcome
    proposal_hash: str
    opinion: str


@dataclass(frozen=True, kw_only=True)
class ServePriorNotice(Command):
    method: ServiceMethod = ServiceMethod.DIRECT
    notice_no: str = ""


@dataclass(frozen=True, kw_only=True)
class ReceiveStatement(Command):
    points: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class WaiveStatement(Command):
    pass


@dataclass(frozen=True, kw_only=True)
class RecordStatementWindowExpired(Command):
    pass


@dataclass(frozen=True)
class PointReview:
    point: str
    adopted: bool
    reason: str


@dataclass(frozen=True, kw_only=True)
class ReviewStatement(Command):
    reviews: tuple[PointReview, ...]
    revised_proposal: Proposal | None = None


@dataclass(frozen=True, kw_only=True)
class RequestHearing(Command):
    pass


@dataclass(frozen=True, kw_only=True)
class ServeHearingNotice(Command):
    hearing_on: date
    host: str
    place: str


@dataclass(frozen=True, kw_only=True)
class HoldHearing(Command):
    record_ref: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordPartyAbsent(Command):
    pass


@dataclass(frozen=True, kw_only=True)
class HoldCollectiveDiscussion(Command):
    proposal_hash: str
    conclusion: str


@dataclass(frozen=True, kw_only=True)
class GiveEducation(Command):
    content: str


# --- decision, service, payment, closure (rows 12–15) -------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ExtendDecisionDeadline(Command):
    extra_days: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class MakeDecision(Command):
    decision_type: DecisionType
    sanctions: tuple[Sanction, ...] = ()
    fine_amount_fen: int = 0
    modifier: Modifier = Modifier.NONE
    mitigating_grounds: tuple[str, ...] = ()
    no_penalty_ground: NoPenaltyGround | None = None
    soft_list_item_id: str | None = None
    soft_outcome: SoftOutcome | None = None
    party_present: bool = False  # present: the decision is handed over at once, else D12 (7 WD) starts


@dataclass(frozen=True, kw_only=True)
class IssueDecisionDocument(Command):
    document_no: str


@dataclass(frozen=True, kw_only=True)
class ServeDecision(Command):
    method: ServiceMethod
    recipient: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordDecisionDisclosure(Command):
    channel: str


@dataclass(frozen=True, kw_only=True)
class RecordPaymentDeadlinePassed(Command):
    pass


@dataclass(frozen=True, kw_only=True)
class ApproveDeferral(Command):
    new_due_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class ApproveInstallments(Command):
    installments: tuple[Installment, ...]
    reason: str


@dataclass(frozen=True, kw_only=True)
class ServeEnforcementDemand(Command):
    pass


@dataclass(frozen=True, kw_only=True)
class ApplyCourtEnforcement(Command):
    court: str


@dataclass(frozen=True, kw_only=True)
class ReceivePayment(Command):
    amount_fen: int
    channel: PaymentChannel
    receipt_no: str = ""


@dataclass(frozen=True, kw_only=True)
class VerifyObligationPerformed(Command):
    obligation: str


@dataclass(frozen=True, kw_only=True)
class CloseCase(Command):
    summary: str = ""


@dataclass(frozen=True, kw_only=True)
class ArchiveCase(Command):
    archive_no: str


# --- ending before a decision (row 16) ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class WithdrawFiling(Command):
    reason: str


@dataclass(frozen=True, kw_only=True)
class ProposeCriminalTransfer(Command):
    reason: str


@dataclass(frozen=True, kw_only=True)
class ApproveCriminalTransfer(Command):
    reason: str


@dataclass(frozen=True, kw_only=True)
class TransferCaseToPolice(Command):
    police_unit: str
    letter_no: str


# --- reconsideration and litigation against the decision ----------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FileReconsideration(Command):
    authority: str  # the district government (ARL 24)


@dataclass(frozen=True, kw_only=True)
class DecideReconsideration(Command):
    outcome: ReconsiderationOutcome
    new_fine_amount_fen: int | None = None  # CHANGED or MEDIATED to another amount


@dataclass(frozen=True, kw_only=True)
class FileLitigation(Command):
    court: str


@dataclass(frozen=True, kw_only=True)
class JudgeLitigation(Command):
    outcome: JudgmentOutcome
    instance: int = 1
    new_fine_amount_fen: int | None = None


@dataclass(frozen=True, kw_only=True)
class AppealLitigation(Command):
    appellant: str
