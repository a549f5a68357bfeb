"""No follow-up is lost to a crash. A worker that dies the moment a follow-up's update-with-start reaches the
server leaves a run whose first step never arrives; that run fails (`StreamNotStarted`), and the follow-up's
retry opens the stream anew — exactly once. What was lost before this guarantee (or by any other path) is found
in the event log by the follow-up audit and opened. On the real dev server, with its real id reuse policies."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
import pytest_asyncio
from temporalio.client import Client, WorkflowFailureError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.disclosure.commands import OpenDisclosure
from domain.disclosure.content import DecisionContent, disclosure_id
from domain.follow_ups import FollowUp, case_id_for_finding
from domain.inspections.commands import RecordInspection
from domain.inspections.findings import FindingDraft, FindingKind
from domain.messages import SYSTEM_ACTOR
from domain.task_routing import next_steps_for
from domain.values import Party, PartyType
from infra.bulk_import import import_cases
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.eventstore.streams import EventLogStreams
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from tests.disclosure.samples import content
from tests.scenarios.templates import general
from tests.workflows.support import context_source
from workflows.activities import FollowUpActivities, StreamActivities, StreamOpener
from workflows.client import StreamClient
from workflows.context import encode_snapshot
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.follow_up_audit import FollowUpAuditActivities, missing_follow_ups
from workflows.messages import OpenedStream, OpenStream, OpenStreamsRequest, StreamInput, open_stream
from workflows.procedures import DISCLOSURE, INSPECTION
from workflows.stream import NOT_STARTED
from workflows.stream_workflows import SPECS, WORKFLOWS
from workflows.worker import create_worker
from zhifa.cli import main

pytestmark = pytest.mark.temporal
TOWN = "zhangjiawo"
OFFICERS = ("zjw-officer-1", "zjw-officer-2")


class CrashAtTheStart:
    """The worker "dies" the instant the follow-up's workflow start reaches the server: the run exists, its first
    step does not (it went down with the worker), and the activity attempt fails. Later attempts go through."""

    def __init__(self, client: Client, queue: str, router: StreamOpener) -> None:
        self._client, self._queue, self._router = client, queue, router
        self.crashes: list[str] = []  # the run ids left without their first step

    async def open(self, stream: OpenStream) -> OpenedStream:
        if self.crashes:
            return await self._router.open(stream)
        self.crashes.append(await _start_without_first_step(self._client, self._queue, stream))
        raise RuntimeError("worker killed after the start, before the update (simulated)")


async def _start_without_first_step(client: Client, queue: str, stream: OpenStream) -> str:
    payload = encode_snapshot(await context_source().snapshot(stream.town, stream.kind))
    handle = await client.start_workflow(
        WORKFLOWS[stream.kind].run,  # type: ignore[attr-defined]
        StreamInput(kind=stream.kind, stream_id=stream.stream_id, town=stream.town, context=payload,
                    search_attributes=False), id=stream.stream_id, task_queue=queue)
    return str(handle.result_run_id)


@dataclass
class System:
    env: WorkflowEnvironment
    queue: str
    streams: StreamClient
    router: FollowUpRouter
    store: EventStore


@pytest_asyncio.fixture
async def system(dev_server: WorkflowEnvironment, sqlite_url: str) -> AsyncIterator[System]:
    queue, engine = f"q-{uuid.uuid4().hex}", create_engine(sqlite_url)
    streams = StreamClient(dev_server.client, task_queue=queue, context_source=context_source(), workflows=WORKFLOWS,
                           specs=SPECS, search_attributes=False)
    try:
        yield System(dev_server, queue, streams, FollowUpRouter(streams, SPECS),
                     EventStore(engine, Projector(next_steps_for)))
    finally:
        await engine.dispose()


def _worker(system: System, opener: StreamOpener) -> Worker:
    return create_worker(system.env.client, task_queue=system.queue, activities=StreamActivities(system.store),
                         workflows=list(WORKFLOWS.values()), follow_ups=FollowUpActivities(opener))


def _inspection_with_a_lead(sid: str, now: datetime) -> RecordInspection:
    burning = FindingDraft(kind=FindingKind.LEAD_FOR_FILING, violation_type="OPEN_STRAW_BURNING",
                           party=Party(name="赵某", party_type=PartyType.CITIZEN), place="张家窝镇某村东侧农田",
                           description="当事人在农田内露天焚烧秸秆", item_code="HB-STRAW-BURNING")
    return RecordInspection(
        occurred_at=now, actors=OFFICERS, inspection_id=sid, town=TOWN, unit="zhangjiawo-bureau",
        place="张家窝镇某村", items_checked=("HB-STRAW-BURNING",), certificates_shown=True, findings=(burning,),
        site_record="农田东侧有焚烧痕迹，现场烟尘明显，当事人在场")


async def _types(store: EventStore, stream_id: str) -> list[str]:
    """The stream's event types, less the deadline clocks they start."""
    return [e.event_type for e in await store.load_stream(stream_id) if not e.event_type.startswith("Deadline")]


async def _assert_failed_not_started(client: Client, stream_id: str, run_id: str) -> None:
    with pytest.raises(WorkflowFailureError) as failed:
        await client.get_workflow_handle(stream_id, run_id=run_id).result()
    assert isinstance(failed.value.cause, ApplicationError) and failed.value.cause.type == NOT_STARTED


async def test_a_lead_case_whose_first_step_went_down_with_the_worker_is_opened_exactly_once(system: System) -> None:
    crash = CrashAtTheStart(system.env.client, system.queue, system.router)
    sid = f"inspection:{uuid.uuid4().hex}"
    case_id = case_id_for_finding(f"{sid}/1")
    async with _worker(system, crash):
        await system.streams.start(INSPECTION, sid, TOWN, _inspection_with_a_lead(sid, datetime.now(UTC)))
        assert await system.env.client.get_workflow_handle(sid).result() == "COMPLETED"
        (lost_run,) = crash.crashes
        await _assert_failed_not_started(system.env.client, case_id, lost_run)
        assert await _types(system.store, case_id) == ["LeadRegistered"]
        assert (await system.streams.head(case_id))["status"] == "LEAD_REGISTERED"
        await system.env.client.get_workflow_handle(case_id).terminate("test over")


async def test_a_disclosure_whose_first_step_was_lost_opens_once_and_a_repeat_changes_nothing(
    system: System,
) -> None:
    decision = content(case_id=f"case:{uuid.uuid4().hex}")
    stream_id = disclosure_id(decision.case_id, decision.version)
    follow_up = open_stream(_disclosure_follow_up(stream_id, decision))
    async with _worker(system, system.router):
        lost_run = await _start_without_first_step(system.env.client, system.queue, follow_up)
        await _assert_failed_not_started(system.env.client, stream_id, lost_run)
        assert (await FollowUpActivities(system.router).open_streams(OpenStreamsRequest([follow_up])))[0].opened
        assert (await system.router.open(follow_up)).opened  # a retried activity: done already
        assert (await _types(system.store, stream_id)).count("DisclosureOpened") == 1
        await system.env.client.get_workflow_handle(stream_id).terminate("test over")


def _disclosure_follow_up(stream_id: str, decision: DecisionContent) -> FollowUp:
    return FollowUp(kind=DISCLOSURE, stream_id=stream_id, town=TOWN, request_id=f"disclose:{stream_id}",
                    command=OpenDisclosure(occurred_at=decision.served_at, actors=(SYSTEM_ACTOR,),
                                           disclosure_id=stream_id, content=decision, case_officers=OFFICERS))


async def _import_a_decided_case(store: EventStore, case_id: str) -> None:
    """A past case entered in bulk: its decision was served, and no disclosure stream was ever opened for it."""
    staff = {"lead": "zjw-lead-1", "officer": "zjw-officer-1", "reviewer": "zjw-reviewer-1",
             "principal": "zjw-principal-1"}
    spec = {"town": TOWN, "unit": "zhangjiawo-bureau", "item": "HB-STRAW-BURNING", "fine_fen": 50000,
            "violation_type": "OPEN_STRAW_BURNING", "place": "某村", "party": "CITIZEN"}
    case = general(spec, case_id, 1, date.today() - timedelta(days=60), staff)
    await import_cases(store, {"format": "zhifa.bulk-import/1", "cases": [case]}, reference=demo_reference(),
                       profiles=demo_profiles(), calendar=load_work_calendar())


class LosesEveryFollowUp:
    """What the lost follow-up looked like from the causing stream: reported done, nothing opened."""

    async def open(self, stream: OpenStream) -> OpenedStream:
        return OpenedStream(stream.stream_id, stream.step.request_id, opened=True)


async def test_the_audit_finds_a_decision_without_disclosure_and_a_lead_without_case_and_opens_each_once(
    system: System,
) -> None:
    case_id, sid = f"zjw-import-{uuid.uuid4().hex[:8]}", f"inspection:{uuid.uuid4().hex}"
    await _import_a_decided_case(system.store, case_id)
    async with _worker(system, LosesEveryFollowUp()):
        await system.streams.start(INSPECTION, sid, TOWN, _inspection_with_a_lead(sid, datetime.now(UTC)))
        assert await system.env.client.get_workflow_handle(sid).result() == "COMPLETED"
    log, later = EventLogStreams(system.store.engine), datetime.now(UTC) + timedelta(hours=1)
    missing = {m.follow_up.stream_id for m in await missing_follow_ups(log, SPECS, now=later)}
    lead_case = case_id_for_finding(f"{sid}/1")
    disclosure = next(s for s in missing if s.startswith(f"disclosure:{case_id}:"))
    assert missing == {lead_case, disclosure}
    # The inspection's lead is moments old: its own workflow may still be opening it, so it is not judged yet.
    assert [m.follow_up.stream_id for m in await missing_follow_ups(log, SPECS, now=datetime.now(UTC))] == [
        disclosure]

    async with _worker(system, system.router):
        audit = FollowUpAuditActivities(log, system.router, SPECS, clock=lambda: later)
        report = await audit.repair(None)
        assert sorted(report.opened) == sorted([lead_case, disclosure]) and report.refused == []
        assert await _types(system.store, lead_case) == ["LeadRegistered"]
        assert (await _types(system.store, disclosure))[0] == "DisclosureOpened"
        assert (await audit.repair(None)).missing == []
        for stream_id in (lead_case, disclosure):
            await system.env.client.get_workflow_handle(stream_id).terminate("test over")


async def test_zhifa_audit_follow_ups_names_a_decision_without_its_disclosure_and_exits_1(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    engine = create_engine(sqlite_url)
    try:
        await _import_a_decided_case(EventStore(engine, Projector(next_steps_for)), "zjw-import-cli")
    finally:
        await engine.dispose()
    monkeypatch.setenv("ZHIFA_DATABASE_URL", sqlite_url)
    exit_code = await asyncio.to_thread(main, ["audit", "follow-ups"])
    out = capsys.readouterr().out
    assert exit_code == 1
    assert "missing: zjw-import-cli calls for DISCLOSURE disclosure:zjw-import-cli:" in out
