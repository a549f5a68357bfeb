"""Inspection 行政检查: PLANNED → IN_PROGRESS → COMPLETED (or CANCELLED before it starts)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from domain.inspections.evidence import AvEvidence
from domain.inspections.findings import Finding


class InspectionStatus(enum.StrEnum):
    NEW = "NEW"  # nothing recorded yet
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class InspectionTrigger(enum.StrEnum):
    ROUTINE_PATROL = "ROUTINE_PATROL"  # 日常巡查
    SPECIAL_CAMPAIGN = "SPECIAL_CAMPAIGN"  # 专项整治
    HOTLINE_12345 = "HOTLINE_12345"
    COMPLAINT = "COMPLAINT"
    SUPERIOR_ASSIGNED = "SUPERIOR_ASSIGNED"
    RANDOM_CHECK = "RANDOM_CHECK"  # 双随机


@dataclass(frozen=True)
class InspectionState:
    status: InspectionStatus = InspectionStatus.NEW
    inspection_id: str = ""
    town: str = ""
    unit: str = ""
    place: str = ""
    trigger: InspectionTrigger = InspectionTrigger.ROUTINE_PATROL
    items_checked: tuple[str, ...] = ()
    planned_on: date | None = None
    officers: tuple[str, ...] = ()
    certificates_shown: bool = False
    started_at: datetime | None = None
    completed_at: datetime | None = None
    findings: tuple[Finding, ...] = ()
    site_record: str = ""
    av_evidence: tuple[AvEvidence, ...] = ()
    last_occurred_at: datetime | None = None
