"""The daily checkpoint: its schedule (03:30 Asia/Shanghai, never two at once, caught up within a day), and the
workflow on the time-skipping server, which writes a signed checkpoint of the log — another one when run again
— and refuses a broken log without retrying."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import (
    ScheduleActionStartWorkflow,
    ScheduleCalendarSpec,
    ScheduleOverlapPolicy,
    WorkflowFailureError,
)
from temporalio.exceptions import ActivityError, ApplicationError, RetryState
from temporalio.testing import WorkflowEnvironment

from infra.anchoring import CheckpointDirectory, Signer, check_log, load
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from tests.anchoring.support import anchor_settings, anchor_worker
from tests.infra.eventstore.sample_streams import fake_next_steps
from tests.infra.eventstore.tampering import bypassing_the_guards, three_cases
from workflows.anchoring import (
    WORKFLOW_NAME,
    AnchorCheckpointWorkflow,
    AnchorInput,
    AnchorTime,
    anchor_schedule,
    ensure_anchor_schedule,
)

SIGNER = Signer.generate()


@pytest_asyncio.fixture(loop_scope="session")
async def engine(sqlite_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(sqlite_url)
    try:
        await three_cases(EventStore(engine, Projector(fake_next_steps)))
        yield engine
    finally:
        await engine.dispose()


def test_the_schedule_fires_daily_at_03_30_in_shanghai_and_never_twice_at_once() -> None:
    schedule = anchor_schedule("q")

    (calendar,) = schedule.spec.calendars
    assert isinstance(calendar, ScheduleCalendarSpec)
    assert ([r.start for r in calendar.hour], [r.start for r in calendar.minute]) == ([3], [30])
    assert calendar.day_of_month == ScheduleCalendarSpec().day_of_month  # every day
    assert schedule.spec.time_zone_name == "Asia/Shanghai"
    assert schedule.policy.overlap is ScheduleOverlapPolicy.SKIP
    assert schedule.policy.catchup_window == timedelta(days=1)
    action = schedule.action
    assert isinstance(action, ScheduleActionStartWorkflow)
    assert (action.workflow, action.task_queue) == (WORKFLOW_NAME, "q")


async def test_a_run_writes_a_signed_checkpoint_of_the_log_and_a_second_run_another(
    time_skipping_env: WorkflowEnvironment, engine: AsyncEngine, tmp_path: Path
) -> None:
    settings = anchor_settings(tmp_path / "checkpoints", SIGNER)
    async with anchor_worker(time_skipping_env.client, engine, settings) as queue:
        first = await time_skipping_env.client.execute_workflow(
            AnchorCheckpointWorkflow.run, AnchorInput(), id=f"anchor-{uuid.uuid4().hex}", task_queue=queue)
        second = await time_skipping_env.client.execute_workflow(
            AnchorCheckpointWorkflow.run, AnchorInput(), id=f"anchor-{uuid.uuid4().hex}", task_queue=queue)

    assert (first.sequence, first.tree_size, first.event_count) == (1, 3, 12)
    assert (second.sequence, second.root) == (2, first.root)
    directory = CheckpointDirectory(settings.checkpoint_dir)
    assert [str(p) for _, p in directory.numbered()] == [first.path, second.path]
    report = await check_log(engine, load(Path(second.path)), SIGNER.verifier)
    assert (report.intact, report.matching) == (True, 3)


async def test_a_broken_log_fails_the_run_at_once_and_writes_nothing(
    time_skipping_env: WorkflowEnvironment, engine: AsyncEngine, tmp_path: Path
) -> None:
    async with bypassing_the_guards(engine) as conn:
        await conn.execute(text("UPDATE events SET actor = 'x' WHERE stream_id = 'CASE-1' AND seq = 2"))
    settings = anchor_settings(tmp_path / "checkpoints", SIGNER)

    async with anchor_worker(time_skipping_env.client, engine, settings) as queue:
        with pytest.raises(WorkflowFailureError) as failed:
            await time_skipping_env.client.execute_workflow(
                AnchorCheckpointWorkflow.run, AnchorInput(), id=f"anchor-{uuid.uuid4().hex}", task_queue=queue)

    activity_error = failed.value.cause
    assert isinstance(activity_error, ActivityError)
    cause = activity_error.cause
    assert isinstance(cause, ApplicationError) and cause.type == "CheckpointRefused"
    assert activity_error.retry_state is RetryState.NON_RETRYABLE_FAILURE
    assert cause.message == "no checkpoint of a broken log: 1 stream(s) break their hash chain"
    assert not settings.checkpoint_dir.exists()


async def test_creating_the_schedule_again_moves_it_and_does_not_double_it(dev_server: WorkflowEnvironment) -> None:
    schedule_id = f"anchor-{uuid.uuid4().hex}"
    try:
        await ensure_anchor_schedule(dev_server.client, task_queue="unused", schedule_id=schedule_id)
        await ensure_anchor_schedule(dev_server.client, task_queue="unused", schedule_id=schedule_id,
                                     at=AnchorTime(hour=4, minute=15))
        described = await dev_server.client.get_schedule_handle(schedule_id).describe()
        next_run = described.info.next_action_times[0]
        assert (next_run.hour, next_run.minute) == (20, 15)  # 04:15 +08:00
        assert [s.id async for s in await dev_server.client.list_schedules() if s.id == schedule_id] == [schedule_id]
    finally:
        await dev_server.client.get_schedule_handle(schedule_id).delete()
