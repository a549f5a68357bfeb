"""The schedules on the real Temporal dev server (the time-skipping server has no schedules): created
idempotently, the upload at 01:00 Asia/Shanghai; fired, the upload sends the previous day's inspections once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from temporalio.client import (
    Client,
    ScheduleActionExecutionStartWorkflow,
    ScheduleActionStartWorkflow,
    ScheduleCalendarSpec,
    ScheduleHandle,
)
from temporalio.testing import WorkflowEnvironment

from domain.deadlines.local_time import local_date
from tests.disclosure.platform import running_platform
from tests.platform.inspections import at, new_id, nothing_found, record
from tests.platform.support import platform_system
from workflows.platform_schedules import (
    UPLOAD_SCHEDULE_ID,
    WARNINGS_SCHEDULE_ID,
    PlatformScheduleConfig,
    ensure_schedules,
)
from workflows.platform_upload import DailyUploadResult, PlatformDailyUpload


async def fire(client: Client, handle: ScheduleHandle, runs_before: int) -> DailyUploadResult:
    """Trigger the schedule now and wait for the run it starts."""
    await handle.trigger()
    for _ in range(200):
        actions = (await handle.describe()).info.recent_actions
        if len(actions) > runs_before:
            break
        await asyncio.sleep(0.05)
    action = actions[-1].action
    assert isinstance(action, ScheduleActionExecutionStartWorkflow)
    run = client.get_workflow_handle_for(PlatformDailyUpload.run, action.workflow_id,
                                         run_id=action.first_execution_run_id)
    return await run.result()


async def test_the_daily_schedule_uploads_the_previous_days_inspections_exactly_once(
    dev_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    async with running_platform() as platform:
        client = platform.client()
        try:
            async with platform_system(dev_server.client, sqlite_url, client) as system:
                config = PlatformScheduleConfig(batch_size=2)
                assert await ensure_schedules(system.client, system.task_queue, config) == \
                    [UPLOAD_SCHEDULE_ID, WARNINGS_SCHEDULE_ID]
                await ensure_schedules(system.client, system.task_queue, config)  # again: updated, not doubled
                handle = system.client.get_schedule_handle(UPLOAD_SCHEDULE_ID)
                try:
                    described = await handle.describe()
                    calendar = described.schedule.spec.calendars[0]
                    assert isinstance(calendar, ScheduleCalendarSpec)
                    assert ([r.start for r in calendar.hour], [r.start for r in calendar.minute]) == ([1], [0])
                    assert described.schedule.spec.time_zone_name == "Asia/Shanghai"
                    upcoming = described.info.next_action_times[0].astimezone(UTC)
                    assert (upcoming.hour, upcoming.minute) == (17, 0)  # 01:00 in Shanghai
                    action = described.schedule.action
                    assert isinstance(action, ScheduleActionStartWorkflow) and action.task_queue == system.task_queue

                    now = datetime.now(UTC)
                    day = local_date(now) - timedelta(days=1)
                    ids = [await record(system.streams, nothing_found(new_id(), at(day, h))) for h in (7, 12, 18)]
                    await record(system.streams, nothing_found(new_id(), now - timedelta(seconds=1)))  # today's

                    runs = len(described.info.recent_actions)
                    first = await fire(system.client, handle, runs)
                    assert (first.day, first.uploaded, len(first.batches)) == (day.isoformat(), 3, 2)
                    second = await fire(system.client, handle, runs + 1)
                    assert (second.day, second.uploaded) == (day.isoformat(), 0)
                    assert sorted(iid for _, iid, _ in platform.storage.inspections()) == sorted(ids)
                    assert len(await system.feed.receipts(day=day)) == 3
                finally:
                    for schedule_id in (UPLOAD_SCHEDULE_ID, WARNINGS_SCHEDULE_ID):
                        await system.client.get_schedule_handle(schedule_id).delete()
        finally:
            await client.aclose()
