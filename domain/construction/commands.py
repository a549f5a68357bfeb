"""Commands of the illegal-construction procedure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.construction.state import ChallengeKind, DecisionKind
from domain.inspections.evidence import AvEvidence
from domain.messages import Command
from domain.values import Party, ServiceMethod


@dataclass(frozen=True, kw_only=True)
class RecordIllegalConstruction(Command):
    case_id: str
    town: str
    unit: str
    party: Party
    place: str
    description: str
    item_code: str
    violation_type: str = "ILLEGAL_CONSTRUCTION"
    structure_count: int = 1
    estimated_area_dm2: int | None = None
    source_finding_id: str | None = None
    source_order_id: str | None = None
    av_evidence: tuple[AvEvidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class IssueStopOrder(Command):
    """责令停止建设 (URPL 64/65)."""

    order_number: str


@dataclass(frozen=True, kw_only=True)
class DecideCorrectionOrDemolition(Command):
    """限期改正 or 限期拆除; `legal_basis` is "URPL 64" (planning area) or "URPL 65" (village and township)."""

    decision_number: str
    kind: DecisionKind
    legal_basis: str
    deadline_days: int


@dataclass(frozen=True, kw_only=True)
class ServeConstructionDecision(Command):
    method: ServiceMethod = ServiceMethod.DIRECT


@dataclass(frozen=True, kw_only=True)
class RecordDeadlineLapsed(Command):
    """Officers find on site, after the period, that the structure still stands (or is not corrected)."""

    site_record: str
    av_evidence: tuple[AvEvidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AnnounceDemolition(Command):
    """ACL 44 公告: the party is told publicly to demolish within `deadline_days`."""

    announcement_number: str
    deadline_days: int


@dataclass(frozen=True, kw_only=True)
class ServeDemand(Command):
    """ACL 35 催告: written demand to perform within `deadline_days`, with the right to state a defence (ACL 36)."""

    demand_number: str
    deadline_days: int


@dataclass(frozen=True, kw_only=True)
class DecideForcedDemolition(Command):
    """ACL 37 强制执行决定."""

    decision_number: str


@dataclass(frozen=True, kw_only=True)
class CompleteDemolition(Command):
    """Forced demolition carried out between `started_at` and `occurred_at` (ACL 43: not at night, not on a day
    off, unless an emergency)."""

    started_at: datetime
    count: int
    area_dm2: int
    av_evidence: tuple[AvEvidence, ...] = ()
    emergency: bool = False
    emergency_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class VerifySelfDemolition(Command):
    count: int
    area_dm2: int
    site_record: str
    av_evidence: tuple[AvEvidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class VerifyCorrection(Command):
    site_record: str
    av_evidence: tuple[AvEvidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RecordChallenge(Command):
    kind: ChallengeKind
    reference: str  # the reconsideration body's or the court's case number


@dataclass(frozen=True, kw_only=True)
class RecordChallengeOutcome(Command):
    kind: ChallengeKind
    upheld: bool  # the decision stands (maintained / claim dismissed); False: revoked, changed or void
    reference: str


ConstructionCommand = (
    RecordIllegalConstruction | IssueStopOrder | DecideCorrectionOrDemolition | ServeConstructionDecision
    | RecordDeadlineLapsed | AnnounceDemolition | ServeDemand | DecideForcedDemolition | CompleteDemolition
    | VerifySelfDemolition | VerifyCorrection | RecordChallenge | RecordChallengeOutcome
)
