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
from temporalio.client import Client, Interceptor, OutboundInterceptor
from temporalio.testing import WorkflowEnvironment

from tests.e2e import straw_burning as scenario
from tests.workflows.support import context_source, harness
from workflows.client import StreamClient
from workflows.definitions import SPECS, WORKFLOWS

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
