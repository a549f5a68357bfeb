"""Inspections and on-the-spot penalties through their workflows, with the real rules and demo reference data."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.testing import WorkflowEnvironment

from domain.errors import RuleViolation
from domain.follow_ups import inspection_follow_ups
from domain.inspections.commands import RecordInspection
from domain.inspections.decider import DECIDER
from domain.inspections.findings import NOTHING_FOUND, FindingDraft, FindingKind
from domain.simple.commands import DecideOnTheSpot
from domain.values import Party, PartyType, Sanction, yuan
from tests.workflows.support import harness
from workflows.client import StepRejected
from workflows.procedures import GENERAL_CASE, INSPECTION, SIMPLE_CASE
from workflows.stream_workflows import SPECS

OFFICERS = ("zjw-officer-1", "zjw-officer-2")


def nothing_found(inspection_id: str, when) -> RecordInspection:  # type: ignore[no-untyped-def]
    return RecordInspection(
        occurred_at=when, actors=OFFICERS, inspection_id=inspection_id, town="zhangjiawo",
        unit="zhangjiawo-bureau", place="津静公路与学府路交口", items_checked=("SR-ROAD-OCCUPATION",),
        certificates_shown=True, findings=NOTHING_FOUND)


async def test_an_inspection_that_finds_nothing_is_one_event_and_a_short_history(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    async with harness(time_skipping_env) as h:
        now = await time_skipping_env.get_current_time()
        sid = f"inspection:{uuid.uuid4().hex}"
        result = await h.client.start(INSPECTION, sid, "zhangjiawo", nothing_found(sid, now))
        assert result.event_types == ["InspectionCompleted"]
        assert result.status == "COMPLETED"
        handle = time_skipping_env.client.get_workflow_handle(sid)
        assert await handle.result() == "COMPLETED"
        history = await handle.fetch_history()
        kinds = [e.event_type for e in history.events]
        # Billable actions: the start (with its update) and one local activity (the append, a marker); no activity
        # task goes through the server's queue, and nothing else is scheduled.
        assert kinds.count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) == 0
        markers = [e.marker_recorded_event_attributes.marker_name for e in history.events if e.HasField(
            "marker_recorded_event_attributes")]
        assert markers == ["core_local_activity"]
        assert kinds.count(EventType.EVENT_TYPE_TIMER_STARTED) == 0
        assert h.store.types(sid) == ["InspectionCompleted"]


async def test_an_on_the_spot_fine_above_the_citizen_cap_is_rejected_and_nothing_is_stored(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    async with harness(time_skipping_env) as h:
        now = await time_skipping_env.get_current_time()
        sid = f"case:{uuid.uuid4().hex}"
        command = DecideOnTheSpot(
            occurred_at=now, actors=OFFICERS, case_id=sid, town="zhangjiawo", unit="zhangjiawo-bureau",
            party=Party(name="李某", party_type=PartyType.CITIZEN), violation_type="ROAD_OCCUPATION_VENDING",
            place="学府路", item_code="SR-ROAD-OCCUPATION", certificates_shown=True, facts="占道摆卖水果",
            reasons="违反市容条例", legal_basis="《天津市市容和环境卫生管理条例》", rights_notice="陈述申辩权",
            decision_number="XQZJW-JY-2026-001", facts_certain=True, sanctions=(Sanction.FINE,),
            fine_fen=yuan("200.01"), reconsideration_first_notice="如不服，可依法申请行政复议",
            statement="当事人对事实无异议")
        with pytest.raises(StepRejected) as rejected:
            await h.client.start(SIMPLE_CASE, sid, "zhangjiawo", command)
        assert isinstance(rejected.value.error, RuleViolation)
        assert rejected.value.error.article == "APL 51"
        assert h.store.types(sid) == []

        accepted = await h.client.start(SIMPLE_CASE, sid, "zhangjiawo", replace(command, fine_fen=yuan(200)))
        assert accepted.status == "DELIVERED"
        assert "SimplePenaltyDecided" in h.store.types(sid)
        decided = next(e for e in h.store.streams[sid] if e.event_type == "SimplePenaltyDecided")
        assert decided.fine_amount_fen == yuan(200)
        assert decided.procedure == "SIMPLE"
        await time_skipping_env.client.get_workflow_handle(sid).terminate("test over")


async def test_a_lead_found_on_inspection_opens_exactly_one_general_case(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    async with harness(time_skipping_env) as h:
        now = await time_skipping_env.get_current_time()
        sid = f"inspection:{uuid.uuid4().hex}"
        burning = FindingDraft(kind=FindingKind.LEAD_FOR_FILING, violation_type="OPEN_STRAW_BURNING",
                               party=Party(name="赵某", party_type=PartyType.CITIZEN), place="张家窝镇某村东侧农田",
                               description="当事人在农田内露天焚烧秸秆", item_code="HB-STRAW-BURNING")
        command = RecordInspection(
            occurred_at=now, actors=OFFICERS, inspection_id=sid, town="zhangjiawo", unit="zhangjiawo-bureau",
            place="张家窝镇某村", items_checked=("HB-STRAW-BURNING",), certificates_shown=True,
            findings=(burning,), site_record="农田东侧有焚烧痕迹，现场烟尘明显，当事人在场")
        await h.client.start(INSPECTION, sid, "zhangjiawo", command)
        assert await time_skipping_env.client.get_workflow_handle(sid).result() == "COMPLETED"
        case_id = f"case:{sid}/1"
        assert h.store.types(case_id)[0] == "LeadRegistered"
        lead = h.store.streams[case_id][0]
        assert lead.payload["source_ref"] == f"{sid}/1"
        assert lead.payload["violation_type"] == "OPEN_STRAW_BURNING"
        assert (await h.client.head(case_id))["status"] == "LEAD_REGISTERED"
        # Opening it again (a retried activity) changes nothing.
        state = DECIDER.initial()
        for envelope in h.store.streams[sid]:
            state = DECIDER.evolve(state, envelope.open(SPECS[INSPECTION].events))
        (follow_up,) = inspection_follow_ups(state)
        await h.client.start(GENERAL_CASE, follow_up.stream_id, "zhangjiawo", follow_up.command,
                             request_id=follow_up.request_id)
        assert h.store.types(case_id).count("LeadRegistered") == 1
        await time_skipping_env.client.get_workflow_handle(case_id).terminate("test over")
