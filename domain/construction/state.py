"""Illegal construction 违法建设 (URPL 64/65, ACL 35–44): DISCOVERED → STOP_ORDER →
CORRECTION_OR_DEMOLITION_DECISION → SERVED → SELF_DEMOLITION_DEADLINE (the period lapsed, the structure stands)
→ ANNOUNCED (ACL 44) → [reconsideration 60 d and litigation 6 months pass] → DEMAND (ACL 35) →
FORCED_DEMOLITION_DECISION (ACL 37) → DEMOLISHED. The party demolishing itself ends it too (SELF_DEMOLISHED);
a correction order ends in CORRECTED; a decision set aside in reconsideration or litigation ends in QUASHED.
Areas are integer square decimetres (1 m² = 100 dm²), never floats."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.deadlines.clocks import Clocks
from domain.values import Party


class ConstructionStatus(enum.StrEnum):
    NEW = "NEW"
    DISCOVERED = "DISCOVERED"
    STOP_ORDER = "STOP_ORDER"
    CORRECTION_OR_DEMOLITION_DECISION = "CORRECTION_OR_DEMOLITION_DECISION"
    SERVED = "SERVED"
    SELF_DEMOLITION_DEADLINE = "SELF_DEMOLITION_DEADLINE"
    ANNOUNCED = "ANNOUNCED"
    DEMAND = "DEMAND"
    FORCED_DEMOLITION_DECISION = "FORCED_DEMOLITION_DECISION"
    DEMOLISHED = "DEMOLISHED"
    SELF_DEMOLISHED = "SELF_DEMOLISHED"
    CORRECTED = "CORRECTED"
    QUASHED = "QUASHED"


class DecisionKind(enum.StrEnum):
    DEMOLISH = "DEMOLISH"  # 限期拆除
    CORRECT = "CORRECT"  # 限期改正 (can be corrected, e.g. by obtaining the permit)


class ChallengeKind(enum.StrEnum):
    RECONSIDERATION = "RECONSIDERATION"  # 行政复议, D19 (60 d)
    LITIGATION = "LITIGATION"  # 行政诉讼, D23 (6 months)


SELF_DEMOLITION_CLOCK = "SELF_DEMOLITION"
ANNOUNCEMENT_CLOCK = "ANNOUNCEMENT"
DEMAND_CLOCK = "DEMAND"
RECONSIDERATION_CLOCK = "D19"
LITIGATION_CLOCK = "D23"
WINDOW_CLOCKS = {ChallengeKind.RECONSIDERATION: RECONSIDERATION_CLOCK, ChallengeKind.LITIGATION: LITIGATION_CLOCK}


def area_m2_text(area_dm2: int) -> str:
    """Square decimetres as a decimal string of square metres: 19300 → "193.00"."""
    return f"{area_dm2 // 100}.{area_dm2 % 100:02d}"


@dataclass(frozen=True)
class ConstructionState:
    status: ConstructionStatus = ConstructionStatus.NEW
    case_id: str = ""
    town: str = ""
    unit: str = ""
    party: Party | None = None
    violation_type: str = ""
    place: str = ""
    description: str = ""
    item_code: str = ""
    structure_count: int = 0
    estimated_area_dm2: int | None = None
    source_finding_id: str | None = None
    source_order_id: str | None = None
    stop_order_number: str = ""
    decision_number: str = ""
    decision_kind: DecisionKind | None = None
    legal_basis: str = ""
    deadline_days: int = 0
    served_at: datetime | None = None
    announcement_number: str = ""
    demand_number: str = ""
    forced_decision_number: str = ""
    pending_challenges: frozenset[ChallengeKind] = frozenset()
    upheld_challenges: frozenset[ChallengeKind] = frozenset()
    demolished_count: int = 0
    demolished_area_dm2: int = 0
    clocks: Clocks = field(default_factory=dict)
    last_occurred_at: datetime | None = None

    def due_on(self, clock_key: str) -> date | None:
        clock = self.clocks.get(clock_key)
        return clock.due_on if clock else None
