"""The inspection's transitions as data. Every field step needs two certified officers (APL 42) who show
their certificates (APL 55); the completed inspection is its full record (APL 47)."""

from __future__ import annotations

from domain.inspections.commands import (
    CancelInspection,
    CompleteInspection,
    PlanInspection,
    RecordFinding,
    RecordInspection,
    StartInspection,
)
from domain.inspections.state import InspectionStatus as S
from domain.reference import Role
from domain.tasks import Transition, table

TRANSITIONS = table(
    Transition(PlanInspection, frozenset({S.NEW}), S.PLANNED, Role.OFFICER),
    Transition(CancelInspection, frozenset({S.PLANNED}), S.CANCELLED, Role.OFFICER),
    Transition(StartInspection, frozenset({S.PLANNED}), S.IN_PROGRESS, Role.OFFICER, "APL 55", field_action=True),
    Transition(RecordFinding, frozenset({S.IN_PROGRESS}), None, Role.OFFICER, field_action=True),
    Transition(CompleteInspection, frozenset({S.IN_PROGRESS}), S.COMPLETED, Role.OFFICER, "APL 47",
               field_action=True),
    Transition(RecordInspection, frozenset({S.NEW, S.PLANNED}), S.COMPLETED, Role.OFFICER, "APL 55",
               field_action=True),
)
