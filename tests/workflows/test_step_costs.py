"""The cost model of a step, counted, not timed: the client sends one Temporal RPC per step (the Update; the
stream's memo is read once per stream and process), and the case workflow keeps its deadline timer across steps
that leave the earliest deadline where it was, instead of cancelling and restarting it at every step."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, Interceptor, OutboundInterceptor, WorkflowHistory
from temporalio.testing import WorkflowEnvironment

from domain.inspections.commands import RecordInspection
from domain.inspections.findings import FindingDraft, FindingKind
from tests.e2e import straw_burning as scenario
from tests.workflows.support import context_source, harness
from workflows import search_attributes as sa
from workflows.client import StreamClient
from workflows.procedures import INSPECTION
from workflows.stream_workflows import SPECS, WORKFLOWS

pytestmark = pytest.mark.temporal
COUNTED = ("start_workflow", "start_workflow_update", "start_update_with_start_workflow", "query_workflow",
           "describe_workflow", "signal_workflow")


class CountingInterceptor(Interceptor):
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def intercept_client(self, next: OutboundInterceptor) -> OutboundInterceptor:
        return _Counting(next, self.calls)


class _Counting(OutboundInterceptor):
    def __init__(self, next: OutboundInterceptor, calls: Counter[str]) -> None:
        super().__init__(next)
        for name in COUNTED:
            setattr(self, name, self._counted(name, getattr(next, name)))
        self._calls = calls

    def _counted(self, name: str, call: Any) -> Any:
        async def counted(input: Any) -> Any:
            key = f"{name}:{getattr(input, 'query', '')}" if name == "query_workflow" else name
            self._calls[key] += 1
            return await call(input)

        return counted


def markers(history: WorkflowHistory) -> Counter[str]:
    return Counter(e.marker_recorded_event_attributes.marker_name for e in history.events
                   if e.event_type == EventType.EVENT_TYPE_MARKER_RECORDED)


async def test_each_step_is_one_update_and_the_case_keeps_its_timer_across_steps(
    dev_server: WorkflowEnvironment,
) -> None:
    counting = CountingInterceptor()
    config = dev_server.client.config()
    config["interceptors"] = [counting]
    client = Client(**config)
    async with harness(dev_server) as h:
        streams = StreamClient(client, task_queue=h.worker.task_queue, context_source=context_source(),
                               workflows=WORKFLOWS, specs=SPECS, search_attributes=False)
        inspection_id = f"inspection:zjw:{uuid.uuid4().hex[:12]}"
        steps = len(scenario.case_steps(scenario.scenario_base(datetime.now(UTC))))
        before: Counter[str] = Counter()

        async def snapshot_before(index: int) -> None:
            if index == 0:
                before.update(counting.calls)

        case_id = await scenario.run_case(streams, inspection_id, scenario.scenario_base(datetime.now(UTC)),
                                          between=snapshot_before)
        during = counting.calls - before
        # The scenario itself reads the state before each step (for the proposal hash): not part of a step.
        assert during.pop("query_workflow:state") == steps
        assert during == Counter({"start_workflow_update": steps, "describe_workflow": 1}), during

        history = await dev_server.client.get_workflow_handle(case_id).fetch_history()
        kinds = Counter(e.event_type for e in history.events)
        # A timer per change of the earliest deadline (7 in this case), not one per step (18 before it was kept).
        assert kinds[EventType.EVENT_TYPE_TIMER_STARTED] < steps // 2, kinds
        assert kinds[EventType.EVENT_TYPE_TIMER_CANCELED] < kinds[EventType.EVENT_TYPE_TIMER_STARTED], kinds
        # A case's start input: the town's slice with the benchmarks its proposal is checked against (~67 KB).
        assert history.events[0].workflow_execution_started_event_attributes.input.ByteSize() < 96_000
        # A run of the current generation asks no `workflow.patched` (each would be a marker and an upsert), and
        # appends by local activity: one marker per append, no activity task through the server.
        assert markers(history) == Counter({"core_local_activity": steps + 1}), kinds  # the lead and each step
        assert kinds[EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED] == 1, kinds  # the disclosure follow-up's open
        # Per step: the update's accepted and completed events, the marker, one workflow task (3 events).
        assert len(history.events) <= 7 * (steps + 1) + 2 * kinds[EventType.EVENT_TYPE_TIMER_STARTED] + 12, kinds


async def test_an_inspection_without_finding_is_one_activity_with_its_search_attributes_set_at_start(
    dev_server: WorkflowEnvironment,
) -> None:
    async with harness(dev_server, search_attributes=True) as h:
        inspection_id = f"inspection:zjw:{uuid.uuid4().hex[:12]}"
        await h.client.start(INSPECTION, inspection_id, scenario.TOWN, RecordInspection(
            occurred_at=datetime.now(UTC), actors=(scenario.OFFICER, scenario.OFFICER_2), inspection_id=inspection_id,
            town=scenario.TOWN, unit=scenario.UNIT, place="张家窝镇某村", items_checked=("HB-STRAW-BURNING",),
            certificates_shown=True, findings=(FindingDraft(kind=FindingKind.NO_VIOLATION),), site_record="未发现"))
        handle = dev_server.client.get_workflow_handle(inspection_id)
        assert await handle.result() == "COMPLETED"
        history = await handle.fetch_history()
        kinds = Counter(e.event_type for e in history.events)
        assert kinds[EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES] == 0, kinds
        assert markers(history) == Counter({"core_local_activity": 1}), kinds  # the append; no patch asked
        assert kinds[EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED] == 0, kinds
        assert len(history.events) <= 8, kinds
        # The start input carries the inspection's decision context: the town's slice, without the catalogs
        # repeated or the discretion benchmarks (about 34 KB of UTF-8 JSON; 128 KB of escaped JSON before).
        assert history.events[0].workflow_execution_started_event_attributes.input.ByteSize() < 48_000
        search = (await handle.describe()).typed_search_attributes
        assert (search.get(sa.STATUS), search.get(sa.KIND)) == ("COMPLETED", INSPECTION)
