"""Inspection 行政检查: the cheap one-step record, the step-by-step path, findings and their follow-ups."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.envelope import GENESIS_HASH
from domain.errors import InvalidTransition, RuleViolation, ValidationError
from domain.inspections.commands import (
    CancelInspection,
    CompleteInspection,
    PlanInspection,
    RecordFinding,
    RecordInspection,
    StartInspection,
)
from domain.inspections.decider import DECIDER
from domain.inspections.events import EVENTS, InspectionCompleted
from domain.inspections.evidence import AvEvidence
from domain.inspections.findings import NOTHING_FOUND, FindingDraft, FindingKind
from domain.inspections.state import InspectionState, InspectionStatus
from domain.inspections.transitions import TRANSITIONS
from domain.inspections.views import follow_ups, next_steps, stream_context
from domain.messages import Command
from domain.recording import record
from domain.reference import Role
from domain.tasks import NextStep
from domain.values import SoftOutcome
from tests.domain.procedures.reference_data import (
    AUXILIARY,
    CITIZEN,
    EXPIRED,
    HASH,
    ITEM_FUME,
    ITEM_VENDING,
    OFFICER_A,
    OFFICER_B,
    PRINCIPAL,
    SOFT_VENDING,
    TOWN,
    TWO,
    UNIT,
    assert_round_trips,
    at,
    rejected,
    run,
    types_of,
)

T0 = at("2025-09-29 09:00")
VENDING = FindingDraft(kind=FindingKind.RECTIFICATION_ORDERED, violation_type="ROAD_OCCUPATION_VENDING",
                       party=CITIZEN, description="占道摆放货架 3 米", item_code=ITEM_VENDING)
CORRECTED = FindingDraft(kind=FindingKind.ON_SITE_CORRECTED, violation_type="ROAD_OCCUPATION_VENDING",
                         description="流动摊贩当场撤离", soft_list_item_id=SOFT_VENDING)


def one_shot(findings: tuple[FindingDraft, ...] = NOTHING_FOUND, **overrides: object) -> RecordInspection:
    fields: dict[str, object] = dict(
        occurred_at=at("2025-09-29 10:30"), actors=TWO, inspection_id="INS-2025-0001", town=TOWN, unit=UNIT,
        place="津静公路与富康路交口", items_checked=(ITEM_VENDING,), certificates_shown=True, findings=findings,
        started_at=at("2025-09-29 10:00"))
    fields.update(overrides)
    return RecordInspection(**fields)  # type: ignore[arg-type]


PLAN = PlanInspection(occurred_at=at("2025-09-28 16:00"), actors=(OFFICER_A,), inspection_id="INS-2025-0002",
                      town=TOWN, unit=UNIT, place="富康路菜市场", planned_on=at("2025-09-29 00:00").date(),
                      items_checked=(ITEM_VENDING, ITEM_FUME))
START = StartInspection(occurred_at=T0, actors=TWO, certificates_shown=True)


def in_progress() -> InspectionState:
    state, _ = run(DECIDER, [PLAN, START])
    return state


def test_an_inspection_that_finds_nothing_is_recorded_with_one_command_and_one_event() -> None:
    state, events = run(DECIDER, [one_shot()])
    assert types_of(events) == ["InspectionCompleted"]
    completed = events[0]
    assert isinstance(completed, InspectionCompleted)
    assert completed.started_at == at("2025-09-29 10:00")
    assert [f.finding_id for f in completed.findings] == ["INS-2025-0001/1"]
    assert state.status is InspectionStatus.COMPLETED
    assert state.officers == TWO
    assert follow_ups(state) == ()
    assert next_steps(state) == ()


def test_the_one_step_record_numbers_findings_and_exposes_those_needing_follow_up() -> None:
    state, events = run(DECIDER, [one_shot((VENDING, CORRECTED), site_record="现场笔录：占道经营两处",
                                           av_evidence=(AvEvidence("cam/0001.mp4", HASH),))])
    assert len(events) == 1
    assert [(f.finding_id, f.kind, f.place) for f in state.findings] == [
        ("INS-2025-0001/1", FindingKind.RECTIFICATION_ORDERED, "津静公路与富康路交口"),
        ("INS-2025-0001/2", FindingKind.ON_SITE_CORRECTED, "津静公路与富康路交口"),
    ]
    assert state.findings[1].soft_outcome is SoftOutcome.EDUCATION_ONLY
    assert state.findings[0].soft_outcome is None
    (follow_up,) = follow_ups(state)
    assert (follow_up.finding_id, follow_up.party, follow_up.violation_type) == (
        "INS-2025-0001/1", CITIZEN, "ROAD_OCCUPATION_VENDING")


def test_a_planned_inspection_can_still_be_recorded_in_one_step() -> None:
    planned, _ = run(DECIDER, [PLAN])
    state, events = run(DECIDER, [one_shot(inspection_id="INS-2025-0002")], planned)
    assert state.status is InspectionStatus.COMPLETED and len(events) == 1
    rejected(DECIDER, planned, one_shot(inspection_id="INS-OTHER"), ValidationError, rule="SAME_INSPECTION",
             article=None)


def test_the_step_path_plans_starts_records_findings_and_completes() -> None:
    state, events = run(DECIDER, [
        PLAN, START,
        RecordFinding(occurred_at=at("2025-09-29 09:20"), actors=TWO, finding=VENDING),
        RecordFinding(occurred_at=at("2025-09-29 09:40"), actors=TWO, finding=CORRECTED),
        CompleteInspection(occurred_at=at("2025-09-29 10:00"), actors=TWO, site_record="现场笔录",
                           av_evidence=(AvEvidence("cam/0002.mp4", HASH),)),
    ])
    assert types_of(events) == ["InspectionPlanned", "InspectionStarted", "FindingRecorded", "FindingRecorded",
                                "InspectionCompleted"]
    completed = events[-1]
    assert isinstance(completed, InspectionCompleted)
    assert [f.finding_id for f in completed.findings] == ["INS-2025-0002/1", "INS-2025-0002/2"]
    assert completed.started_at == T0
    assert state.status is InspectionStatus.COMPLETED
    assert state.findings == completed.findings
    assert [f.finding_id for f in follow_ups(state)] == ["INS-2025-0002/1"]
    assert_round_trips(EVENTS, events)


def test_folding_the_events_rebuilds_the_state() -> None:
    state, events = run(DECIDER, [PLAN, START, RecordFinding(occurred_at=T0, actors=TWO, finding=VENDING)])
    rebuilt, _ = run(DECIDER, [])
    for event in events:
        rebuilt = DECIDER.evolve(rebuilt, event)
    assert rebuilt == state


def test_a_planned_inspection_can_be_cancelled_with_a_reason() -> None:
    planned, _ = run(DECIDER, [PLAN])
    state, _ = run(DECIDER, [CancelInspection(occurred_at=T0, actors=(OFFICER_A,), reason="暴雨")], planned)
    assert state.status is InspectionStatus.CANCELLED
    rejected(DECIDER, planned, CancelInspection(occurred_at=T0, actors=(OFFICER_A,), reason=" "), ValidationError,
             rule="CANCEL_REASON", article=None)


def test_an_auxiliary_never_counts_as_the_second_officer() -> None:
    exc = rejected(DECIDER, InspectionState(), one_shot(actors=(OFFICER_A, AUXILIARY)), RuleViolation,
                   rule="TWO_CERTIFIED_OFFICERS", article="APL 42")
    assert exc.field == "actors" and AUXILIARY in str(exc)


def test_an_auxiliary_may_accompany_two_certified_officers() -> None:
    state, _ = run(DECIDER, [one_shot(actors=(OFFICER_A, OFFICER_B, AUXILIARY))])
    assert state.officers == (OFFICER_A, OFFICER_B, AUXILIARY)


def test_an_expired_certificate_does_not_count() -> None:
    rejected(DECIDER, InspectionState(), one_shot(actors=(OFFICER_A, EXPIRED)), RuleViolation,
             rule="TWO_CERTIFIED_OFFICERS", article="APL 42")


def test_the_first_actor_must_hold_the_officer_role() -> None:
    rejected(DECIDER, InspectionState(), replace(PLAN, actors=(PRINCIPAL,)), RuleViolation, rule="ROLE_OFFICER",
             article=None)


def test_certificates_must_be_shown() -> None:
    rejected(DECIDER, InspectionState(), one_shot(certificates_shown=False), RuleViolation,
             rule="CERTIFICATES_SHOWN", article="APL 55")
    planned, _ = run(DECIDER, [PLAN])
    rejected(DECIDER, planned, replace(START, certificates_shown=False), RuleViolation, rule="CERTIFICATES_SHOWN",
             article="APL 55")


def test_a_future_occurred_at_is_rejected() -> None:
    rejected(DECIDER, InspectionState(), one_shot(occurred_at=at("2025-12-02 10:00")), ValidationError,
             rule="NO_FUTURE_ENTRY", article=None)


def test_a_step_cannot_precede_the_previous_one() -> None:
    rejected(DECIDER, in_progress(), RecordFinding(occurred_at=at("2025-09-29 08:00"), actors=TWO, finding=VENDING),
             ValidationError, rule="STEP_ORDER", article=None)
    rejected(DECIDER, InspectionState(), one_shot(started_at=at("2025-09-29 11:00")), ValidationError,
             rule="STEP_ORDER", article=None)


def test_a_site_record_is_required_when_something_was_found() -> None:
    rejected(DECIDER, InspectionState(), one_shot((VENDING,)), ValidationError, rule="SITE_RECORD",
             article="APL 47")


def test_evidence_must_carry_a_sha256_digest() -> None:
    bad = one_shot(av_evidence=(AvEvidence("cam/1.mp4", "not-a-hash"),))
    rejected(DECIDER, InspectionState(), bad, ValidationError, rule="EVIDENCE_HASH", article="APL 47")


def test_an_inspection_names_the_items_checked_from_the_catalog() -> None:
    rejected(DECIDER, InspectionState(), one_shot(items_checked=()), ValidationError, rule="ITEMS_CHECKED",
             article=None)
    rejected(DECIDER, InspectionState(), one_shot(items_checked=("NOPE",)), ValidationError,
             rule="KNOWN_ENFORCEMENT_ITEM", article=None)
    rejected(DECIDER, InspectionState(), one_shot(unit="OTHER"), ValidationError, rule="KNOWN_UNIT", article=None)


@pytest.mark.parametrize(("findings", "rule", "article", "error"), [
    ((), "FINDING_REQUIRED", None, ValidationError),
    ((FindingDraft(kind=FindingKind.NO_VIOLATION), VENDING), "NO_VIOLATION_ALONE", None, ValidationError),
    ((FindingDraft(kind=FindingKind.NO_VIOLATION, party=CITIZEN),), "NO_VIOLATION_IS_EMPTY", None, ValidationError),
    ((replace(VENDING, party=None),), "FINDING_PARTY", None, ValidationError),
    ((replace(VENDING, violation_type="UNKNOWN"),), "KNOWN_VIOLATION_TYPE", None, ValidationError),
    ((replace(VENDING, description=""),), "FINDING_DESCRIPTION", None, ValidationError),
    ((replace(VENDING, kind=FindingKind.SIMPLE_PENALTY, item_code=ITEM_FUME),), "SIMPLE_PROCEDURE_ALLOWED",
     "APL 51", RuleViolation),
    ((replace(VENDING, kind=FindingKind.REFERRED_OUT),), "COMPETENT_AGENCY", None, ValidationError),
    ((replace(VENDING, referred_to="区市场监管局"),), "REFERRAL_ONLY", None, ValidationError),
    ((replace(VENDING, soft_list_item_id=SOFT_VENDING),), "SOFT_LIST_ONLY_ON_SITE", None, ValidationError),
    ((replace(CORRECTED, soft_list_item_id="SOFT-99"),), "KNOWN_SOFT_LIST_ITEM", None, ValidationError),
])
def test_findings_carry_what_their_follow_up_needs(findings: tuple[FindingDraft, ...], rule: str,
                                                   article: str | None, error: type[Exception]) -> None:
    rejected(DECIDER, InspectionState(), one_shot(findings, site_record="笔录"), error,  # type: ignore[arg-type]
             rule=rule, article=article)


def test_a_referral_names_the_competent_agency() -> None:
    referral = replace(VENDING, kind=FindingKind.REFERRED_OUT, referred_to="区市场监管局")
    state, _ = run(DECIDER, [one_shot((referral,), site_record="笔录")])
    assert follow_ups(state)[0].referred_to == "区市场监管局"


def test_step_path_rejects_a_second_finding_beside_no_violation_and_completion_without_findings() -> None:
    state = in_progress()
    rejected(DECIDER, state, CompleteInspection(occurred_at=T0, actors=TWO), ValidationError,
             rule="FINDING_REQUIRED", article=None)
    state, _ = run(DECIDER, [RecordFinding(occurred_at=T0, actors=TWO, finding=NOTHING_FOUND[0])], state)
    rejected(DECIDER, state, RecordFinding(occurred_at=T0, actors=TWO, finding=VENDING), ValidationError,
             rule="NO_VIOLATION_ALONE", article=None)


def test_next_steps_follow_the_status() -> None:
    assert [s.step for s in next_steps(InspectionState())] == ["RecordInspection", "PlanInspection"]
    planned, _ = run(DECIDER, [PLAN])
    assert next_steps(planned)[0] == NextStep("StartInspection", Role.OFFICER, PLAN.planned_on)
    assert [s.step for s in next_steps(in_progress())] == ["RecordFinding", "CompleteInspection"]


def test_the_stream_context_is_an_inspection_stream() -> None:
    state, _ = run(DECIDER, [one_shot()])
    context = stream_context(state)
    assert (context.stream_id, context.stream_kind, context.town, context.unit, context.procedure,
            context.status) == ("INS-2025-0001", "INSPECTION", TOWN, UNIT, None, "COMPLETED")


SAMPLES: dict[type[Command], Command] = {
    PlanInspection: PLAN,
    CancelInspection: CancelInspection(occurred_at=T0, actors=(OFFICER_A,), reason="暴雨"),
    StartInspection: START,
    RecordFinding: RecordFinding(occurred_at=T0, actors=TWO, finding=VENDING),
    CompleteInspection: CompleteInspection(occurred_at=T0, actors=TWO),
    RecordInspection: one_shot(),
}


@pytest.mark.parametrize("command_type", list(TRANSITIONS), ids=lambda t: t.__name__)
def test_every_command_is_rejected_outside_its_source_statuses(command_type: type[Command]) -> None:
    row = TRANSITIONS[command_type]
    assert set(SAMPLES) == set(TRANSITIONS)
    for status in InspectionStatus:
        if status in row.sources:
            continue
        exc = rejected(DECIDER, InspectionState(status=status), SAMPLES[command_type], InvalidTransition,
                       rule="TRANSITION", article=row.article)
        assert exc.field == "status" and status.value in str(exc)


def test_a_sealed_inspection_is_one_envelope_with_the_completed_status() -> None:
    _, events = run(DECIDER, [one_shot()])
    _, envelopes = record(DECIDER, InspectionState(), events, context_of=stream_context, first_seq=1,
                          prev_hash=GENESIS_HASH, recorded_at=at("2025-09-29 11:00"))
    (envelope,) = envelopes
    assert (envelope.stream_kind, envelope.stream_id, envelope.status, envelope.actor) == (
        "INSPECTION", "INS-2025-0001", "COMPLETED", TWO[0])
    assert envelope.open(EVENTS) == events[0]
