"""Commands of a rectification order."""

from __future__ import annotations

from dataclasses import dataclass

from domain.inspections.evidence import AvEvidence
from domain.messages import Command
from domain.rectification.state import EscalationTarget
from domain.values import Party, ServiceMethod


@dataclass(frozen=True, kw_only=True)
class IssueRectificationOrder(Command):
    """Issue and serve 责令改正通知书. `deadline_days` None means the profile's default (D30, calendar days)."""

    order_id: str
    town: str
    unit: str
    party: Party
    violation_type: str
    place: str
    description: str
    requirement: str  # what the party must correct
    legal_basis: str
    item_code: str | None = None
    deadline_days: int | None = None
    source_finding_id: str | None = None
    service_method: ServiceMethod = ServiceMethod.DIRECT


@dataclass(frozen=True, kw_only=True)
class MarkReinspectionDue(Command):
    """The deadline has come (the workflow issues this as the system on the due day), or the party reported the
    correction done (an officer records it) and asks for reinspection before the deadline."""

    party_reported: bool = False


@dataclass(frozen=True, kw_only=True)
class RecordCompliance(Command):
    site_record: str
    av_evidence: tuple[AvEvidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RecordNonCompliance(Command):
    site_record: str
    av_evidence: tuple[AvEvidence, ...] = ()


@dataclass(frozen=True, kw_only=True)
class EscalateRectification(Command):
    target: EscalationTarget
    reason: str = ""


RectificationCommand = (
    IssueRectificationOrder | MarkReinspectionDue | RecordCompliance | RecordNonCompliance | EscalateRectification
)
