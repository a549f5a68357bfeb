"""Warnings (预警) of the supervision platform: pulled on a schedule and recorded, one stream per warning.

`PlatformWarningsPull` reads the platform's warnings after the last one the log holds, and opens a
`PlatformWarning` stream for each with `ReceivePlatformWarning` (through the follow-up activity, idempotent by
the warning's id: the stream id and the request id derive from it). The stream waits in the officers' task list
(`RespondToPlatformWarning`) until an officer answers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from domain.codec import to_primitive
    from domain.messages import SYSTEM_ACTOR
    from domain.platform import warnings as w
    from domain.platform.inspection_records import batches
    from workflows.activities import FollowUpActivities
    from workflows.aggregate_spec import AggregateSpec, commands_in
    from workflows.messages import (
        ContextPayload,
        OpenedStream,
        OpenStream,
        OpenStreamsRequest,
        StepRequest,
        StreamInput,
    )
    from workflows.platform_activities import (
        NON_RETRYABLE_PLATFORM_ERRORS,
        PendingWarningsRequest,
        PlatformWarningActivities,
        WarningNotice,
    )
    from workflows.stream import StreamWorkflow

PLATFORM_WARNING = w.STREAM_KIND

PLATFORM_WARNING_SPEC = AggregateSpec(
    kind=PLATFORM_WARNING, decider=w.DECIDER, state_type=w.WarningState,
    commands=commands_in(w), events=w.EVENTS, context_of=w.stream_context, next_steps=w.next_steps,
    is_finished=w.is_finished,
)

PULL_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=5),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=10),
    maximum_attempts=10,  # the next scheduled pull starts over
    non_retryable_error_types=NON_RETRYABLE_PLATFORM_ERRORS,
)
STREAMS_PER_ACTIVITY = 20


@workflow.defn(name="PlatformWarning")
class PlatformWarningWorkflow(StreamWorkflow):
    """One platform warning, from its receipt to an officer's response."""

    spec = PLATFORM_WARNING_SPEC

    @workflow.run
    async def run(self, input: StreamInput, context: ContextPayload | None = None) -> str:
        return await self._run(input)


@dataclass
class WarningsPullInput:
    town: str | None = None  # None: every town's warnings


@dataclass
class WarningsPullResult:
    pulled: int
    recorded: list[str]  # stream ids opened by this pull
    refused: list[str]  # "stream id: reason" of warnings the domain refused


def receive_step(notice: WarningNotice, occurred_at: datetime) -> OpenStream:
    command = w.ReceivePlatformWarning(
        occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), warning_id=notice.warning_id,
        platform_seq=notice.seq, town=notice.town, case_id=notice.case_id, decision_no=notice.decision_no,
        category=notice.category, message=notice.message, raised_at=notice.raised_at)
    stream_id = w.warning_stream_id(notice.warning_id)
    return OpenStream(kind=PLATFORM_WARNING, stream_id=stream_id, town=notice.town, step=StepRequest(
        command=type(command).__name__, payload=to_primitive(command), context_version="", request_id=stream_id))


@workflow.defn(name="PlatformWarningsPull")
class PlatformWarningsPull:
    @workflow.run
    async def run(self, input: WarningsPullInput) -> WarningsPullResult:
        notices: list[WarningNotice] = await workflow.execute_activity_method(
            PlatformWarningActivities.pending, PendingWarningsRequest(input.town),
            start_to_close_timeout=timedelta(minutes=2), retry_policy=PULL_RETRY)
        recorded: list[str] = []
        refused: list[str] = []
        now = workflow.now()
        for chunk in batches(sorted(notices, key=lambda n: n.seq), STREAMS_PER_ACTIVITY):
            results: list[OpenedStream] = await workflow.execute_activity_method(
                FollowUpActivities.open_streams, OpenStreamsRequest([receive_step(n, now) for n in chunk]),
                start_to_close_timeout=timedelta(minutes=2), retry_policy=PULL_RETRY)
            for result in results:
                if result.opened:
                    recorded.append(result.stream_id)
                else:
                    refused.append(f"{result.stream_id}: {result.rejection}")
        return WarningsPullResult(len(notices), recorded, refused)
