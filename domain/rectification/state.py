"""Rectification order 责令改正: ISSUED(deadline) → REINSPECTION_DUE → COMPLIED | NOT_COMPLIED → ESCALATED.

Not a penalty (APL 28). The order's deadline runs on clock D30 (key "D30"); a reinspection satisfies it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.deadlines.clocks import Clocks
from domain.values import Party


class RectificationStatus(enum.StrEnum):
    NEW = "NEW"
    ISSUED = "ISSUED"
    REINSPECTION_DUE = "REINSPECTION_DUE"
    COMPLIED = "COMPLIED"
    NOT_COMPLIED = "NOT_COMPLIED"
    ESCALATED = "ESCALATED"


class ReinspectionOutcome(enum.StrEnum):
    COMPLIED = "COMPLIED"
    NOT_COMPLIED = "NOT_COMPLIED"


class EscalationTarget(enum.StrEnum):
    GENERAL_CASE = "GENERAL_CASE"  # a lead for filing under the general procedure
    DEMOLITION = "DEMOLITION"  # the illegal-construction procedure


CLOCK_KEY = "D30"


@dataclass(frozen=True)
class RectificationState:
    status: RectificationStatus = RectificationStatus.NEW
    order_id: str = ""
    town: str = ""
    unit: str = ""
    party: Party | None = None
    violation_type: str = ""
    place: str = ""
    description: str = ""
    requirement: str = ""
    item_code: str | None = None
    legal_basis: str = ""
    source_finding_id: str | None = None
    deadline_days: int = 0
    issued_on: date | None = None
    outcome: ReinspectionOutcome | None = None
    escalated_to: EscalationTarget | None = None
    clocks: Clocks = field(default_factory=dict)
    last_occurred_at: datetime | None = None

    @property
    def due_on(self) -> date | None:
        clock = self.clocks.get(CLOCK_KEY)
        return clock.due_on if clock else None
