"""The year-end schedule on the real Temporal dev server (the time-skipping test server has no schedules): it is
set for 1 December 02:00 Asia/Shanghai, and each firing runs the workflow, which leaves exactly one as-reported
snapshot per town however often it fires on the same day."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from temporalio.client import Client, ScheduleHandle, ScheduleOverlapPolicy, WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from infra.db.engine import create_engine
from infra.reference import demo_reference
from infra.statistics.snapshots import load_snapshots
from tests.year_end.support import seed_history, stored, year_end_worker
from workflows.year_end import FORMATS, YearEndTime, cut_off, ensure_year_end_schedule

TOWNS = sorted(demo_reference().towns)


async def fire(client: Client, handle: ScheduleHandle, previous: int) -> tuple[str, datetime]:
    """Trigger the schedule now and wait for the run it starts to complete; the run's workflow id and the time the
    schedule took the action."""
    await handle.trigger()
    for _ in range(300):
        actions = (await handle.describe()).info.recent_actions
        if len(actions) > previous:
            started = actions[-1].action
            run = client.get_workflow_handle(started.workflow_id, run_id=started.first_execution_run_id)
            await run.result()
            assert (await run.describe()).status is WorkflowExecutionStatus.COMPLETED
            return started.workflow_id, max(actions[-1].scheduled_at, actions[-1].started_at)
        await asyncio.sleep(0.1)
    raise AssertionError("the schedule did not fire")


async def past_the_second_of(moment: datetime) -> None:
    """A scheduled run's workflow id ends with its time to the second: a second trigger within the same second
    would reuse the first one's id. Production firings are a year apart; the test waits (< 1 s) for the next."""
    wait = (moment.replace(microsecond=0) + timedelta(seconds=1, milliseconds=50) - datetime.now(UTC))
    await asyncio.sleep(max(wait.total_seconds(), 0.0))


async def test_the_schedule_fires_on_1_december_at_2_in_shanghai_and_twice_leaves_one_snapshot_per_town(
    dev_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    engine = create_engine(sqlite_url)
    schedule_id = f"year-end-{uuid.uuid4().hex}"
    try:
        await seed_history(engine)
        async with year_end_worker(dev_server.client, engine) as queue:
            await ensure_year_end_schedule(dev_server.client, task_queue=queue, schedule_id=schedule_id)
            await ensure_year_end_schedule(dev_server.client, task_queue=queue, schedule_id=schedule_id)  # again
            handle = dev_server.client.get_schedule_handle(schedule_id)
            described = await handle.describe()
            next_run = described.info.next_action_times[0]
            assert (next_run.month, next_run.day, next_run.hour, next_run.minute) == (11, 30, 18, 0)  # UTC
            assert cut_off(next_run).strftime("%m-%d") == "12-01"
            before = datetime.now(UTC)
            assert described.schedule.policy.overlap is ScheduleOverlapPolicy.SKIP  # a double trigger never overlaps
            first, first_at = await fire(dev_server.client, handle, 0)
            await past_the_second_of(first_at)
            second, _ = await fire(dev_server.client, handle, 1)
            assert first != second
        found = await stored(engine)
        assert found.snapshots == {(town, "AS_REPORTED"): 1 for town in TOWNS}
        assert found.documents == {(town, f): 1 for town in TOWNS for f in FORMATS}
        [snapshot] = await load_snapshots(engine, scope="zhangjiawo", year=cut_off(before).year)
        assert snapshot.figures.as_of == cut_off(before)  # the firing's date
    finally:
        await dev_server.client.get_schedule_handle(schedule_id).delete()
        await engine.dispose()


async def test_a_configured_time_moves_an_existing_schedule(dev_server: WorkflowEnvironment) -> None:
    schedule_id = f"year-end-{uuid.uuid4().hex}"
    try:
        await ensure_year_end_schedule(dev_server.client, task_queue="unused", schedule_id=schedule_id)
        await ensure_year_end_schedule(dev_server.client, task_queue="unused", schedule_id=schedule_id,
                                       at=YearEndTime(month=12, day=20, hour=3, minute=30))
        next_run = (await dev_server.client.get_schedule_handle(schedule_id).describe()).info.next_action_times[0]
        assert (next_run.month, next_run.day, next_run.hour, next_run.minute) == (12, 19, 19, 30)  # 03:30 +08:00
    finally:
        await dev_server.client.get_schedule_handle(schedule_id).delete()
