"""Commands of an inspection. `RecordInspection` is the cheap path: open, record findings and complete in one
step (most patrols find nothing). The others are the step-by-step path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.inspections.evidence import AvEvidence
from domain.inspections.findings import FindingDraft
from domain.inspections.state import InspectionTrigger
from domain.messages import Command


@dataclass(frozen=True, kw_only=True)
class PlanInspection(Command):
    inspection_id: str
    town: str
    unit: str
    place: str
    planned_on: date
    items_checked: tuple[str, ...]
    trigger: InspectionTrigger = InspectionTrigger.ROUTINE_PATROL


@dataclass(frozen=True, kw_only=True)
class CancelInspection(Command):
    reason: str


@dataclass(frozen=True, kw_only=True)
class StartInspection(Command):
    certificates_shown: bool


@dataclass(frozen=True, kw_only=True)
class RecordFinding(Command):
    finding: FindingDraft


@dataclass(frozen=True, kw_only=True)
class CompleteInspection(Command):
    site_record: str = ""
    av_evidence: tuple[AvEvidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RecordInspection(Command):
    """The whole inspection at once; `occurred_at` is when it ended, `started_at` (default: the same) when it
    began. From NEW, or from PLANNED when it was planned."""

    inspection_id: str
    town: str
    unit: str
    place: str
    items_checked: tuple[str, ...]
    certificates_shown: bool
    findings: tuple[FindingDraft, ...]
    trigger: InspectionTrigger = InspectionTrigger.ROUTINE_PATROL
    started_at: datetime | None = None
    site_record: str = ""
    av_evidence: tuple[AvEvidence, ...] = ()


InspectionCommand = (
    PlanInspection | CancelInspection | StartInspection | RecordFinding | CompleteInspection | RecordInspection
)
