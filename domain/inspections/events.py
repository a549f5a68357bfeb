"""Events of an inspection. `InspectionCompleted` always carries the whole inspection (its findings too), so
statistics and follow-ups read one event whichever path recorded it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.inspections.evidence import AvEvidence
from domain.inspections.findings import Finding
from domain.inspections.state import InspectionTrigger
from domain.messages import Event, EventRegistry


@dataclass(frozen=True, kw_only=True)
class InspectionPlanned(Event):
    inspection_id: str
    town: str
    unit: str
    place: str
    planned_on: date
    items_checked: tuple[str, ...]
    trigger: InspectionTrigger


@dataclass(frozen=True, kw_only=True)
class InspectionCancelled(Event):
    reason: str


@dataclass(frozen=True, kw_only=True)
class InspectionStarted(Event):
    certificates_shown: bool


@dataclass(frozen=True, kw_only=True)
class FindingRecorded(Event):
    finding: Finding


@dataclass(frozen=True, kw_only=True)
class InspectionCompleted(Event):
    inspection_id: str
    town: str
    unit: str
    place: str
    trigger: InspectionTrigger
    items_checked: tuple[str, ...]
    certificates_shown: bool
    started_at: datetime
    findings: tuple[Finding, ...]
    site_record: str
    av_evidence: tuple[AvEvidence, ...]


EVENTS = EventRegistry([InspectionPlanned, InspectionCancelled, InspectionStarted, FindingRecorded,
                        InspectionCompleted])
