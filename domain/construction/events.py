"""Events of the illegal-construction procedure (with their clock events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.construction.state import ChallengeKind, DecisionKind, area_m2_text
from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.inspections.evidence import AvEvidence
from domain.messages import Event, EventRegistry
from domain.values import Party, ServiceMethod


@dataclass(frozen=True, kw_only=True)
class IllegalConstructionDiscovered(Event):
    case_id: str
    town: str
    unit: str
    party: Party
    violation_type: str
    place: str
    description: str
    item_code: str
    structure_count: int
    estimated_area_dm2: int | None
    source_finding_id: str | None
    source_order_id: str | None
    av_evidence: tuple[AvEvidence, ...]


@dataclass(frozen=True, kw_only=True)
class StopOrderIssued(Event):
    order_number: str


@dataclass(frozen=True, kw_only=True)
class CorrectionOrDemolitionDecided(Event):
    decision_number: str
    kind: DecisionKind
    legal_basis: str
    deadline_days: int


@dataclass(frozen=True, kw_only=True)
class ConstructionDecisionServed(Event):
    method: ServiceMethod


@dataclass(frozen=True, kw_only=True)
class SelfDemolitionDeadlineLapsed(Event):
    site_record: str
    av_evidence: tuple[AvEvidence, ...]


@dataclass(frozen=True, kw_only=True)
class DemolitionAnnounced(Event):
    announcement_number: str
    deadline_days: int


@dataclass(frozen=True, kw_only=True)
class DemolitionDemandServed(Event):
    demand_number: str
    deadline_days: int


@dataclass(frozen=True, kw_only=True)
class ForcedDemolitionDecided(Event):
    decision_number: str


@dataclass(frozen=True, kw_only=True)
class DemolitionCompleted(Event):
    count: int
    area_dm2: int
    started_at: datetime
    av_evidence: tuple[AvEvidence, ...]
    emergency: bool
    emergency_reason: str

    def area_m2(self) -> str:
        return area_m2_text(self.area_dm2)


@dataclass(frozen=True, kw_only=True)
class SelfDemolitionVerified(Event):
    count: int
    area_dm2: int
    site_record: str
    av_evidence: tuple[AvEvidence, ...]

    def area_m2(self) -> str:
        return area_m2_text(self.area_dm2)


@dataclass(frozen=True, kw_only=True)
class CorrectionVerified(Event):
    site_record: str
    av_evidence: tuple[AvEvidence, ...]


@dataclass(frozen=True, kw_only=True)
class ChallengeRecorded(Event):
    kind: ChallengeKind
    reference: str


@dataclass(frozen=True, kw_only=True)
class ChallengeConcluded(Event):
    kind: ChallengeKind
    upheld: bool
    reference: str


EVENTS = EventRegistry([
    IllegalConstructionDiscovered, StopOrderIssued, CorrectionOrDemolitionDecided, ConstructionDecisionServed,
    SelfDemolitionDeadlineLapsed, DemolitionAnnounced, DemolitionDemandServed, ForcedDemolitionDecided,
    DemolitionCompleted, SelfDemolitionVerified, CorrectionVerified, ChallengeRecorded, ChallengeConcluded,
    *CLOCK_EVENTS,
])
