"""The rectification order's transitions as data."""

from __future__ import annotations

from domain.rectification.commands import (
    EscalateRectification,
    IssueRectificationOrder,
    MarkReinspectionDue,
    RecordCompliance,
    RecordNonCompliance,
)
from domain.rectification.state import RectificationStatus as S
from domain.reference import Role
from domain.tasks import Transition, table

OPEN = frozenset({S.ISSUED, S.REINSPECTION_DUE})

TRANSITIONS = table(
    Transition(IssueRectificationOrder, frozenset({S.NEW}), S.ISSUED, Role.OFFICER, "APL 28", field_action=True),
    Transition(MarkReinspectionDue, frozenset({S.ISSUED}), S.REINSPECTION_DUE, Role.OFFICER, system_allowed=True),
    Transition(RecordCompliance, OPEN, S.COMPLIED, Role.OFFICER, field_action=True),
    Transition(RecordNonCompliance, OPEN, S.NOT_COMPLIED, Role.OFFICER, field_action=True),
    Transition(EscalateRectification, frozenset({S.NOT_COMPLIED}), S.ESCALATED, Role.OFFICER),
)
