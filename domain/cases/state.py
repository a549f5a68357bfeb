"""The state of a general-procedure case as its events leave it (folded by `GeneralCaseDecider.evolve`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.cases.lead import LeadSource
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.payments import FrozenSpan, Installment, PaymentChannel, surcharge_fen
from domain.cases.proposal import Assessment, DecisionType, Proposal
from domain.cases.review import DecisionStanding
from domain.cases.status import CaseStatus
from domain.deadlines.clocks import Clock
from domain.values import Modifier, NoPenaltyGround, Party, Sanction, ServiceMethod, SoftOutcome


@dataclass(frozen=True)
class Lead:
    source: LeadSource
    discovered_at: datetime
    place: str
    violation_ended_on: date | None
    limitation_ends_on: date | None
    time_barred: bool
    summary: str


@dataclass(frozen=True)
class EvidenceRef:
    """A piece of evidence or a record, stored by hash with its audio/video reference (APL 47, invariant 9)."""

    record_id: str
    kind: str
    sha256: str
    av_ref: str


@dataclass(frozen=True)
class LegalReview:
    outcome: LegalReviewOutcome
    proposal_hash: str
    reviewer: str
    completed_at: datetime


@dataclass(frozen=True)
class Notice:
    served_at: datetime
    proposal: Proposal
    proposal_hash: str


@dataclass(frozen=True)
class Hearing:
    requested_at: datetime
    hearing_on: date | None = None
    host: str | None = None
    ended_at: datetime | None = None
    party_absent: bool = False


@dataclass(frozen=True)
class Decision:
    decision_type: DecisionType
    sanctions: tuple[Sanction, ...]
    fine_fen: int
    modifier: Modifier
    no_penalty_ground: NoPenaltyGround | None
    soft_list_item_id: str | None
    soft_outcome: SoftOutcome | None
    proposal_hash: str
    decided_at: datetime
    late: bool


@dataclass(frozen=True)
class Payment:
    amount_fen: int
    channel: PaymentChannel
    paid_on: date
    surcharge_fen: int


@dataclass(frozen=True)
class Challenge:
    """A reconsideration or a lawsuit against the decision and, once known, its outcome."""

    kind: str  # RECONSIDERATION | LITIGATION
    forum: str
    filed_on: date
    instance: int = 1
    outcome: str | None = None
    decided_on: date | None = None


@dataclass(frozen=True)
class CaseState:
    case_id: str = ""
    status: CaseStatus = CaseStatus.NEW
    town: str = ""
    unit: str = ""
    lead: Lead | None = None
    party: Party | None = None
    violation_type: str | None = None
    # filing
    case_no: str | None = None
    enforcement_item: str | None = None
    filed_at: datetime | None = None
    officers: tuple[str, ...] = ()
    case_lead: str | None = None
    # investigation
    investigators: frozenset[str] = frozenset()  # everyone who investigated (never a hearing host, APL 64)
    recused: frozenset[str] = frozenset()
    pending_recusals: frozenset[str] = frozenset()
    evidence: tuple[EvidenceRef, ...] = ()
    open_preservations: frozenset[str] = frozenset()
    open_measures: frozenset[str] = frozenset()
    education_given_at: datetime | None = None
    # report and what it makes necessary
    proposal: Proposal | None = None
    assessment: Assessment | None = None
    review_requested_hash: str | None = None
    legal_review: LegalReview | None = None
    notice: Notice | None = None
    statement_points_pending: tuple[str, ...] = ()
    statement_received: bool = False
    statement_waived: bool = False
    statement_window_expired: bool = False
    hearing: Hearing | None = None
    discussion_hash: str | None = None
    # decision and after
    decision: Decision | None = None
    document_no: str | None = None
    served_at: datetime | None = None
    service_method: ServiceMethod | None = None
    disclosed: bool = False
    payment_due_on: date | None = None
    installments: tuple[Installment, ...] = ()
    payment_overdue: bool = False
    payments: tuple[Payment, ...] = ()
    demand_served_on: date | None = None
    court_enforcement_applied_on: date | None = None
    performed: bool = False
    # reconsideration and litigation
    challenges: tuple[Challenge, ...] = ()
    standing: DecisionStanding = DecisionStanding.IN_FORCE
    adjusted_fine_fen: int | None = None  # a changed or mediated amount
    redo_required: bool = False
    frozen_spans: tuple[FrozenSpan, ...] = ()
    # endings
    ending_reason: str | None = None
    criminal_transfer_proposed_at: datetime | None = None
    transferred_to_police_at: datetime | None = None
    closed_at: datetime | None = None
    archived_at: datetime | None = None
    # deadlines
    clocks: Mapping[str, Clock] = field(default_factory=dict)
    breached_deadlines: frozenset[str] = frozenset()
    last_occurred_at: datetime | None = None

    @property
    def proposal_hash(self) -> str | None:
        return self.assessment.proposal_hash if self.assessment else None

    @property
    def fine_fen(self) -> int:
        """The fine the party owes under the decision as it now stands (0 once revoked or void)."""
        if self.decision is None or self.standing.cancels_obligation:
            return 0
        return self.decision.fine_fen if self.adjusted_fine_fen is None else self.adjusted_fine_fen

    @property
    def paid_fen(self) -> int:
        return sum(p.amount_fen for p in self.payments)

    @property
    def challenge_pending(self) -> bool:
        return any(c.outcome is None for c in self.challenges)

    @property
    def disclosure_withdrawal_due(self) -> bool:
        """A published decision was changed, revoked or found illegal or void (APL 48): withdraw it."""
        return self.disclosed and self.standing.adverse

    def surcharge_fen(self, on: date) -> int:
        if self.payment_due_on is None:
            return 0
        return surcharge_fen(self.fine_fen, self.payment_due_on, on, self.frozen_spans)

    def outstanding_fen(self, on: date) -> int:
        """Fine plus late surcharge owed on `on`, less what has been paid."""
        return max(0, self.fine_fen + self.surcharge_fen(on) - self.paid_fen)
