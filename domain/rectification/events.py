"""Events of a rectification order (with the clock events of D30)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.inspections.evidence import AvEvidence
from domain.messages import Event, EventRegistry
from domain.rectification.state import EscalationTarget, ReinspectionOutcome
from domain.values import Party, ServiceMethod


@dataclass(frozen=True, kw_only=True)
class RectificationOrderIssued(Event):
    order_id: str
    town: str
    unit: str
    party: Party
    violation_type: str
    place: str
    description: str
    requirement: str
    legal_basis: str
    item_code: str | None
    deadline_days: int
    source_finding_id: str | None
    service_method: ServiceMethod


@dataclass(frozen=True, kw_only=True)
class ReinspectionFellDue(Event):
    party_reported: bool


@dataclass(frozen=True, kw_only=True)
class ReinspectionRecorded(Event):
    outcome: ReinspectionOutcome
    site_record: str
    av_evidence: tuple[AvEvidence, ...]


@dataclass(frozen=True, kw_only=True)
class RectificationEscalated(Event):
    """Carries what the follow-up stream (a lead or an illegal-construction case) needs."""

    order_id: str
    target: EscalationTarget
    party: Party
    violation_type: str
    place: str
    description: str
    item_code: str | None
    reason: str


EVENTS = EventRegistry([RectificationOrderIssued, ReinspectionFellDue, ReinspectionRecorded,
                        RectificationEscalated, *CLOCK_EVENTS])
