"""The generic stream workflow, exercised with a toy aggregate on the time-skipping test server."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from temporalio import workflow
from temporalio.testing import WorkflowEnvironment

from domain.deadlines import local_time
from domain.deadlines.calendar import WorkCalendar
from domain.errors import InvalidTransition, ValidationError
from domain.profile import RuleProfile
from domain.reference import ReferenceData
from tests.workflows import toy
from tests.workflows.memory_store import MemoryStore
from workflows.activities import StreamActivities
from workflows.client import StepRejected, StreamClient
from workflows.context import Snapshot
from workflows.messages import ContextPayload, StreamInput
from workflows.stream import StreamWorkflow
from workflows.worker import create_worker


@workflow.defn(name="TicketWorkflow")
class TicketWorkflow(StreamWorkflow):
    spec = toy.SPEC

    @workflow.run
    async def run(self, input: StreamInput, context: ContextPayload | None = None) -> str:
        return await self._run(input)


class FixedContext:
    def __init__(self, calendar: WorkCalendar) -> None:
        self.snapshot_value = Snapshot(reference=ReferenceData(), calendar=calendar, profile=RuleProfile())

    async def snapshot(self, town: str, kind: str) -> Snapshot:
        return self.snapshot_value


def _client(env: WorkflowEnvironment, queue: str, context: FixedContext, **options: int) -> StreamClient:
    return StreamClient(env.client, task_queue=queue, context_source=context, workflows={"TICKET": TicketWorkflow},
                        specs={"TICKET": toy.SPEC}, search_attributes=False, clock=env.get_current_time,
                        **options)


async def test_a_step_is_persisted_before_the_update_returns(time_skipping_env: WorkflowEnvironment) -> None:
    store, queue = MemoryStore(), f"q-{uuid.uuid4().hex}"
    client = _client(time_skipping_env, queue, FixedContext(WorkCalendar()))
    now = await time_skipping_env.get_current_time()
    sid = f"ticket-{uuid.uuid4().hex}"
    async with create_worker(time_skipping_env.client, task_queue=queue, activities=StreamActivities(store),
                             workflows=[TicketWorkflow]):
        result = await client.start("TICKET", sid, "t1", toy.OpenTicket(
            occurred_at=now, actors=("o1",), stream_id=sid, town="t1", subject="noise"))
        assert result.event_types == ["TicketOpened", "DeadlineStarted"]
        assert store.types(sid) == ["TicketOpened", "DeadlineStarted"]
        closed = await client.step(sid, toy.CloseTicket(occurred_at=now, actors=("o1",), outcome="done"))
        assert closed.status == "CLOSED" and closed.first_seq == 3
        assert store.types(sid)[2:] == ["TicketClosed", "DeadlineSatisfied"]
        outcome = await time_skipping_env.client.get_workflow_handle(sid).result()
        assert outcome == "CLOSED"


async def test_an_invalid_step_is_rejected_with_the_domain_error_and_changes_nothing(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    store, queue = MemoryStore(), f"q-{uuid.uuid4().hex}"
    client = _client(time_skipping_env, queue, FixedContext(WorkCalendar()))
    now = await time_skipping_env.get_current_time()
    sid = f"ticket-{uuid.uuid4().hex}"
    async with create_worker(time_skipping_env.client, task_queue=queue, activities=StreamActivities(store),
                             workflows=[TicketWorkflow]):
        with pytest.raises(StepRejected) as first:
            await client.start("TICKET", sid, "t1", toy.OpenTicket(
                occurred_at=now, actors=("o1",), stream_id=sid, town="t1", subject=""))
        assert isinstance(first.value.error, ValidationError) and first.value.error.field == "subject"
        assert not await client.exists(sid)

        await client.start("TICKET", sid, "t1", toy.OpenTicket(
            occurred_at=now, actors=("o1",), stream_id=sid, town="t1", subject="noise"))
        with pytest.raises(StepRejected) as future:
            await client.step(sid, toy.CloseTicket(occurred_at=now + timedelta(days=3), actors=("o1",), outcome="x"))
        assert isinstance(future.value.error, ValidationError)
        assert future.value.error.rule == "NO_FUTURE_ENTRY" and future.value.error.field == "occurred_at"
        with pytest.raises(StepRejected) as again:
            await client.step(sid, toy.OpenTicket(occurred_at=now, actors=("o1",), stream_id=sid, town="t1",
                                                  subject="again"))
        assert isinstance(again.value.error, InvalidTransition)
        assert store.types(sid) == ["TicketOpened", "DeadlineStarted"]
        assert (await client.head(sid))["seq"] == 2
        await time_skipping_env.client.get_workflow_handle(sid).terminate("test over")


async def test_a_retried_request_id_applies_once(time_skipping_env: WorkflowEnvironment) -> None:
    store, queue = MemoryStore(), f"q-{uuid.uuid4().hex}"
    client = _client(time_skipping_env, queue, FixedContext(WorkCalendar()))
    now = await time_skipping_env.get_current_time()
    sid = f"ticket-{uuid.uuid4().hex}"
    async with create_worker(time_skipping_env.client, task_queue=queue, activities=StreamActivities(store),
                             workflows=[TicketWorkflow]):
        opened = toy.OpenTicket(occurred_at=now, actors=("o1",), stream_id=sid, town="t1", subject="noise")
        first = await client.start("TICKET", sid, "t1", opened, request_id="req-1")
        second = await client.start("TICKET", sid, "t1", opened, request_id="req-1")
        assert first == second
        close = toy.CloseTicket(occurred_at=now, actors=("o1",), outcome="done")
        store.fail_next = 2  # the database hiccups: the activity retries, the step still lands once
        a = await client.step(sid, close, request_id="req-2")
        b = await client.step(sid, close, request_id="req-2")
        assert a == b
        assert store.types(sid) == ["TicketOpened", "DeadlineStarted", "TicketClosed", "DeadlineSatisfied"]


async def test_an_unanswered_ticket_is_warned_then_breached_on_the_working_day_calendar(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    store, queue = MemoryStore(), f"q-{uuid.uuid4().hex}"
    client = _client(time_skipping_env, queue, FixedContext(WorkCalendar()))
    now = await time_skipping_env.get_current_time()
    sid = f"ticket-{uuid.uuid4().hex}"
    async with create_worker(time_skipping_env.client, task_queue=queue, activities=StreamActivities(store),
                             workflows=[TicketWorkflow]):
        await client.start("TICKET", sid, "t1", toy.OpenTicket(
            occurred_at=now, actors=("o1",), stream_id=sid, town="t1", subject="noise"))
        due_on = date.fromisoformat(store.streams[sid][1].payload["due_on"])
        await time_skipping_env.sleep(timedelta(days=12))
        types = store.types(sid)
        assert types == ["TicketOpened", "DeadlineStarted", "DeadlineWarning", "DeadlineBreached"]
        breach = store.streams[sid][3]
        assert breach.occurred_at == datetime.combine(due_on + timedelta(days=1), datetime.min.time(),
                                                      tzinfo=UTC) - timedelta(hours=8)
        state = await client.state(sid)
        assert state["clocks"]["D33"]["status"] == "BREACHED"


async def test_a_long_history_continues_as_new_with_its_state_and_chain_head(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    store, queue = MemoryStore(), f"q-{uuid.uuid4().hex}"
    context = FixedContext(WorkCalendar())
    now = await time_skipping_env.get_current_time()
    sid = f"ticket-{uuid.uuid4().hex}"
    async with create_worker(time_skipping_env.client, task_queue=queue, activities=StreamActivities(store),
                             workflows=[TicketWorkflow]):
        client = _client(time_skipping_env, queue, context, max_history_events=8)
        await client.start("TICKET", sid, "t1", toy.OpenTicket(occurred_at=now, actors=("o1",), stream_id=sid,
                                                                town="t1", subject="noise"), request_id="open")
        # Rejected steps add no history; the start is one workflow task (8 events, its append a local activity).
        for i in range(3):
            with pytest.raises(StepRejected):
                await client.step(sid, toy.OpenTicket(occurred_at=now, actors=("o1",), stream_id=sid, town="t1",
                                                      subject=f"dup {i}"))
        # The warning timer's workflow task passes the threshold: the run continues as new with the warned clock.
        warn_on = date.fromisoformat((await client.state(sid))["clocks"]["D33"]["warn_on"])
        await time_skipping_env.sleep(local_time.start_of_local_day(warn_on) - now + timedelta(hours=1))
        await client.step(sid, toy.CloseTicket(occurred_at=now, actors=("o1",), outcome="done"), request_id="close")
        history = await time_skipping_env.client.get_workflow_handle(sid).fetch_history()
        started = history.events[0].workflow_execution_started_event_attributes
        assert started.continued_execution_run_id, "the last run should be a continuation"
        assert await time_skipping_env.client.get_workflow_handle(sid).result() == "CLOSED"
        assert store.types(sid) == ["TicketOpened", "DeadlineStarted", "DeadlineWarning", "TicketClosed",
                                    "DeadlineSatisfied"]
        assert [e.seq for e in store.streams[sid]] == [1, 2, 3, 4, 5]


async def test_a_clock_entered_late_alarms_only_after_the_grace_period(time_skipping_env: WorkflowEnvironment) -> None:
    store, queue = MemoryStore(), f"q-{uuid.uuid4().hex}"
    client = _client(time_skipping_env, queue, FixedContext(WorkCalendar()))
    now = await time_skipping_env.get_current_time()
    answered, forgotten = f"ticket-{uuid.uuid4().hex}", f"ticket-{uuid.uuid4().hex}"
    async with create_worker(time_skipping_env.client, task_queue=queue, activities=StreamActivities(store),
                             workflows=[TicketWorkflow]):
        for sid in (answered, forgotten):  # 补录: opened 30 days ago, so D33 (5 working days) is long past
            await client.start("TICKET", sid, "t1", toy.OpenTicket(
                occurred_at=now - timedelta(days=30), actors=("o1",), stream_id=sid, town="t1", subject="noise"))
        await client.step(answered, toy.CloseTicket(occurred_at=now - timedelta(days=29), actors=("o1",),
                                                    outcome="answered in time"))
        assert store.types(answered) == ["TicketOpened", "DeadlineStarted", "TicketClosed", "DeadlineSatisfied"]
        assert store.types(forgotten) == ["TicketOpened", "DeadlineStarted"]
        await time_skipping_env.sleep(timedelta(minutes=16))
        assert store.types(forgotten) == ["TicketOpened", "DeadlineStarted", "DeadlineWarning", "DeadlineBreached"]
        await time_skipping_env.client.get_workflow_handle(forgotten).terminate("test over")
