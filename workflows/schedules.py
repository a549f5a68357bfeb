"""Temporal Schedules, the shared part: a workflow started at calendar times, never two runs at once, and
creating a schedule idempotently — one that exists already is brought to the given configuration (so changing
it is a worker restart away), never doubled."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleCalendarSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
)


def calendar_schedule(workflow_name: str, arg: Any, *, workflow_id: str, task_queue: str,
                      calendar: ScheduleCalendarSpec, time_zone: str, catchup_window: timedelta) -> Schedule:
    """`workflow_name(arg)` at the calendar's times in `time_zone`. A run still going when the next is due is
    not doubled (overlap: skip); a firing missed while the server was down still runs within `catchup_window`."""
    return Schedule(
        action=ScheduleActionStartWorkflow(workflow_name, arg, id=workflow_id, task_queue=task_queue),
        spec=ScheduleSpec(calendars=[calendar], time_zone_name=time_zone),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=catchup_window),
    )


async def ensure_schedule(client: Client, schedule_id: str, schedule: Schedule) -> None:
    try:
        await client.create_schedule(schedule_id, schedule)
    except ScheduleAlreadyRunningError:
        def replace(_: ScheduleUpdateInput) -> ScheduleUpdate:
            return ScheduleUpdate(schedule=schedule)

        await client.get_schedule_handle(schedule_id).update(replace)
