"""Simple procedure 当场处罚 (APL 51–53): eligibility, the step path and the one-shot entry, payment, 备案."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.deadlines.clock_events import ClockStatus, DeadlineStarted
from domain.envelope import GENESIS_HASH, verify_chain
from domain.errors import InvalidTransition, RuleViolation, ValidationError
from domain.messages import SYSTEM_ACTOR, Command
from domain.recording import record
from domain.reference import Role
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
)
from domain.simple.decider import DECIDER
from domain.simple.events import EVENTS, SimplePenaltyDecided
from domain.simple.state import (
    CASH_HANDOVER_CLOCK,
    PAYMENT_CLOCK,
    PaymentMethod,
    SimpleDecisionType,
    SimpleState,
    SimpleStatus,
)
from domain.simple.transitions import TRANSITIONS
from domain.simple.views import next_steps, stream_context
from domain.tasks import NextStep
from domain.values import Party, Sanction, yuan
from tests.domain.procedures.reference_data import (
    AUXILIARY,
    CITIZEN,
    COMPANY,
    FINE,
    ITEM_FUME,
    ITEM_VENDING,
    OFFICER_A,
    PRINCIPAL,
    TOWN,
    TWO,
    UNIT,
    WARNING,
    assert_round_trips,
    at,
    rejected,
    run,
    types_of,
)

T = at("2025-09-26 10:00")  # a Friday
ROUTING = "如不服本决定，可在六十日内向西青区人民政府申请行政复议（复议前置），对复议决定不服的再依法提起行政诉讼。"

IDENTIFY = IdentifyOfficers(occurred_at=T, actors=TWO, case_id="JY-2025-0012", town=TOWN, unit=UNIT, party=CITIZEN,
                            violation_type="ROAD_OCCUPATION_VENDING", place="富康路菜市场东口", item_code=ITEM_VENDING,
                            certificates_shown=True, source_finding_id="INS-2025-0009/1")
INFORM = InformParty(occurred_at=T, actors=TWO, facts="占道摆卖水果", reasons="违反条例第二十一条",
                     legal_basis="条例第六十二条", proposed_sanctions=(WARNING, FINE),
                     proposed_fine_fen=yuan(200), rights_notice="有权陈述申辩")
HEAR = HearStatement(occurred_at=T, actors=TWO, statement="初次摆摊，请求从轻")
DECIDE = DecideSimplePenalty(occurred_at=T, actors=TWO, decision_number="津西青当罚〔2025〕0012号",
                             facts_certain=True, sanctions=(WARNING, FINE), fine_fen=yuan(200),
                             reconsideration_first_notice=ROUTING)
DELIVER = DeliverDecision(occurred_at=T, actors=TWO)


def one_shot(party: Party = CITIZEN, **overrides: object) -> DecideOnTheSpot:
    fields: dict[str, object] = dict(
        occurred_at=T, actors=TWO, case_id="JY-2025-0012", town=TOWN, unit=UNIT, party=party,
        violation_type="ROAD_OCCUPATION_VENDING", place="富康路菜市场东口", item_code=ITEM_VENDING,
        certificates_shown=True, facts="占道摆卖水果", reasons="违反条例第二十一条", legal_basis="条例第六十二条",
        rights_notice="有权陈述申辩", decision_number="津西青当罚〔2025〕0012号", facts_certain=True,
        sanctions=(WARNING, FINE), fine_fen=yuan(200), reconsideration_first_notice=ROUTING,
        statement="初次摆摊，请求从轻", source_finding_id="INS-2025-0009/1")
    fields.update(overrides)
    return DecideOnTheSpot(**fields)  # type: ignore[arg-type]


def at_step(status: SimpleStatus) -> SimpleState:
    steps = [IDENTIFY, INFORM, HEAR, DECIDE, DELIVER]
    order = [SimpleStatus.IDENTIFIED, SimpleStatus.INFORMED, SimpleStatus.STATEMENT_HEARD, SimpleStatus.DECIDED,
             SimpleStatus.DELIVERED]
    state, _ = run(DECIDER, steps[: order.index(status) + 1])
    assert state.status is status
    return state


def delivered(fine_fen: int = yuan(200), sanctions: tuple[Sanction, ...] = (WARNING, FINE)) -> SimpleState:
    state, _ = run(DECIDER, [one_shot(fine_fen=fine_fen, sanctions=sanctions)])
    return state


def test_the_step_path_identifies_informs_hears_decides_and_delivers() -> None:
    state, events = run(DECIDER, [IDENTIFY, INFORM, HEAR, DECIDE, DELIVER])
    assert types_of(events) == ["OfficersIdentified", "PartyInformed", "StatementHeard", "SimplePenaltyDecided",
                                "SimpleDecisionDelivered", "DeadlineStarted"]
    decided = events[3]
    assert isinstance(decided, SimplePenaltyDecided)
    assert decided.fine_amount_fen() == yuan(200) and decided.decision_type is SimpleDecisionType.PENALTY
    assert state.status is SimpleStatus.DELIVERED
    # D15: 26 Sep + 15 days = 11 Oct, a Saturday worked in exchange for National Day, so it stays.
    assert state.clocks["D15"].due_on == date(2025, 10, 11)
    assert_round_trips(EVENTS, events)


def test_the_one_shot_entry_emits_the_same_events_as_the_step_path() -> None:
    _, steps = run(DECIDER, [IDENTIFY, INFORM, HEAR, DECIDE, DELIVER])
    state, one = run(DECIDER, [one_shot()])
    assert one == steps
    assert state.status is SimpleStatus.DELIVERED and state.source_finding_id == "INS-2025-0009/1"


def test_a_citizen_fine_of_200_01_yuan_is_rejected_but_200_yuan_is_accepted() -> None:
    exc = rejected(DECIDER, SimpleState(), one_shot(fine_fen=yuan("200.01")), RuleViolation,
                   rule="SIMPLE_FINE_CAP", article="APL 51")
    assert "200.00 yuan" in str(exc) and "200.01 yuan" in str(exc)
    assert delivered(yuan(200)).fine_fen == 20_000


def test_an_organisation_may_be_fined_3000_yuan_on_the_spot_but_not_more() -> None:
    state, events = run(DECIDER, [one_shot(COMPANY, fine_fen=yuan(3000))])
    assert state.fine_fen == 300_000
    assert [e.fine_amount_fen() for e in events if isinstance(e, SimplePenaltyDecided)] == [300_000]
    rejected(DECIDER, SimpleState(), one_shot(COMPANY, fine_fen=yuan("3000.01")), RuleViolation,
             rule="SIMPLE_FINE_CAP", article="APL 51")


def test_confiscation_is_not_decided_on_the_spot() -> None:
    exc = rejected(DECIDER, SimpleState(), one_shot(sanctions=(FINE, Sanction.CONFISCATE_PROPERTY)), RuleViolation,
                   rule="SIMPLE_SANCTIONS", article="APL 51")
    assert "CONFISCATE_PROPERTY" in str(exc)


def test_a_violation_is_fined_at_most_once() -> None:
    rejected(DECIDER, SimpleState(), one_shot(sanctions=(FINE, FINE)), RuleViolation,
             rule="ONE_FINE_PER_VIOLATION", article="APL 29")
    again = replace(DECIDE, occurred_at=at("2025-09-26 11:00"), decision_number="另一号")
    rejected(DECIDER, delivered(), again, RuleViolation, rule="ONE_FINE_PER_VIOLATION", article="APL 29")


def test_a_general_only_item_is_not_eligible() -> None:
    rejected(DECIDER, SimpleState(), replace(IDENTIFY, item_code=ITEM_FUME), RuleViolation,
             rule="SIMPLE_PROCEDURE_ALLOWED", article="APL 51")


def test_the_fine_stays_within_the_provisions_range() -> None:
    exc = rejected(DECIDER, SimpleState(), one_shot(fine_fen=yuan(20)), RuleViolation, rule="FINE_RANGE",
                   article="APL 51")
    assert "50.00 yuan" in str(exc)


@pytest.mark.parametrize(("change", "error", "rule", "article"), [
    ({"facts_certain": False}, RuleViolation, "FACTS_CERTAIN", "APL 51"),
    ({"reconsideration_first_notice": ""}, ValidationError, "RECONSIDERATION_FIRST_NOTICE", "ARL 23"),
    ({"reconsideration_first_notice": "   "}, ValidationError, "RECONSIDERATION_FIRST_NOTICE", "ARL 23"),
    ({"decision_number": ""}, ValidationError, "NUMBERED_FORM", "APL 52"),
    ({"sanctions": ()}, ValidationError, "SANCTIONS_REQUIRED", None),
    ({"sanctions": (WARNING,)}, ValidationError, "FINE_AMOUNT", None),
    ({"fine_fen": yuan(300)}, RuleViolation, "SIMPLE_FINE_CAP", "APL 51"),
])
def test_the_decision_form_is_checked(change: dict[str, object], error: type[Exception], rule: str,
                                      article: str | None) -> None:
    rejected(DECIDER, at_step(SimpleStatus.STATEMENT_HEARD), replace(DECIDE, **change),  # type: ignore[arg-type]
             error, rule=rule, article=article)  # type: ignore[arg-type]


def test_missing_reconsideration_routing_is_rejected_in_the_one_shot_entry_too() -> None:
    rejected(DECIDER, SimpleState(), one_shot(reconsideration_first_notice=""), ValidationError,
             rule="RECONSIDERATION_FIRST_NOTICE", article="ARL 23")


def test_the_decision_is_not_heavier_than_what_the_party_was_told() -> None:
    informed_lighter = replace(INFORM, proposed_fine_fen=yuan(100))
    state, _ = run(DECIDER, [IDENTIFY, informed_lighter, HEAR])
    rejected(DECIDER, state, DECIDE, RuleViolation, rule="NO_HEAVIER_PENALTY", article="APL 45")
    lighter, _ = run(DECIDER, [replace(DECIDE, fine_fen=yuan(80))], state)
    assert lighter.fine_fen == yuan(80)


def test_the_proposal_must_itself_be_eligible_and_complete() -> None:
    identified = at_step(SimpleStatus.IDENTIFIED)
    rejected(DECIDER, identified, replace(INFORM, proposed_fine_fen=yuan(500)), RuleViolation,
             rule="SIMPLE_FINE_CAP", article="APL 51")
    rejected(DECIDER, identified, replace(INFORM, rights_notice=""), ValidationError, rule="PRIOR_INFORMATION",
             article="APL 44")


def test_certificates_are_shown_and_two_certified_officers_act() -> None:
    rejected(DECIDER, SimpleState(), replace(IDENTIFY, certificates_shown=False), RuleViolation,
             rule="CERTIFICATES_SHOWN", article="APL 52")
    rejected(DECIDER, SimpleState(), one_shot(actors=(OFFICER_A, AUXILIARY)), RuleViolation,
             rule="TWO_CERTIFIED_OFFICERS", article="APL 42")


def test_the_statement_is_heard_or_expressly_waived() -> None:
    informed = at_step(SimpleStatus.INFORMED)
    rejected(DECIDER, informed, HearStatement(occurred_at=T, actors=TWO), ValidationError,
             rule="STATEMENT_OR_WAIVER", article="APL 45")
    state, _ = run(DECIDER, [HearStatement(occurred_at=T, actors=TWO, waived=True)], informed)
    assert state.statement_waived


def test_a_refused_delivery_is_noted() -> None:
    rejected(DECIDER, at_step(SimpleStatus.DECIDED), replace(DELIVER, refused=True), ValidationError,
             rule="REFUSAL_NOTED", article="APL 61")
    state, _ = run(DECIDER, [replace(DELIVER, refused=True, refusal_note="当事人拒签，两名执法人员在场见证")],
                   at_step(SimpleStatus.DECIDED))
    assert state.delivery_refused


def test_150_yuan_is_not_collected_on_the_spot_unless_hard_to_collect_later() -> None:
    state = delivered(yuan(150))
    collect = CollectFineOnTheSpot(occurred_at=at("2025-09-26 10:10"), actors=TWO, amount_fen=yuan(150),
                                   receipt_number="财政票据 0001")
    rejected(DECIDER, state, collect, RuleViolation, rule="ON_THE_SPOT_COLLECTION", article="APL 68")
    paid, events = run(DECIDER, [replace(collect, hard_to_collect=True)], state)
    assert paid.payment_method is PaymentMethod.ON_THE_SPOT and paid.paid_fen == yuan(150)
    assert "FineCollectedOnTheSpot" in types_of(events)


def test_collecting_100_yuan_on_the_spot_starts_the_cash_handover_clock_and_closes_after_handover() -> None:
    state = delivered(yuan(100))
    collect = CollectFineOnTheSpot(occurred_at=at("2025-09-30 10:10"), actors=TWO, amount_fen=yuan(100),
                                   receipt_number="财政票据 0002")
    state, events = run(DECIDER, [collect], state)
    assert types_of(events) == ["FineCollectedOnTheSpot", "DeadlineSatisfied", "DeadlineStarted"]
    handover = events[-1]
    assert isinstance(handover, DeadlineStarted)
    # 2 working days after Tue 30 Sep skip the National Day holidays: Thu 9 Oct, Fri 10 Oct.
    assert (handover.deadline_id, handover.due_on) == ("D14", date(2025, 10, 10))
    assert state.clocks["D15"].status is ClockStatus.SATISFIED
    state, _ = run(DECIDER, [FileWithAgency(occurred_at=at("2025-09-30 16:00"), actors=(OFFICER_A,),
                                            record_number="备案 2025-0012")], state)
    close = CloseSimpleCase(occurred_at=at("2025-10-09 09:00"), actors=(PRINCIPAL,))
    rejected(DECIDER, state, close, RuleViolation, rule="CASH_HANDOVER", article="APL 71")
    assert NextStep("HandOverCash", Role.OFFICER, date(2025, 10, 10), CASH_HANDOVER_CLOCK) in next_steps(state)
    state, _ = run(DECIDER, [HandOverCash(occurred_at=at("2025-10-09 08:30"), actors=(OFFICER_A,),
                                          receipt_number="缴款书 77"), close], state)
    assert state.status is SimpleStatus.CLOSED and state.clocks["D14"].status is ClockStatus.SATISFIED


def test_collection_must_be_the_full_amount_with_an_official_receipt() -> None:
    state = delivered(yuan(100))
    collect = CollectFineOnTheSpot(occurred_at=T, actors=TWO, amount_fen=yuan(50), receipt_number="0003")
    rejected(DECIDER, state, collect, ValidationError, rule="FULL_AMOUNT", article=None)
    rejected(DECIDER, state, replace(collect, amount_fen=yuan(100), receipt_number=""), ValidationError,
             rule="OFFICIAL_RECEIPT", article="APL 70")


def test_a_bank_payment_then_filing_with_the_agency_closes_the_case() -> None:
    state = delivered()
    close = CloseSimpleCase(occurred_at=at("2025-09-29 09:00"), actors=(PRINCIPAL,))
    state, _ = run(DECIDER, [FileWithAgency(occurred_at=at("2025-09-26 16:00"), actors=(OFFICER_A,),
                                            record_number="备案 2025-0012")], state)
    assert state.status is SimpleStatus.FILED_WITH_AGENCY
    assert next_steps(state) == (NextStep("RecordBankPayment", Role.OFFICER, date(2025, 10, 11), PAYMENT_CLOCK),)
    rejected(DECIDER, state, close, RuleViolation, rule="FINE_UNPAID", article="APL 67")
    bank = RecordBankPayment(occurred_at=at("2025-09-28 15:00"), actors=(SYSTEM_ACTOR,), amount_fen=yuan(200),
                             receipt_number="BANK-1")
    state, events = run(DECIDER, [bank], state)
    assert types_of(events) == ["FinePaidAtBank", "DeadlineSatisfied"]
    rejected(DECIDER, state, replace(bank, occurred_at=at("2025-09-28 16:00")), ValidationError,
             rule="ALREADY_PAID", article=None)
    assert next_steps(state) == (NextStep("CloseSimpleCase", Role.PRINCIPAL),)
    rejected(DECIDER, state, replace(close, actors=(OFFICER_A,)), RuleViolation, rule="ROLE_PRINCIPAL",
             article=None)
    state, _ = run(DECIDER, [close], state)
    assert state.status is SimpleStatus.CLOSED


def test_a_warning_alone_imposes_no_fine_and_closes_without_payment() -> None:
    state, events = run(DECIDER, [one_shot(sanctions=(WARNING,), fine_fen=0)])
    assert "DeadlineStarted" not in types_of(events)
    assert [e.fine_amount_fen() for e in events if isinstance(e, SimplePenaltyDecided)] == [None]
    state, _ = run(DECIDER, [FileWithAgency(occurred_at=T, actors=(OFFICER_A,), record_number="备案 1"),
                             CloseSimpleCase(occurred_at=T, actors=(PRINCIPAL,))], state)
    assert state.status is SimpleStatus.CLOSED
    rejected(DECIDER, delivered(0, (WARNING,)), CollectFineOnTheSpot(occurred_at=T, actors=TWO, amount_fen=100,
                                                                      receipt_number="1"),
             ValidationError, rule="NO_FINE", article=None)


def test_a_future_occurred_at_is_rejected() -> None:
    rejected(DECIDER, SimpleState(), one_shot(occurred_at=at("2025-12-01 12:01")), ValidationError,
             rule="NO_FUTURE_ENTRY", article=None)


def test_the_stream_context_is_a_simple_case() -> None:
    context = stream_context(delivered())
    assert (context.stream_id, context.stream_kind, context.procedure, context.violation_type, context.status) == (
        "JY-2025-0012", "CASE", "SIMPLE", "ROAD_OCCUPATION_VENDING", "DELIVERED")
    assert next_steps(SimpleState()) == (NextStep("DecideOnTheSpot", Role.OFFICER),)


SAMPLES: dict[type[Command], Command] = {
    IdentifyOfficers: IDENTIFY, InformParty: INFORM, HearStatement: HEAR, DecideSimplePenalty: DECIDE,
    DeliverDecision: DELIVER, DecideOnTheSpot: one_shot(),
    CollectFineOnTheSpot: CollectFineOnTheSpot(occurred_at=T, actors=TWO, amount_fen=100, receipt_number="1"),
    HandOverCash: HandOverCash(occurred_at=T, actors=(OFFICER_A,), receipt_number="1"),
    RecordBankPayment: RecordBankPayment(occurred_at=T, actors=(OFFICER_A,), amount_fen=100, receipt_number="1"),
    FileWithAgency: FileWithAgency(occurred_at=T, actors=(OFFICER_A,), record_number="1"),
    CloseSimpleCase: CloseSimpleCase(occurred_at=T, actors=(PRINCIPAL,)),
}


@pytest.mark.parametrize("command_type", list(TRANSITIONS), ids=lambda t: t.__name__)
def test_every_command_is_rejected_outside_its_source_statuses(command_type: type[Command]) -> None:
    row = TRANSITIONS[command_type]
    assert set(SAMPLES) == set(TRANSITIONS)
    for status in SimpleStatus:
        if status not in row.sources:
            rejected(DECIDER, SimpleState(status=status), SAMPLES[command_type], InvalidTransition,
                     rule="TRANSITION", article=row.article)


def test_sealed_events_carry_the_fine_procedure_and_status_columns() -> None:
    _, events = run(DECIDER, [one_shot()])
    _, envelopes = record(DECIDER, SimpleState(), events, context_of=stream_context, first_seq=1,
                          prev_hash=GENESIS_HASH, recorded_at=at("2025-09-26 10:05"))
    decided = next(env for env in envelopes if env.event_type == "SimplePenaltyDecided")
    assert (decided.fine_amount_fen, decided.procedure, decided.status, decided.stream_id) == (
        20_000, "SIMPLE", "DECIDED", "JY-2025-0012")
    assert [env.status for env in envelopes][-1] == "DELIVERED"
    assert verify_chain(envelopes) is None
