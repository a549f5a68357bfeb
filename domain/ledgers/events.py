"""The facts of the ledgers. Each mirrors its command (less the unit, which is the stream's typed column)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.ledgers.values import (
    ActCategory,
    EquipmentKind,
    EvaluationResult,
    HotlineCategory,
    TrainingAudience,
    TrainingCategory,
    TrainingMode,
)
from domain.messages import Event, EventRegistry
from domain.reference import StaffCategory
from domain.statistics.figures import Qualifier, Unit


@dataclass(frozen=True, kw_only=True)
class LedgerEvent(Event):
    entry_id: str


@dataclass(frozen=True, kw_only=True)
class StaffMemberJoined(LedgerEvent):
    person_id: str
    name: str
    category: StaffCategory
    legal_reviewer: bool
    supervisor: bool = False  # 行政执法监督人员 (added later: older events lack it)


@dataclass(frozen=True, kw_only=True)
class CertificateIssued(LedgerEvent):
    person_id: str
    number: str
    expires_on: date | None


@dataclass(frozen=True, kw_only=True)
class CertificateCancelled(LedgerEvent):
    person_id: str
    number: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class StaffMemberLeft(LedgerEvent):
    person_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class EquipmentRegistered(LedgerEvent):
    equipment: EquipmentKind
    count: int
    description: str


@dataclass(frozen=True, kw_only=True)
class EquipmentRetired(LedgerEvent):
    equipment: EquipmentKind
    count: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class TrainingSessionHeld(LedgerEvent):
    title: str
    mode: TrainingMode
    hours: int
    audience: TrainingAudience
    category: TrainingCategory
    organiser: str


@dataclass(frozen=True, kw_only=True)
class HotlineTallyRecorded(LedgerEvent):
    category: HotlineCategory
    count: int
    period_label: str


@dataclass(frozen=True, kw_only=True)
class CampaignTallyRecorded(LedgerEvent):
    violation_type: str
    count: int
    count_unit: Unit
    qualifier: Qualifier
    label: str


@dataclass(frozen=True, kw_only=True)
class CaseFileEvaluated(LedgerEvent):
    case_ref: str
    result: EvaluationResult
    problems: tuple[str, ...]
    session: str = ""  # the evaluation round (评查批次) the file was evaluated in; "" = not stated


@dataclass(frozen=True, kw_only=True)
class PatrolRecordsUploaded(LedgerEvent):
    count: int
    period_label: str
    qualifier: Qualifier = Qualifier.EXACT  # "4000余次" as the platform's tally was kept


@dataclass(frozen=True, kw_only=True)
class PlatformWarningRaised(LedgerEvent):
    warning_no: str
    subject_ref: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class PlatformWarningResolved(LedgerEvent):
    warning_no: str
    resolution: str


@dataclass(frozen=True, kw_only=True)
class PublicityRecorded(LedgerEvent):
    events: int
    materials: int
    qualifier: Qualifier
    description: str


@dataclass(frozen=True, kw_only=True)
class AdministrativeActsRecorded(LedgerEvent):
    category: ActCategory
    count: int
    label: str


LEDGER_EVENTS: tuple[type[LedgerEvent], ...] = (
    StaffMemberJoined, CertificateIssued, CertificateCancelled, StaffMemberLeft, EquipmentRegistered,
    EquipmentRetired, TrainingSessionHeld, HotlineTallyRecorded, CampaignTallyRecorded, CaseFileEvaluated,
    PatrolRecordsUploaded, PlatformWarningRaised, PlatformWarningResolved, PublicityRecorded,
    AdministrativeActsRecorded,
)

EVENTS = EventRegistry(LEDGER_EVENTS)
