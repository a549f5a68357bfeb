"""The daily checkpoint of the event log (default 03:30 Asia/Shanghai): a Temporal Schedule starts the
`AnchorCheckpoint` workflow, whose one activity signs every stream's head and writes the checkpoint file
outside the database.

The activity runs behind `AnchorPort` (the composition root fills it with `infra.anchoring.AnchorService`;
workflows never import infra). It is harmless to repeat: a second run, or a retry after the file was written,
only adds another checkpoint beside the first. A log whose chain is broken is refused, not retried — taking
a checkpoint of it would vouch for the break.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from temporalio import activity, workflow
from temporalio.client import (
    Client,
    Schedule,
    ScheduleCalendarSpec,
    ScheduleRange,
)
from temporalio.common import RetryPolicy

from workflows.schedules import calendar_schedule, ensure_schedule

with workflow.unsafe.imports_passed_through():
    from domain.anchoring.checkpoint import Checkpoint

WORKFLOW_NAME = "AnchorCheckpoint"
SCHEDULE_ID = "zhifa-anchor-checkpoint"
ACTIVITY_TIMEOUT = timedelta(minutes=30)  # one read of the whole log
ACTIVITY_RETRY = RetryPolicy(initial_interval=timedelta(seconds=10), maximum_interval=timedelta(minutes=10),
                             maximum_attempts=10,
                             non_retryable_error_types=["CheckpointRefused", "SettingsError", "AnchorKeyError"])


@dataclass
class AnchorInput:
    pass  # nothing to choose yet; a dataclass so fields can be added without breaking started runs


@dataclass
class CheckpointTaken:
    sequence: int
    path: str
    root: str
    tree_size: int
    log_position: int
    event_count: int


class AnchorPort(Protocol):
    """What the activity needs (`infra.anchoring.AnchorService`): take a checkpoint now, return it and its file."""

    async def take_checkpoint(self) -> tuple[Checkpoint, str]: ...


class AnchorActivities:
    def __init__(self, port: AnchorPort) -> None:
        self._port = port

    @activity.defn(name="anchor_checkpoint")
    async def checkpoint(self) -> CheckpointTaken:
        taken, path = await self._port.take_checkpoint()
        return CheckpointTaken(taken.sequence, path, taken.root, taken.tree_size, taken.log_position,
                               taken.event_count)


@workflow.defn(name=WORKFLOW_NAME)
class AnchorCheckpointWorkflow:
    @workflow.run
    async def run(self, input: AnchorInput) -> CheckpointTaken:
        return await workflow.execute_activity_method(
            AnchorActivities.checkpoint, start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=ACTIVITY_RETRY)


# --- the schedule ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnchorTime:
    """When the daily checkpoint is taken (default 03:30 Asia/Shanghai, after the 01:00 platform upload)."""

    hour: int = 3
    minute: int = 30
    time_zone: str = "Asia/Shanghai"


def anchor_schedule(task_queue: str, at: AnchorTime = AnchorTime()) -> Schedule:
    calendar = ScheduleCalendarSpec(hour=[ScheduleRange(at.hour)], minute=[ScheduleRange(at.minute)],
                                    second=[ScheduleRange(0)], comment="daily checkpoint of the event log")
    # Two runs never overlap; a firing missed while the server was down still runs within the day.
    return calendar_schedule(WORKFLOW_NAME, AnchorInput(), workflow_id=f"anchor-checkpoint-{task_queue}",
                             task_queue=task_queue, calendar=calendar, time_zone=at.time_zone,
                             catchup_window=timedelta(days=1))


async def ensure_anchor_schedule(client: Client, *, task_queue: str, at: AnchorTime = AnchorTime(),
                                 schedule_id: str = SCHEDULE_ID) -> None:
    """Create the schedule, or bring an existing one to the configured time (idempotent; run at worker start)."""
    await ensure_schedule(client, schedule_id, anchor_schedule(task_queue, at))
