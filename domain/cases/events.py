"""The facts of a general-procedure case stream (past tense). `EVENTS` decodes them, together with the deadline
clock events the case's clocks emit (`domain.deadlines.clocks.CLOCK_EVENTS`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.cases.commands import PointReview
from domain.cases.lead import FilingRefusalGround, LeadSource
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.payments import Installment, PaymentChannel
from domain.cases.proposal import DecisionType, Proposal
from domain.cases.review import JudgmentOutcome, ReconsiderationOutcome
from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.messages import Event, EventRegistry
from domain.values import Modifier, NoPenaltyGround, Party, Sanction, ServiceMethod, SoftOutcome

# --- lead and filing ---------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class LeadRegistered(Event):
    case_id: str
    town: str
    unit: str
    source: LeadSource
    discovered_at: datetime
    party: Party | None
    violation_type: str
    place: str
    violation_ended_on: date | None
    harm_to_life_health_or_finance: bool
    summary: str
    limitation_ends_on: date | None  # APL 36: the last day on which the violation could still be discovered
    time_barred: bool
    source_ref: str = ""  # added without a version bump: older events decode with the default


@dataclass(frozen=True, kw_only=True)
class VerificationStarted(Event):
    findings: str


@dataclass(frozen=True, kw_only=True)
class FilingRefused(Event):
    ground: FilingRefusalGround
    reason: str


@dataclass(frozen=True, kw_only=True)
class TransferredToAgency(Event):
    receiving_agency: str
    letter_no: str


@dataclass(frozen=True, kw_only=True)
class CaseFiled(Event):
    case_no: str
    enforcement_item: str
    violation_type: str
    officers: tuple[str, ...]
    case_lead: str
    party: Party | None


# --- investigation ---------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class InvestigationStarted(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class EvidenceCollected(Event):
    evidence_id: str
    kind: str
    description: str
    evidence_hash: str
    av_ref: str


@dataclass(frozen=True, kw_only=True)
class InquiryRecorded(Event):
    record_id: str
    person: str
    record_hash: str
    av_ref: str


@dataclass(frozen=True, kw_only=True)
class SiteRecorded(Event):
    record_id: str
    place: str
    record_hash: str
    av_ref: str


@dataclass(frozen=True, kw_only=True)
class EvidencePreserved(Event):
    preservation_id: str
    items: tuple[str, ...]
    approved_by: str


@dataclass(frozen=True, kw_only=True)
class PreservedEvidenceDecided(Event):
    preservation_id: str
    disposition: str


@dataclass(frozen=True, kw_only=True)
class CoerciveMeasureApplied(Event):
    measure_id: str
    measure: str
    items: tuple[str, ...]
    approved_by: str


@dataclass(frozen=True, kw_only=True)
class CoerciveMeasureReleased(Event):
    measure_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class RecusalRequested(Event):
    officer_id: str
    reason: str
    requested_by_party: bool


@dataclass(frozen=True, kw_only=True)
class RecusalDecided(Event):
    officer_id: str
    granted: bool
    replacement: str | None
    reason: str


# --- report, review, notice, statement, hearing, discussion ----------------------------------------------


@dataclass(frozen=True, kw_only=True)
class InvestigationReportSubmitted(Event):
    proposal: Proposal
    findings: str
    hearing_eligible: bool
    legal_review_required: bool
    collective_required: bool
    proposal_hash: str


@dataclass(frozen=True, kw_only=True)
class LegalReviewRequested(Event):
    proposal_hash: str


@dataclass(frozen=True, kw_only=True)
class LegalReviewCompleted(Event):
    outcome: LegalReviewOutcome
    proposal_hash: str
    opinion: str
    reviewer: str


@dataclass(frozen=True, kw_only=True)
class PriorNoticeServed(Event):
    method: ServiceMethod
    notice_no: str
    proposal: Proposal
    proposal_hash: str
    hearing_rights: bool  # the notice tells the party of the right to a hearing (APL 44/63)
    statement_window_ends_on: date
    hearing_request_ends_on: date | None


@dataclass(frozen=True, kw_only=True)
class StatementReceived(Event):
    points: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class StatementWaived(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class StatementWindowExpired(Event):
    window_ended_on: date


@dataclass(frozen=True, kw_only=True)
class StatementReviewed(Event):
    reviews: tuple[PointReview, ...]
    revised_proposal: Proposal | None
    hearing_eligible: bool
    legal_review_required: bool
    collective_required: bool
    proposal_hash: str
    renotice_required: bool  # APL 45: the revised proposal is heavier than the notified one


@dataclass(frozen=True, kw_only=True)
class HearingRequested(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class HearingNoticeServed(Event):
    hearing_on: date
    host: str
    place: str


@dataclass(frozen=True, kw_only=True)
class HearingHeld(Event):
    host: str
    record_ref: str


@dataclass(frozen=True, kw_only=True)
class PartyAbsentFromHearing(Event):
    """The party did not appear without good reason: deemed a waiver of the hearing (APL 65)."""


@dataclass(frozen=True, kw_only=True)
class CollectiveDiscussionHeld(Event):
    proposal_hash: str
    conclusion: str


@dataclass(frozen=True, kw_only=True)
class EducationGiven(Event):
    content: str


# --- decision, service, payment, closure -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DecisionDeadlineExtended(Event):
    extra_days: int
    reason: str
    new_due_on: date


@dataclass(frozen=True, kw_only=True)
class DecisionMade(Event):
    decision_type: DecisionType
    sanctions: tuple[Sanction, ...]
    fine_fen: int  # the fine imposed; `fine_amount_fen()` gives it to the typed column (None unless PENALTY)
    modifier: Modifier
    mitigating_grounds: tuple[str, ...]
    no_penalty_ground: NoPenaltyGround | None
    soft_list_item_id: str | None
    soft_outcome: SoftOutcome | None
    proposal_hash: str
    party_present: bool
    decision_due_on: date | None  # D7 as it stood
    late: bool  # decided after D7 (the clock is breached, not hidden)

    def fine_amount_fen(self) -> int | None:
        return self.fine_fen if self.decision_type is DecisionType.PENALTY else None


@dataclass(frozen=True, kw_only=True)
class DecisionDocumentIssued(Event):
    document_no: str


@dataclass(frozen=True, kw_only=True)
class DecisionServed(Event):
    method: ServiceMethod
    recipient: str
    payment_due_on: date | None


@dataclass(frozen=True, kw_only=True)
class DecisionDisclosureRecorded(Event):
    channel: str


@dataclass(frozen=True, kw_only=True)
class PaymentDeadlinePassed(Event):
    due_on: date


@dataclass(frozen=True, kw_only=True)
class DeferralApproved(Event):
    new_due_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class InstallmentApproved(Event):
    installments: tuple[Installment, ...]
    reason: str


@dataclass(frozen=True, kw_only=True)
class EnforcementDemandServed(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class CourtEnforcementApplied(Event):
    court: str


@dataclass(frozen=True, kw_only=True)
class PaymentReceived(Event):
    amount_fen: int
    channel: PaymentChannel
    receipt_no: str
    surcharge_fen: int  # the surcharge owed at payment (APL 72), included in what settles the case
    settles: bool  # fine and surcharge are now paid in full


@dataclass(frozen=True, kw_only=True)
class ObligationPerformedVerified(Event):
    obligation: str


@dataclass(frozen=True, kw_only=True)
class CaseClosed(Event):
    summary: str


@dataclass(frozen=True, kw_only=True)
class CaseArchived(Event):
    archive_no: str


# --- ending before a decision --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FilingWithdrawn(Event):
    reason: str


@dataclass(frozen=True, kw_only=True)
class CriminalTransferProposed(Event):
    reason: str


@dataclass(frozen=True, kw_only=True)
class CriminalTransferApproved(Event):
    reason: str


@dataclass(frozen=True, kw_only=True)
class CaseTransferredToPolice(Event):
    police_unit: str
    letter_no: str


# --- reconsideration and litigation --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ReconsiderationFiled(Event):
    authority: str


@dataclass(frozen=True, kw_only=True)
class ReconsiderationDecided(Event):
    outcome: ReconsiderationOutcome
    new_fine_amount_fen: int | None


@dataclass(frozen=True, kw_only=True)
class LitigationFiled(Event):
    court: str


@dataclass(frozen=True, kw_only=True)
class LitigationJudged(Event):
    outcome: JudgmentOutcome
    instance: int
    new_fine_amount_fen: int | None


@dataclass(frozen=True, kw_only=True)
class LitigationAppealed(Event):
    appellant: str


CASE_EVENTS: tuple[type[Event], ...] = (
    LeadRegistered, VerificationStarted, FilingRefused, TransferredToAgency, CaseFiled,
    InvestigationStarted, EvidenceCollected, InquiryRecorded, SiteRecorded, EvidencePreserved,
    PreservedEvidenceDecided, CoerciveMeasureApplied, CoerciveMeasureReleased, RecusalRequested, RecusalDecided,
    InvestigationReportSubmitted, LegalReviewRequested, LegalReviewCompleted, PriorNoticeServed,
    StatementReceived, StatementWaived, StatementWindowExpired, StatementReviewed, HearingRequested,
    HearingNoticeServed, HearingHeld, PartyAbsentFromHearing, CollectiveDiscussionHeld, EducationGiven,
    DecisionDeadlineExtended, DecisionMade, DecisionDocumentIssued, DecisionServed, DecisionDisclosureRecorded,
    PaymentDeadlinePassed, DeferralApproved, InstallmentApproved, EnforcementDemandServed, CourtEnforcementApplied,
    PaymentReceived, ObligationPerformedVerified, CaseClosed, CaseArchived, FilingWithdrawn,
    CriminalTransferProposed, CriminalTransferApproved, CaseTransferredToPolice, ReconsiderationFiled,
    ReconsiderationDecided, LitigationFiled, LitigationJudged, LitigationAppealed,
)

EVENTS = EventRegistry((*CASE_EVENTS, *CLOCK_EVENTS))
