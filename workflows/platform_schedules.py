"""The Temporal Schedules of the exchanges with the supervision platform, created idempotently at worker start:
the daily inspection upload (01:00 Asia/Shanghai by default) and the pull of the platform's warnings (hourly).

A schedule that exists already is updated to the given configuration, so changing it is a restart away. A run
still going when the next is due is not doubled (overlap: skip); a server that was down catches up within a
window (a day for the upload, an hour for the warnings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleCalendarSpec,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleRange,
    ScheduleSpec,
)

from workflows.platform_upload import DailyUploadInput, PlatformDailyUpload
from workflows.platform_warnings import PlatformWarningsPull, WarningsPullInput
from workflows.schedules import ensure_schedule

UPLOAD_SCHEDULE_ID = "zhifa-platform-daily-upload"
WARNINGS_SCHEDULE_ID = "zhifa-platform-warnings"


@dataclass(frozen=True)
class PlatformScheduleConfig:
    upload_at: time = time(1, 0)
    time_zone: str = "Asia/Shanghai"
    batch_size: int = 50
    catch_up_days: int = 7
    warnings_every: timedelta = timedelta(hours=1)


def upload_schedule(task_queue: str, config: PlatformScheduleConfig) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(
            PlatformDailyUpload.run, DailyUploadInput(batch_size=config.batch_size,
                                                      catch_up_days=config.catch_up_days),
            id=UPLOAD_SCHEDULE_ID, task_queue=task_queue),
        spec=ScheduleSpec(calendars=[ScheduleCalendarSpec(
            hour=[ScheduleRange(config.upload_at.hour)], minute=[ScheduleRange(config.upload_at.minute)],
            second=[ScheduleRange(0)])], time_zone_name=config.time_zone),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=timedelta(days=1)),
    )


def warnings_schedule(task_queue: str, config: PlatformScheduleConfig) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(PlatformWarningsPull.run, WarningsPullInput(), id=WARNINGS_SCHEDULE_ID,
                                           task_queue=task_queue),
        spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=config.warnings_every)]),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=config.warnings_every),
    )


async def ensure_schedules(client: Client, task_queue: str,
                           config: PlatformScheduleConfig = PlatformScheduleConfig()) -> list[str]:
    """Create (or bring up to date) both schedules; returns their ids."""
    wanted = {UPLOAD_SCHEDULE_ID: upload_schedule(task_queue, config),
              WARNINGS_SCHEDULE_ID: warnings_schedule(task_queue, config)}
    for schedule_id, schedule in wanted.items():
        await ensure_schedule(client, schedule_id, schedule)
    return list(wanted)
