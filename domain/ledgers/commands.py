"""What is entered into a ledger. Every entry names its enforcement unit and carries an `entry_id` that is unique
in its ledger (re-entering the same sheet is refused, never counted twice)."""

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
from domain.messages import Command
from domain.reference import StaffCategory
from domain.statistics.figures import Qualifier, Unit


@dataclass(frozen=True, kw_only=True)
class LedgerCommand(Command):
    unit: str
    entry_id: str


# --- roster (R) ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class JoinStaff(LedgerCommand):
    person_id: str
    name: str
    category: StaffCategory
    legal_reviewer: bool = False
    supervisor: bool = False  # acts as 行政执法监督人员 (evaluates the platform's case files)


@dataclass(frozen=True, kw_only=True)
class IssueCertificate(LedgerCommand):
    person_id: str
    number: str
    expires_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class CancelCertificate(LedgerCommand):
    person_id: str
    number: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class LeaveStaff(LedgerCommand):
    person_id: str
    reason: str = ""


# --- equipment (A) -------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegisterEquipment(LedgerCommand):
    equipment: EquipmentKind
    count: int
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class RetireEquipment(LedgerCommand):
    equipment: EquipmentKind
    count: int
    reason: str = ""


# --- training (T), hotline (H), campaign tallies (L), evaluations, platform (P), publicity, other acts (O) ----


@dataclass(frozen=True, kw_only=True)
class RecordTraining(LedgerCommand):
    title: str
    mode: TrainingMode
    hours: int
    audience: TrainingAudience = TrainingAudience.OFFICERS
    category: TrainingCategory = TrainingCategory.PROGRAMME
    organiser: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordHotlineTally(LedgerCommand):
    category: HotlineCategory
    count: int
    period_label: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordCampaignTally(LedgerCommand):
    violation_type: str
    count: int
    count_unit: Unit
    qualifier: Qualifier = Qualifier.EXACT
    label: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordEvaluation(LedgerCommand):
    case_ref: str
    result: EvaluationResult
    problems: tuple[str, ...] = ()
    session: str = ""  # the evaluation round (评查批次), e.g. 2023年第四季度


@dataclass(frozen=True, kw_only=True)
class RecordPatrolUploads(LedgerCommand):
    """Patrol records (执法巡查记录) uploaded to the supervision platform and not entered as inspections here."""

    count: int
    period_label: str = ""
    qualifier: Qualifier = Qualifier.EXACT


@dataclass(frozen=True, kw_only=True)
class RecordPlatformWarning(LedgerCommand):
    warning_no: str
    subject_ref: str = ""
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class ResolvePlatformWarning(LedgerCommand):
    warning_no: str
    resolution: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordPublicity(LedgerCommand):
    events: int
    materials: int = 0
    qualifier: Qualifier = Qualifier.EXACT
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordOtherActs(LedgerCommand):
    category: ActCategory
    count: int
    label: str = ""
