"""Commands of the simple procedure. `DecideOnTheSpot` records identify → inform → statement → decision →
delivery at once (the way officers enter it) and emits the same events as the step path."""

from __future__ import annotations

from dataclasses import dataclass

from domain.messages import Command
from domain.values import Party, Sanction, ServiceMethod


@dataclass(frozen=True, kw_only=True)
class IdentifyOfficers(Command):
    """Show certificates (APL 52/55) and open the case against `party`."""

    case_id: str
    town: str
    unit: str
    party: Party
    violation_type: str
    place: str
    item_code: str
    certificates_shown: bool
    source_finding_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class InformParty(Command):
    """APL 44: facts, reasons, basis, the proposed penalty and the party's rights."""

    facts: str
    reasons: str
    legal_basis: str
    proposed_sanctions: tuple[Sanction, ...]
    proposed_fine_fen: int
    rights_notice: str


@dataclass(frozen=True, kw_only=True)
class HearStatement(Command):
    """APL 45: the party's statement and defence, or an express waiver."""

    statement: str = ""
    waived: bool = False


@dataclass(frozen=True, kw_only=True)
class DecideSimplePenalty(Command):
    """Fill in the numbered decision form (APL 52). `reconsideration_first_notice` is the form's statement that
    the party must apply for reconsideration before suing (ARL 23); the form is rejected without it."""

    decision_number: str
    facts_certain: bool
    sanctions: tuple[Sanction, ...]
    fine_fen: int
    reconsideration_first_notice: str


@dataclass(frozen=True, kw_only=True)
class DeliverDecision(Command):
    method: ServiceMethod = ServiceMethod.DIRECT
    refused: bool = False
    refusal_note: str = ""  # required when refused: what happened, witnesses


@dataclass(frozen=True, kw_only=True)
class DecideOnTheSpot(Command):
    """The whole on-the-spot decision at once. The proposal defaults to the decision."""

    case_id: str
    town: str
    unit: str
    party: Party
    violation_type: str
    place: str
    item_code: str
    certificates_shown: bool
    facts: str
    reasons: str
    legal_basis: str
    rights_notice: str
    decision_number: str
    facts_certain: bool
    sanctions: tuple[Sanction, ...]
    fine_fen: int
    reconsideration_first_notice: str
    statement: str = ""
    statement_waived: bool = False
    proposed_sanctions: tuple[Sanction, ...] | None = None
    proposed_fine_fen: int | None = None
    delivery_method: ServiceMethod = ServiceMethod.DIRECT
    refused: bool = False
    refusal_note: str = ""
    source_finding_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class CollectFineOnTheSpot(Command):
    """APL 68: only a fine of up to 100 yuan, or one that would be hard to collect later; APL 70 receipt."""

    amount_fen: int
    receipt_number: str
    hard_to_collect: bool = False


@dataclass(frozen=True, kw_only=True)
class HandOverCash(Command):
    """APL 71: cash collected on the spot goes to the agency within 2 working days (D14)."""

    receipt_number: str


@dataclass(frozen=True, kw_only=True)
class RecordBankPayment(Command):
    """APL 67: paid at the designated bank (within 15 days, D15)."""

    amount_fen: int
    receipt_number: str


@dataclass(frozen=True, kw_only=True)
class FileWithAgency(Command):
    """备案: report the on-the-spot decision to the agency (APL 52)."""

    record_number: str


@dataclass(frozen=True, kw_only=True)
class CloseSimpleCase(Command):
    pass


SimpleCommand = (
    IdentifyOfficers | InformParty | HearStatement | DecideSimplePenalty | DeliverDecision | DecideOnTheSpot
    | CollectFineOnTheSpot | HandOverCash | RecordBankPayment | FileWithAgency | CloseSimpleCase
)
