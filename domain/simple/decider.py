"""The simple-procedure decider."""

from __future__ import annotations

from typing import Any

from domain.deadlines.clocks import satisfy, start
from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.errors import RuleViolation, ValidationError
from domain.frozen import replace
from domain.inspections.guards import (
    require_certificates_shown,
    require_item,
    require_text,
    require_town_unit,
    require_violation_type,
)
from domain.messages import Event
from domain.reference import EnforcementItem
from domain.simple.commands import (
    CloseSimpleCase,
    CollectFineOnTheSpot,
    DecideOnTheSpot,
    DecideSimplePenalty,
    DeliverDecision,
    FileWithAgency,
    HandOverCash,
    HearStatement,
    IdentifyOfficers,
    InformParty,
    RecordBankPayment,
    SimpleCommand,
)
from domain.simple.eligibility import (
    ON_THE_SPOT_COLLECTION_MAX_FEN,
    check_simple_penalty,
    is_heavier,
    require_simple_item,
)
from domain.simple.events import (
    CashHandedOver,
    FineCollectedOnTheSpot,
    FinePaidAtBank,
    OfficersIdentified,
    PartyInformed,
    SimpleCaseClosed,
    SimpleDecisionDelivered,
    SimpleDecisionFiledWithAgency,
    SimplePenaltyDecided,
    StatementHeard,
)
from domain.simple.state import (
    CASH_HANDOVER_CLOCK,
    PAYMENT_CLOCK,
    PaymentMethod,
    SimpleDecisionType,
    SimpleState,
    SimpleStatus,
)
from domain.simple.transitions import TRANSITIONS
from domain.table_decider import TableDecider
from domain.values import Party


def _item(state: SimpleState, ctx: Context) -> EnforcementItem:
    return require_item(state.item_code, ctx.reference)


def _party(state: SimpleState) -> Party:
    assert state.party is not None  # every status after NEW has a party
    return state.party


class SimpleDecider(TableDecider[SimpleState]):
    def __init__(self) -> None:
        super().__init__(procedure="simple procedure", transitions=TRANSITIONS, handlers={
            IdentifyOfficers: self._identify,
            InformParty: self._inform,
            HearStatement: self._hear,
            DecideSimplePenalty: self._decide,
            DeliverDecision: self._deliver,
            DecideOnTheSpot: self._on_the_spot,
            CollectFineOnTheSpot: self._collect,
            HandOverCash: self._hand_over,
            RecordBankPayment: self._bank,
            FileWithAgency: self._file,
            CloseSimpleCase: self._close,
        }, folders={
            OfficersIdentified: _identified,
            PartyInformed: _informed,
            StatementHeard: lambda s, e: replace(s, status=SimpleStatus.STATEMENT_HEARD, statement=e.statement,
                                                 statement_waived=e.waived),
            SimplePenaltyDecided: _decided,
            SimpleDecisionDelivered: lambda s, e: replace(s, status=SimpleStatus.DELIVERED,
                                                          delivered_at=e.occurred_at, delivery_method=e.method,
                                                          delivery_refused=e.refused),
            FineCollectedOnTheSpot: lambda s, e: replace(s, paid_fen=e.amount_fen,
                                                         payment_method=PaymentMethod.ON_THE_SPOT),
            CashHandedOver: lambda s, e: replace(s, cash_handed_over=True),
            FinePaidAtBank: lambda s, e: replace(s, paid_fen=e.amount_fen, payment_method=PaymentMethod.BANK),
            SimpleDecisionFiledWithAgency: lambda s, e: replace(s, status=SimpleStatus.FILED_WITH_AGENCY,
                                                                agency_record_number=e.record_number),
            SimpleCaseClosed: lambda s, e: replace(s, status=SimpleStatus.CLOSED),
        })

    def initial(self) -> SimpleState:
        return SimpleState()

    def before_admission(self, state: SimpleState, command: Any) -> None:
        if isinstance(command, DecideSimplePenalty | DecideOnTheSpot) and state.fined:
            raise RuleViolation(f"this violation was already fined by decision {state.decision_number}",
                                rule="ONE_FINE_PER_VIOLATION", field="sanctions", article="APL 29")

    # --- the steps -----------------------------------------------------------------------------------------

    def _identify(self, state: SimpleState, cmd: IdentifyOfficers, ctx: Context) -> list[Event]:
        require_text(cmd.case_id, field="case_id", rule="CASE_ID", what="a case id")
        require_town_unit(cmd.town, cmd.unit, ctx.reference)
        require_violation_type(cmd.violation_type, ctx.reference)
        require_text(cmd.place, field="place", rule="PLACE", what="the place of the violation")
        require_simple_item(require_item(cmd.item_code, ctx.reference))
        require_certificates_shown(cmd.certificates_shown, article="APL 52")
        return [OfficersIdentified(
            occurred_at=cmd.occurred_at, actors=cmd.actors, case_id=cmd.case_id, town=cmd.town, unit=cmd.unit,
            party=cmd.party, violation_type=cmd.violation_type, place=cmd.place, item_code=cmd.item_code,
            certificates_shown=cmd.certificates_shown, source_finding_id=cmd.source_finding_id)]

    def _inform(self, state: SimpleState, cmd: InformParty, ctx: Context) -> list[Event]:
        for name, value in (("facts", cmd.facts), ("reasons", cmd.reasons), ("legal_basis", cmd.legal_basis),
                            ("rights_notice", cmd.rights_notice)):
            require_text(value, field=name, rule="PRIOR_INFORMATION", article="APL 44",
                         what=f"the {name.replace('_', ' ')} told to the party")
        check_simple_penalty(_party(state).party_type, _item(state, ctx), cmd.proposed_sanctions,
                             cmd.proposed_fine_fen, sanctions_field="proposed_sanctions",
                             fine_field="proposed_fine_fen")
        return [PartyInformed(occurred_at=cmd.occurred_at, actors=cmd.actors, facts=cmd.facts, reasons=cmd.reasons,
                              legal_basis=cmd.legal_basis, proposed_sanctions=cmd.proposed_sanctions,
                              proposed_fine_fen=cmd.proposed_fine_fen, rights_notice=cmd.rights_notice)]

    def _hear(self, state: SimpleState, cmd: HearStatement, ctx: Context) -> list[Event]:
        if cmd.waived == bool(cmd.statement.strip()):
            raise ValidationError("record either the party's statement or an express waiver, not both or neither",
                                  rule="STATEMENT_OR_WAIVER", field="statement", article="APL 45")
        return [StatementHeard(occurred_at=cmd.occurred_at, actors=cmd.actors, statement=cmd.statement,
                               waived=cmd.waived)]

    def _decide(self, state: SimpleState, cmd: DecideSimplePenalty, ctx: Context) -> list[Event]:
        if not cmd.facts_certain:
            raise RuleViolation("facts that are not certain go to the general procedure", rule="FACTS_CERTAIN",
                                field="facts_certain", article="APL 51")
        check_simple_penalty(_party(state).party_type, _item(state, ctx), cmd.sanctions, cmd.fine_fen)
        if is_heavier(cmd.sanctions, cmd.fine_fen, state.proposed_sanctions, state.proposed_fine_fen):
            raise RuleViolation("the decision is heavier than the penalty the party was told of",
                                rule="NO_HEAVIER_PENALTY", field="sanctions", article="APL 45")
        require_text(cmd.decision_number, field="decision_number", rule="NUMBERED_FORM", article="APL 52",
                     what="the number of the pre-printed decision form")
        require_text(cmd.reconsideration_first_notice, field="reconsideration_first_notice",
                     rule="RECONSIDERATION_FIRST_NOTICE", article="ARL 23",
                     what="the form's statement that reconsideration must be applied for before suing")
        return [SimplePenaltyDecided(
            occurred_at=cmd.occurred_at, actors=cmd.actors, decision_number=cmd.decision_number,
            decision_type=SimpleDecisionType.PENALTY, sanctions=cmd.sanctions, fine_fen=cmd.fine_fen,
            reconsideration_first_notice=cmd.reconsideration_first_notice)]

    def _deliver(self, state: SimpleState, cmd: DeliverDecision, ctx: Context) -> list[Event]:
        if cmd.refused:
            require_text(cmd.refusal_note, field="refusal_note", rule="REFUSAL_NOTED", article="APL 61",
                         what="a note of the party's refusal to accept the decision")
        events: list[Event] = [SimpleDecisionDelivered(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                                       method=cmd.method, refused=cmd.refused,
                                                       refusal_note=cmd.refusal_note)]
        if state.fined:
            events.append(start("D15", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                                profile=ctx.profile, key=PAYMENT_CLOCK))
        return events

    def _on_the_spot(self, state: SimpleState, cmd: DecideOnTheSpot, ctx: Context) -> list[Event]:
        at, who = cmd.occurred_at, cmd.actors
        steps: list[SimpleCommand] = [
            IdentifyOfficers(occurred_at=at, actors=who, case_id=cmd.case_id, town=cmd.town, unit=cmd.unit,
                             party=cmd.party, violation_type=cmd.violation_type, place=cmd.place,
                             item_code=cmd.item_code, certificates_shown=cmd.certificates_shown,
                             source_finding_id=cmd.source_finding_id),
            InformParty(occurred_at=at, actors=who, facts=cmd.facts, reasons=cmd.reasons,
                        legal_basis=cmd.legal_basis, rights_notice=cmd.rights_notice,
                        proposed_sanctions=cmd.sanctions if cmd.proposed_sanctions is None
                        else cmd.proposed_sanctions,
                        proposed_fine_fen=cmd.fine_fen if cmd.proposed_fine_fen is None else cmd.proposed_fine_fen),
            HearStatement(occurred_at=at, actors=who, statement=cmd.statement, waived=cmd.statement_waived),
            DecideSimplePenalty(occurred_at=at, actors=who, decision_number=cmd.decision_number,
                                facts_certain=cmd.facts_certain, sanctions=cmd.sanctions, fine_fen=cmd.fine_fen,
                                reconsideration_first_notice=cmd.reconsideration_first_notice),
            DeliverDecision(occurred_at=at, actors=who, method=cmd.delivery_method, refused=cmd.refused,
                            refusal_note=cmd.refusal_note),
        ]
        events: list[Event] = []
        for step in steps:
            produced = self.decide(state, step, ctx)
            for event in produced:
                state = self.evolve(state, event)
            events.extend(produced)
        return events

    # --- after delivery ------------------------------------------------------------------------------------

    def _require_payable(self, state: SimpleState, amount_fen: int) -> None:
        if not state.fined:
            raise ValidationError("the decision imposes no fine", rule="NO_FINE", field="amount_fen")
        if state.paid:
            raise ValidationError("the fine is already paid", rule="ALREADY_PAID", field="amount_fen")
        if amount_fen != state.fine_fen:
            raise ValidationError(f"the fine is {state.fine_fen} fen, {amount_fen} fen was paid",
                                  rule="FULL_AMOUNT", field="amount_fen")

    def _collect(self, state: SimpleState, cmd: CollectFineOnTheSpot, ctx: Context) -> list[Event]:
        self._require_payable(state, cmd.amount_fen)
        if cmd.amount_fen > ON_THE_SPOT_COLLECTION_MAX_FEN and not cmd.hard_to_collect:
            raise RuleViolation("only a fine of up to 100 yuan, or one hard to collect later, is collected on the "
                                "spot; the party pays at the bank", rule="ON_THE_SPOT_COLLECTION",
                                field="amount_fen", article="APL 68")
        require_text(cmd.receipt_number, field="receipt_number", rule="OFFICIAL_RECEIPT", article="APL 70",
                     what="the number of the official receipt given to the party")
        return [
            FineCollectedOnTheSpot(occurred_at=cmd.occurred_at, actors=cmd.actors, amount_fen=cmd.amount_fen,
                                   receipt_number=cmd.receipt_number, hard_to_collect=cmd.hard_to_collect),
            *satisfy(state.clocks, PAYMENT_CLOCK, occurred_at=cmd.occurred_at),
            start("D14", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                  profile=ctx.profile, key=CASH_HANDOVER_CLOCK),
        ]

    def _hand_over(self, state: SimpleState, cmd: HandOverCash, ctx: Context) -> list[Event]:
        if state.payment_method is not PaymentMethod.ON_THE_SPOT or state.cash_handed_over:
            raise ValidationError("there is no cash collected on the spot to hand over", rule="NO_CASH_TO_HAND_OVER",
                                  field="receipt_number")
        require_text(cmd.receipt_number, field="receipt_number", rule="HANDOVER_RECEIPT", article="APL 71",
                     what="the receipt of the handover")
        return [CashHandedOver(occurred_at=cmd.occurred_at, actors=cmd.actors, receipt_number=cmd.receipt_number),
                *satisfy(state.clocks, CASH_HANDOVER_CLOCK, occurred_at=cmd.occurred_at)]

    def _bank(self, state: SimpleState, cmd: RecordBankPayment, ctx: Context) -> list[Event]:
        self._require_payable(state, cmd.amount_fen)
        require_text(cmd.receipt_number, field="receipt_number", rule="BANK_RECEIPT", article="APL 67",
                     what="the bank's receipt number")
        return [FinePaidAtBank(occurred_at=cmd.occurred_at, actors=cmd.actors, amount_fen=cmd.amount_fen,
                               receipt_number=cmd.receipt_number),
                *satisfy(state.clocks, PAYMENT_CLOCK, occurred_at=cmd.occurred_at)]

    def _file(self, state: SimpleState, cmd: FileWithAgency, ctx: Context) -> list[Event]:
        require_text(cmd.record_number, field="record_number", rule="AGENCY_RECORD", article="APL 52",
                     what="the agency's record (备案) number")
        return [SimpleDecisionFiledWithAgency(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                              record_number=cmd.record_number)]

    def _close(self, state: SimpleState, cmd: CloseSimpleCase, ctx: Context) -> list[Event]:
        if state.fined and not state.paid:
            raise RuleViolation("the fine is not paid yet", rule="FINE_UNPAID", field="status", article="APL 67")
        if state.payment_method is PaymentMethod.ON_THE_SPOT and not state.cash_handed_over:
            raise RuleViolation("the cash collected on the spot has not been handed over", rule="CASH_HANDOVER",
                                field="status", article="APL 71")
        return [SimpleCaseClosed(occurred_at=cmd.occurred_at, actors=cmd.actors)]


def _identified(state: SimpleState, e: OfficersIdentified) -> SimpleState:
    return replace(state, status=SimpleStatus.IDENTIFIED, case_id=e.case_id, town=e.town, unit=e.unit,
                   party=e.party, violation_type=e.violation_type, place=e.place, item_code=e.item_code,
                   source_finding_id=e.source_finding_id)


def _informed(state: SimpleState, e: PartyInformed) -> SimpleState:
    return replace(state, status=SimpleStatus.INFORMED, facts=e.facts, legal_basis=e.legal_basis,
                   proposed_sanctions=e.proposed_sanctions, proposed_fine_fen=e.proposed_fine_fen)


def _decided(state: SimpleState, e: SimplePenaltyDecided) -> SimpleState:
    return replace(state, status=SimpleStatus.DECIDED, decision_number=e.decision_number, sanctions=e.sanctions,
                   fine_fen=e.fine_fen, decided_at=e.occurred_at)


DECIDER = SimpleDecider()
