"""Simple procedure 当场处罚 (APL 51–53): IDENTIFIED → INFORMED → STATEMENT_HEARD → DECIDED → DELIVERED →
FILED_WITH_AGENCY (备案, APL 52) → CLOSED. Payment (on the spot, APL 68, or at the bank within 15 days, D15)
is recorded in DELIVERED or FILED_WITH_AGENCY and does not change the status; closing needs it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from domain.deadlines.clocks import Clocks
from domain.values import Party, Sanction, ServiceMethod


class SimpleStatus(enum.StrEnum):
    NEW = "NEW"
    IDENTIFIED = "IDENTIFIED"  # certificates shown
    INFORMED = "INFORMED"  # APL 44 content told
    STATEMENT_HEARD = "STATEMENT_HEARD"  # APL 45
    DECIDED = "DECIDED"  # numbered form filled in
    DELIVERED = "DELIVERED"  # handed over (or refusal noted)
    FILED_WITH_AGENCY = "FILED_WITH_AGENCY"  # 备案, APL 52
    CLOSED = "CLOSED"


class SimpleDecisionType(enum.StrEnum):
    PENALTY = "PENALTY"  # the only decision the simple procedure makes (WARNING and/or FINE)


class PaymentMethod(enum.StrEnum):
    ON_THE_SPOT = "ON_THE_SPOT"  # 当场收缴, APL 68
    BANK = "BANK"  # 到指定银行缴纳, APL 67


PAYMENT_CLOCK = "D15"
CASH_HANDOVER_CLOCK = "D14"


@dataclass(frozen=True)
class SimpleState:
    status: SimpleStatus = SimpleStatus.NEW
    case_id: str = ""
    town: str = ""
    unit: str = ""
    party: Party | None = None
    violation_type: str = ""
    place: str = ""
    item_code: str = ""
    source_finding_id: str | None = None
    facts: str = ""
    legal_basis: str = ""
    proposed_sanctions: tuple[Sanction, ...] = ()
    proposed_fine_fen: int = 0
    statement: str = ""
    statement_waived: bool = False
    decision_number: str = ""
    sanctions: tuple[Sanction, ...] = ()
    fine_fen: int = 0
    decided_at: datetime | None = None
    delivered_at: datetime | None = None
    delivery_method: ServiceMethod | None = None
    delivery_refused: bool = False
    paid_fen: int = 0
    payment_method: PaymentMethod | None = None
    cash_handed_over: bool = False
    agency_record_number: str = ""
    clocks: Clocks = field(default_factory=dict)
    last_occurred_at: datetime | None = None

    @property
    def fined(self) -> bool:
        return Sanction.FINE in self.sanctions

    @property
    def paid(self) -> bool:
        return self.paid_fen > 0
