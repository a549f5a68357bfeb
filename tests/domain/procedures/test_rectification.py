"""Rectification order 责令改正: deadline on clock D30, reinspection, escalation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.deadlines.clock_events import ClockStatus, DeadlineStarted
from domain.errors import InvalidTransition, RuleViolation, ValidationError
from domain.messages import SYSTEM_ACTOR, Command
from domain.rectification.commands import (
    EscalateRectification,
    IssueRectificationOrder,
    MarkReinspectionDue,
    RecordCompliance,
    RecordNonCompliance,
)
from domain.rectification.decider import DECIDER
from domain.rectification.events import EVENTS, RectificationEscalated
from domain.rectification.state import EscalationTarget, RectificationState, RectificationStatus
from domain.rectification.transitions import TRANSITIONS
from domain.rectification.views import next_steps, stream_context
from domain.reference import Role
from domain.tasks import NextStep
from tests.domain.procedures.reference_data import (
    AUXILIARY,
    CITIZEN,
    ITEM_CONSTRUCTION,
    OFFICER_A,
    TOWN,
    TWO,
    UNIT,
    assert_round_trips,
    at,
    rejected,
    run,
    types_of,
)

ISSUE = IssueRectificationOrder(
    occurred_at=at("2025-09-26 10:00"), actors=TWO, order_id="ZG-2025-0031", town=TOWN, unit=UNIT, party=CITIZEN,
    violation_type="ILLEGAL_PILING", place="富康路 12 号门前", description="门前堆放建材", requirement="清理堆物",
    legal_basis="天津市市容和环境卫生管理条例 第二十条", source_finding_id="INS-2025-0001/1")


def issued(command: IssueRectificationOrder = ISSUE) -> RectificationState:
    state, _ = run(DECIDER, [command])
    return state


def test_an_order_without_its_own_period_uses_the_profile_default_on_clock_d30() -> None:
    state, events = run(DECIDER, [ISSUE])
    assert types_of(events) == ["RectificationOrderIssued", "DeadlineStarted"]
    clock = events[1]
    assert isinstance(clock, DeadlineStarted)
    assert (clock.deadline_id, clock.clock_key, clock.length) == ("D30", "D30", 7)
    # 26 Sep + 7 days = 3 Oct, a National Day holiday: the period ends on the next working day, 9 Oct.
    assert clock.due_on == date(2025, 10, 9)
    assert state.status is RectificationStatus.ISSUED and state.due_on == date(2025, 10, 9)
    assert state.deadline_days == 7 and state.source_finding_id == "INS-2025-0001/1"


def test_an_order_with_its_own_period_uses_it() -> None:
    state = issued(replace(ISSUE, deadline_days=3))
    assert state.deadline_days == 3 and state.due_on == date(2025, 9, 29)


@pytest.mark.parametrize(("change", "rule", "article"), [
    ({"deadline_days": 0}, "DEADLINE_DAYS", None),
    ({"requirement": ""}, "CORRECTION_REQUIRED", "APL 28"),
    ({"violation_type": "NOPE"}, "KNOWN_VIOLATION_TYPE", None),
    ({"legal_basis": ""}, "LEGAL_BASIS", None),
    ({"town": "XX"}, "KNOWN_TOWN", None),
])
def test_an_order_states_a_valid_period_requirement_and_basis(change: dict[str, object], rule: str,
                                                              article: str | None) -> None:
    rejected(DECIDER, RectificationState(), replace(ISSUE, **change), ValidationError,  # type: ignore[arg-type]
             rule=rule, article=article)


def test_an_order_is_served_by_two_certified_officers() -> None:
    rejected(DECIDER, RectificationState(), replace(ISSUE, actors=(OFFICER_A, AUXILIARY)), RuleViolation,
             rule="TWO_CERTIFIED_OFFICERS", article="APL 42")


def test_compliance_found_at_reinspection_satisfies_the_deadline() -> None:
    state, events = run(DECIDER, [RecordCompliance(occurred_at=at("2025-09-30 10:00"), actors=TWO,
                                                   site_record="堆物已清理")], issued())
    assert types_of(events) == ["ReinspectionRecorded", "DeadlineSatisfied"]
    assert state.status is RectificationStatus.COMPLIED
    assert state.clocks["D30"].status is ClockStatus.SATISFIED
    assert next_steps(state) == ()


def test_non_compliance_cannot_be_found_while_the_period_runs() -> None:
    command = RecordNonCompliance(occurred_at=at("2025-10-08 10:00"), actors=TWO, site_record="仍未清理")
    exc = rejected(DECIDER, issued(), command, RuleViolation, rule="CORRECTION_PERIOD_RUNNING", article=None)
    assert "2025-10-09" in str(exc)


def test_rectification_not_complied_escalates_to_a_general_case() -> None:
    state, events = run(DECIDER, [
        MarkReinspectionDue(occurred_at=at("2025-10-09 00:00"), actors=(SYSTEM_ACTOR,)),
        RecordNonCompliance(occurred_at=at("2025-10-09 15:00"), actors=TWO, site_record="仍未清理"),
        EscalateRectification(occurred_at=at("2025-10-09 16:00"), actors=(OFFICER_A,),
                              target=EscalationTarget.GENERAL_CASE, reason="逾期未改正"),
    ], issued())
    assert types_of(events) == ["ReinspectionFellDue", "ReinspectionRecorded", "DeadlineSatisfied",
                                "RectificationEscalated"]
    escalated = events[-1]
    assert isinstance(escalated, RectificationEscalated)
    assert (escalated.target, escalated.order_id, escalated.party, escalated.violation_type, escalated.place) == (
        EscalationTarget.GENERAL_CASE, "ZG-2025-0031", CITIZEN, "ILLEGAL_PILING", "富康路 12 号门前")
    assert state.status is RectificationStatus.ESCALATED and state.escalated_to is EscalationTarget.GENERAL_CASE
    assert_round_trips(EVENTS, events)


def test_only_construction_escalates_to_demolition() -> None:
    not_complied, _ = run(DECIDER, [RecordNonCompliance(occurred_at=at("2025-10-09 15:00"), actors=TWO,
                                                        site_record="仍未清理")], issued())
    escalate = EscalateRectification(occurred_at=at("2025-10-10 09:00"), actors=(OFFICER_A,),
                                     target=EscalationTarget.DEMOLITION)
    rejected(DECIDER, not_complied, escalate, RuleViolation, rule="DEMOLITION_ONLY_FOR_CONSTRUCTION",
             article="URPL 64")
    construction = issued(replace(ISSUE, violation_type="ILLEGAL_CONSTRUCTION", item_code=ITEM_CONSTRUCTION))
    construction, _ = run(DECIDER, [RecordNonCompliance(occurred_at=at("2025-10-09 15:00"), actors=TWO,
                                                        site_record="未拆除")], construction)
    state, _ = run(DECIDER, [escalate], construction)
    assert state.escalated_to is EscalationTarget.DEMOLITION


def test_the_system_marks_reinspection_due_only_when_the_period_ends() -> None:
    early = MarkReinspectionDue(occurred_at=at("2025-10-08 00:00"), actors=(SYSTEM_ACTOR,))
    rejected(DECIDER, issued(), early, RuleViolation, rule="CORRECTION_PERIOD_RUNNING", article=None)
    state, _ = run(DECIDER, [replace(early, occurred_at=at("2025-10-09 00:00"))], issued())
    assert state.status is RectificationStatus.REINSPECTION_DUE


def test_a_party_reporting_the_correction_makes_reinspection_due_early() -> None:
    report = MarkReinspectionDue(occurred_at=at("2025-09-28 10:00"), actors=(OFFICER_A,), party_reported=True)
    state, _ = run(DECIDER, [report], issued())
    assert state.status is RectificationStatus.REINSPECTION_DUE
    assert next_steps(state)[0] == NextStep("RecordCompliance", Role.OFFICER, date(2025, 10, 9), "D30")


def test_a_future_occurred_at_is_rejected() -> None:
    rejected(DECIDER, RectificationState(), replace(ISSUE, occurred_at=at("2026-01-01 10:00")), ValidationError,
             rule="NO_FUTURE_ENTRY", article=None)


def test_the_stream_context_is_a_rectification_stream() -> None:
    context = stream_context(issued())
    assert (context.stream_id, context.stream_kind, context.procedure, context.violation_type, context.status) == (
        "ZG-2025-0031", "RECTIFICATION", None, "ILLEGAL_PILING", "ISSUED")


SAMPLES: dict[type[Command], Command] = {
    IssueRectificationOrder: ISSUE,
    MarkReinspectionDue: MarkReinspectionDue(occurred_at=at("2025-10-09 00:00"), actors=(SYSTEM_ACTOR,)),
    RecordCompliance: RecordCompliance(occurred_at=at("2025-10-09 10:00"), actors=TWO, site_record="已清理"),
    RecordNonCompliance: RecordNonCompliance(occurred_at=at("2025-10-09 10:00"), actors=TWO, site_record="未清理"),
    EscalateRectification: EscalateRectification(occurred_at=at("2025-10-09 10:00"), actors=(OFFICER_A,),
                                                 target=EscalationTarget.GENERAL_CASE),
}


@pytest.mark.parametrize("command_type", list(TRANSITIONS), ids=lambda t: t.__name__)
def test_every_command_is_rejected_outside_its_source_statuses(command_type: type[Command]) -> None:
    row = TRANSITIONS[command_type]
    assert set(SAMPLES) == set(TRANSITIONS)
    for status in RectificationStatus:
        if status not in row.sources:
            rejected(DECIDER, RectificationState(status=status), SAMPLES[command_type], InvalidTransition,
                     rule="TRANSITION", article=row.article)
