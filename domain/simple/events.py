"""Events of the simple procedure (with the clock events of D14 and D15)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.messages import Event, EventRegistry
from domain.simple.state import SimpleDecisionType
from domain.values import Party, Sanction, ServiceMethod


@dataclass(frozen=True, kw_only=True)
class OfficersIdentified(Event):
    case_id: str
    town: str
    unit: str
    party: Party
    violation_type: str
    place: str
    item_code: str
    certificates_shown: bool
    source_finding_id: str | None


@dataclass(frozen=True, kw_only=True)
class PartyInformed(Event):
    facts: str
    reasons: str
    legal_basis: str
    proposed_sanctions: tuple[Sanction, ...]
    proposed_fine_fen: int
    rights_notice: str


@dataclass(frozen=True, kw_only=True)
class StatementHeard(Event):
    statement: str
    waived: bool


@dataclass(frozen=True, kw_only=True)
class SimplePenaltyDecided(Event):
    decision_number: str
    decision_type: SimpleDecisionType
    sanctions: tuple[Sanction, ...]
    fine_fen: int
    reconsideration_first_notice: str

    def fine_amount_fen(self) -> int | None:
        return self.fine_fen if Sanction.FINE in self.sanctions else None


@dataclass(frozen=True, kw_only=True)
class SimpleDecisionDelivered(Event):
    method: ServiceMethod
    refused: bool
    refusal_note: str


@dataclass(frozen=True, kw_only=True)
class FineCollectedOnTheSpot(Event):
    amount_fen: int
    receipt_number: str
    hard_to_collect: bool


@dataclass(frozen=True, kw_only=True)
class CashHandedOver(Event):
    receipt_number: str


@dataclass(frozen=True, kw_only=True)
class FinePaidAtBank(Event):
    amount_fen: int
    receipt_number: str


@dataclass(frozen=True, kw_only=True)
class SimpleDecisionFiledWithAgency(Event):
    record_number: str


@dataclass(frozen=True, kw_only=True)
class SimpleCaseClosed(Event):
    pass


EVENTS = EventRegistry([
    OfficersIdentified, PartyInformed, StatementHeard, SimplePenaltyDecided, SimpleDecisionDelivered,
    FineCollectedOnTheSpot, CashHandedOver, FinePaidAtBank, SimpleDecisionFiledWithAgency, SimpleCaseClosed,
    *CLOCK_EVENTS,
])
