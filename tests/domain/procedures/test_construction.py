"""Illegal construction 违法建设: stop order, decision, announcement, the party's windows, demand, forced
demolition (never at night or on a day off, ACL 43), self-demolition and the other outcomes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.construction.commands import (
    AnnounceDemolition,
    CompleteDemolition,
    DecideCorrectionOrDemolition,
    DecideForcedDemolition,
    IssueStopOrder,
    RecordChallenge,
    RecordChallengeOutcome,
    RecordDeadlineLapsed,
    RecordIllegalConstruction,
    ServeConstructionDecision,
    ServeDemand,
    VerifyCorrection,
    VerifySelfDemolition,
)
from domain.construction.decider import DECIDER
from domain.construction.events import EVENTS, DemolitionCompleted, SelfDemolitionVerified
from domain.construction.state import ChallengeKind, ConstructionState, ConstructionStatus, DecisionKind
from domain.construction.transitions import TRANSITIONS
from domain.construction.views import next_steps, stream_context
from domain.deadlines.clock_events import ClockStatus
from domain.errors import InvalidTransition, RuleViolation, ValidationError
from domain.inspections.evidence import AvEvidence
from domain.messages import Command
from domain.reference import Role
from domain.tasks import NextStep
from tests.domain.procedures.reference_data import (
    AUXILIARY,
    CITIZEN,
    HASH,
    ITEM_CONSTRUCTION,
    ITEM_VENDING,
    OFFICER_A,
    PRINCIPAL,
    TOWN,
    TWO,
    UNIT,
    assert_round_trips,
    at,
    rejected,
    run,
    types_of,
)

S = ConstructionStatus
VIDEO = (AvEvidence("cam/demolition.mp4", HASH),)

DISCOVER = RecordIllegalConstruction(
    occurred_at=at("2025-03-03 09:00"), actors=TWO, case_id="WJ-2025-0007", town=TOWN, unit=UNIT, party=CITIZEN,
    place="张家窝村 3 排 5 号", description="院内私搭彩钢板房两间", item_code=ITEM_CONSTRUCTION, structure_count=2,
    estimated_area_dm2=19_300, source_finding_id="INS-2025-0100/1")
STOP = IssueStopOrder(occurred_at=at("2025-03-03 10:00"), actors=TWO, order_number="停字〔2025〕7号")
DECIDE = DecideCorrectionOrDemolition(occurred_at=at("2025-03-05 10:00"), actors=(PRINCIPAL,),
                                      decision_number="拆字〔2025〕7号", kind=DecisionKind.DEMOLISH,
                                      legal_basis="URPL 65", deadline_days=15)
SERVE = ServeConstructionDecision(occurred_at=at("2025-03-06 10:00"), actors=TWO)
LAPSE = RecordDeadlineLapsed(occurred_at=at("2025-03-24 10:00"), actors=TWO, site_record="逾期未拆除")
ANNOUNCE = AnnounceDemolition(occurred_at=at("2025-03-25 10:00"), actors=(PRINCIPAL,),
                              announcement_number="公告〔2025〕7号", deadline_days=10)
DEMAND = ServeDemand(occurred_at=at("2025-09-09 10:00"), actors=TWO, demand_number="催字〔2025〕7号",
                     deadline_days=10)
FORCED = DecideForcedDemolition(occurred_at=at("2025-09-22 10:00"), actors=(PRINCIPAL,),
                                decision_number="强拆字〔2025〕7号")
DEMOLISH = CompleteDemolition(occurred_at=at("2025-09-29 16:00"), actors=TWO, started_at=at("2025-09-29 08:00"),
                              count=2, area_dm2=19_300, av_evidence=VIDEO)

PATH = [DISCOVER, STOP, DECIDE, SERVE, LAPSE, ANNOUNCE, DEMAND, FORCED]


def until(status: S) -> ConstructionState:
    order = [S.DISCOVERED, S.STOP_ORDER, S.CORRECTION_OR_DEMOLITION_DECISION, S.SERVED, S.SELF_DEMOLITION_DEADLINE,
             S.ANNOUNCED, S.DEMAND, S.FORCED_DEMOLITION_DECISION]
    state, _ = run(DECIDER, PATH[: order.index(status) + 1])
    assert state.status is status
    return state


def test_the_full_path_ends_in_a_demolition_with_count_and_area() -> None:
    state, events = run(DECIDER, [*PATH, DEMOLISH])
    assert [e for e in types_of(events) if not e.startswith("Deadline")] == [
        "IllegalConstructionDiscovered", "StopOrderIssued", "CorrectionOrDemolitionDecided",
        "ConstructionDecisionServed", "SelfDemolitionDeadlineLapsed", "DemolitionAnnounced",
        "DemolitionDemandServed", "ForcedDemolitionDecided", "DemolitionCompleted"]
    done = next(e for e in events if isinstance(e, DemolitionCompleted))
    assert (done.count, done.area_dm2, done.area_m2()) == (2, 19_300, "193.00")
    assert (state.status, state.demolished_count, state.demolished_area_dm2) == (S.DEMOLISHED, 2, 19_300)
    assert all(c.status is not ClockStatus.RUNNING for c in state.clocks.values())
    assert_round_trips(EVENTS, events)


def test_serving_the_decision_starts_the_self_demolition_period_and_the_partys_windows() -> None:
    state = until(S.SERVED)
    assert state.due_on("SELF_DEMOLITION") == date(2025, 3, 21)
    assert state.due_on("D19") == date(2025, 5, 6)  # 60 days end on 5 May, a Labour Day holiday
    assert state.due_on("D23") == date(2025, 9, 8)  # 6 months end on Saturday 6 September
    assert next_steps(state) == (NextStep("RecordDeadlineLapsed", Role.OFFICER, date(2025, 3, 22)),)


@pytest.mark.parametrize(("moment", "rule"), [
    ("2025-09-29 21:00", "NO_NIGHT_EXECUTION"),
    ("2025-09-29 20:00", "NO_NIGHT_EXECUTION"),
    ("2025-10-02 10:00", "NO_HOLIDAY_EXECUTION"),
    ("2025-10-04 10:00", "NO_HOLIDAY_EXECUTION"),
])
def test_no_forced_demolition_at_night_or_on_a_holiday(moment: str, rule: str) -> None:
    command = replace(DEMOLISH, started_at=at(moment), occurred_at=at(moment))
    rejected(DECIDER, until(S.FORCED_DEMOLITION_DECISION), command, RuleViolation, rule=rule, article="ACL 43")


def test_a_demolition_starting_before_six_is_night_work() -> None:
    command = replace(DEMOLISH, started_at=at("2025-09-29 05:59"))
    exc = rejected(DECIDER, until(S.FORCED_DEMOLITION_DECISION), command, RuleViolation, rule="NO_NIGHT_EXECUTION",
                   article="ACL 43")
    assert exc.field == "started_at"


def test_a_demolition_spanning_a_holiday_is_rejected() -> None:
    command = replace(DEMOLISH, started_at=at("2025-09-30 09:00"), occurred_at=at("2025-10-09 17:00"))
    rejected(DECIDER, until(S.FORCED_DEMOLITION_DECISION), command, RuleViolation, rule="NO_HOLIDAY_EXECUTION",
             article="ACL 43")


def test_a_make_up_working_saturday_is_a_working_day_for_demolition() -> None:
    command = replace(DEMOLISH, started_at=at("2025-10-11 06:00"), occurred_at=at("2025-10-11 19:59"))
    state, _ = run(DECIDER, [command], until(S.FORCED_DEMOLITION_DECISION))
    assert state.status is S.DEMOLISHED


def test_an_emergency_allows_night_work_only_with_its_reason() -> None:
    night = replace(DEMOLISH, started_at=at("2025-10-02 21:00"), occurred_at=at("2025-10-02 23:00"), emergency=True)
    rejected(DECIDER, until(S.FORCED_DEMOLITION_DECISION), night, ValidationError, rule="EMERGENCY_REASON",
             article="ACL 43")
    state, _ = run(DECIDER, [replace(night, emergency_reason="构筑物倾斜，危及行人安全")],
                   until(S.FORCED_DEMOLITION_DECISION))
    assert state.status is S.DEMOLISHED


def test_the_demolition_records_positive_count_and_area() -> None:
    rejected(DECIDER, until(S.FORCED_DEMOLITION_DECISION), replace(DEMOLISH, area_dm2=0), ValidationError,
             rule="AREA", article=None)
    rejected(DECIDER, until(S.FORCED_DEMOLITION_DECISION), replace(DEMOLISH, started_at=at("2025-09-29 17:00")),
             ValidationError, rule="STEP_ORDER", article=None)


def test_the_lapse_is_recorded_only_after_the_self_demolition_period() -> None:
    early = replace(LAPSE, occurred_at=at("2025-03-21 17:00"))
    rejected(DECIDER, until(S.SERVED), early, RuleViolation, rule="SELF_DEMOLITION_PERIOD_RUNNING",
             article="URPL 64")


def test_the_demand_waits_for_the_announcement_and_the_partys_windows() -> None:
    announced = until(S.ANNOUNCED)
    rejected(DECIDER, announced, replace(DEMAND, occurred_at=at("2025-04-07 10:00")), RuleViolation,
             rule="ANNOUNCEMENT_PERIOD_RUNNING", article="ACL 44")
    rejected(DECIDER, announced, replace(DEMAND, occurred_at=at("2025-05-06 10:00")), RuleViolation,
             rule="RECONSIDERATION_WINDOW_OPEN", article="ACL 44")
    rejected(DECIDER, announced, replace(DEMAND, occurred_at=at("2025-09-08 10:00")), RuleViolation,
             rule="LITIGATION_WINDOW_OPEN", article="ACL 44")
    assert next_steps(announced) == (NextStep("ServeDemand", Role.OFFICER, date(2025, 9, 9)),)


def test_a_pending_challenge_blocks_the_demand_and_an_upheld_decision_closes_that_window() -> None:
    state, _ = run(DECIDER, [RecordChallenge(occurred_at=at("2025-04-10 10:00"), actors=(OFFICER_A,),
                                             kind=ChallengeKind.RECONSIDERATION, reference="西青复〔2025〕3号")],
                   until(S.ANNOUNCED))
    rejected(DECIDER, state, DEMAND, RuleViolation, rule="CHALLENGE_PENDING", article="ACL 44")
    state, _ = run(DECIDER, [RecordChallengeOutcome(occurred_at=at("2025-06-10 10:00"), actors=(OFFICER_A,),
                                                    kind=ChallengeKind.RECONSIDERATION, upheld=True,
                                                    reference="西青复〔2025〕3号")], state)
    assert state.status is S.ANNOUNCED and state.upheld_challenges == {ChallengeKind.RECONSIDERATION}
    rejected(DECIDER, state, replace(DEMAND, occurred_at=at("2025-09-08 10:00")), RuleViolation,
             rule="LITIGATION_WINDOW_OPEN", article="ACL 44")


def test_a_decision_set_aside_ends_the_procedure() -> None:
    state, events = run(DECIDER, [
        RecordChallenge(occurred_at=at("2025-03-10 10:00"), actors=(OFFICER_A,), kind=ChallengeKind.LITIGATION,
                        reference="(2025)津0111行初12号"),
        RecordChallengeOutcome(occurred_at=at("2025-06-10 10:00"), actors=(OFFICER_A,),
                               kind=ChallengeKind.LITIGATION, upheld=False, reference="(2025)津0111行初12号"),
    ], until(S.SERVED))
    assert state.status is S.QUASHED
    assert "DeadlineCancelled" in types_of(events)
    assert all(c.status is ClockStatus.CANCELLED for c in state.clocks.values())
    rejected(DECIDER, until(S.SERVED), RecordChallengeOutcome(
        occurred_at=at("2025-06-10 10:00"), actors=(OFFICER_A,), kind=ChallengeKind.LITIGATION, upheld=True,
        reference="x"), ValidationError, rule="NO_PENDING_CHALLENGE", article=None)


def test_the_forced_decision_waits_for_the_demand_period() -> None:
    rejected(DECIDER, until(S.DEMAND), replace(FORCED, occurred_at=at("2025-09-19 10:00")), RuleViolation,
             rule="DEMAND_PERIOD_RUNNING", article="ACL 37")


def test_self_demolition_by_the_party_is_an_outcome() -> None:
    verify = VerifySelfDemolition(occurred_at=at("2025-03-20 10:00"), actors=TWO, count=2, area_dm2=19_350,
                                  site_record="当事人已自行拆除", av_evidence=VIDEO)
    state, events = run(DECIDER, [verify], until(S.SERVED))
    verified = events[0]
    assert isinstance(verified, SelfDemolitionVerified) and verified.area_m2() == "193.50"
    assert (state.status, state.demolished_count, state.demolished_area_dm2) == (S.SELF_DEMOLISHED, 2, 19_350)
    assert all(c.status is ClockStatus.CANCELLED for c in state.clocks.values())
    assert next_steps(state) == ()


def test_a_correction_order_ends_in_correction_or_a_later_demolition_decision() -> None:
    correct = replace(DECIDE, kind=DecisionKind.CORRECT)
    served, _ = run(DECIDER, [DISCOVER, STOP, correct, SERVE])
    rejected(DECIDER, served, VerifySelfDemolition(occurred_at=at("2025-03-20 10:00"), actors=TWO, count=0,
                                                   area_dm2=1, site_record="x"),
             ValidationError, rule="STRUCTURE_COUNT", article=None)
    corrected, _ = run(DECIDER, [VerifyCorrection(occurred_at=at("2025-03-20 10:00"), actors=TWO,
                                                  site_record="已补办乡村建设规划许可证")], served)
    assert corrected.status is S.CORRECTED
    lapsed, _ = run(DECIDER, [LAPSE], served)
    rejected(DECIDER, lapsed, ANNOUNCE, RuleViolation, rule="ANNOUNCE_ONLY_DEMOLITION", article="ACL 44")
    rejected(DECIDER, lapsed, replace(correct, occurred_at=at("2025-03-25 10:00")), RuleViolation,
             rule="DEMOLITION_AFTER_CORRECTION", article="URPL 64")
    demolish, _ = run(DECIDER, [replace(DECIDE, occurred_at=at("2025-03-25 10:00"))], lapsed)
    assert demolish.status is S.CORRECTION_OR_DEMOLITION_DECISION and demolish.decision_kind is DecisionKind.DEMOLISH


def test_a_demolition_decision_is_not_discharged_by_a_correction() -> None:
    rejected(DECIDER, until(S.SERVED), VerifyCorrection(occurred_at=at("2025-03-20 10:00"), actors=TWO,
                                                        site_record="x"),
             RuleViolation, rule="CORRECTION_ONLY_FOR_CORRECT", article="URPL 64")


def test_decisions_are_the_principals_and_name_their_basis() -> None:
    stop = until(S.STOP_ORDER)
    rejected(DECIDER, stop, replace(DECIDE, actors=(OFFICER_A,)), RuleViolation, rule="ROLE_PRINCIPAL",
             article=None)
    rejected(DECIDER, stop, replace(DECIDE, legal_basis="URPL 40"), ValidationError, rule="LEGAL_BASIS",
             article="URPL 64")


def test_discovery_needs_a_construction_item_and_two_certified_officers() -> None:
    rejected(DECIDER, ConstructionState(), replace(DISCOVER, item_code=ITEM_VENDING), ValidationError,
             rule="CONSTRUCTION_ITEM", article="URPL 64")
    rejected(DECIDER, ConstructionState(), replace(DISCOVER, actors=(OFFICER_A, AUXILIARY)), RuleViolation,
             rule="TWO_CERTIFIED_OFFICERS", article="APL 42")


def test_a_future_occurred_at_is_rejected() -> None:
    rejected(DECIDER, ConstructionState(), replace(DISCOVER, occurred_at=at("2025-12-24 10:00")), ValidationError,
             rule="NO_FUTURE_ENTRY", article=None)


def test_the_stream_context_is_an_illegal_construction_case() -> None:
    context = stream_context(until(S.DISCOVERED))
    assert (context.stream_id, context.stream_kind, context.procedure, context.violation_type, context.status) == (
        "WJ-2025-0007", "CASE", "ILLEGAL_CONSTRUCTION", "ILLEGAL_CONSTRUCTION", "DISCOVERED")


SAMPLES: dict[type[Command], Command] = {
    RecordIllegalConstruction: DISCOVER, IssueStopOrder: STOP, DecideCorrectionOrDemolition: DECIDE,
    ServeConstructionDecision: SERVE, RecordDeadlineLapsed: LAPSE, AnnounceDemolition: ANNOUNCE,
    ServeDemand: DEMAND, DecideForcedDemolition: FORCED, CompleteDemolition: DEMOLISH,
    VerifySelfDemolition: VerifySelfDemolition(occurred_at=at("2025-03-20 10:00"), actors=TWO, count=1,
                                               area_dm2=100, site_record="x"),
    VerifyCorrection: VerifyCorrection(occurred_at=at("2025-03-20 10:00"), actors=TWO, site_record="x"),
    RecordChallenge: RecordChallenge(occurred_at=at("2025-03-20 10:00"), actors=(OFFICER_A,),
                                     kind=ChallengeKind.RECONSIDERATION, reference="x"),
    RecordChallengeOutcome: RecordChallengeOutcome(occurred_at=at("2025-03-20 10:00"), actors=(OFFICER_A,),
                                                   kind=ChallengeKind.RECONSIDERATION, upheld=True, reference="x"),
}


@pytest.mark.parametrize("command_type", list(TRANSITIONS), ids=lambda t: t.__name__)
def test_every_command_is_rejected_outside_its_source_statuses(command_type: type[Command]) -> None:
    row = TRANSITIONS[command_type]
    assert set(SAMPLES) == set(TRANSITIONS)
    for status in S:
        if status not in row.sources:
            rejected(DECIDER, ConstructionState(status=status), SAMPLES[command_type], InvalidTransition,
                     rule="TRANSITION", article=row.article)
