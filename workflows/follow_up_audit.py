"""Reconciliation of follow-ups against the event log: every stream that one stream's facts call into being (a
served decision's disclosure, an inspection lead's case) must exist in the log. What is missing is listed and,
on request, opened through the same router the workflows use (idempotent by the follow-up's request id).

Runs hourly from a Temporal Schedule (`FollowUpAudit`, over the streams written during the last days) and on
demand as `zhifa audit follow-ups` (over the whole log). The event log is read behind `StreamLog` (the
composition root passes `infra.eventstore.streams.EventLogStreams`); workflows never import infra.

Follow-ups caused moments ago are not judged yet: the workflow that caused them is opening them now.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from temporalio import activity, workflow
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
)
from temporalio.common import RetryPolicy

from workflows.schedules import ensure_schedule

with workflow.unsafe.imports_passed_through():
    from domain.cases import context as case_context
    from domain.envelope import EventEnvelope
    from domain.follow_ups import FollowUp
    from domain.inspections import views as inspection_views
    from workflows.activities import StreamOpener
    from workflows.aggregate_spec import AggregateSpec
    from workflows.messages import open_stream
    from workflows.procedures import GENERAL_CASE, INSPECTION

WORKFLOW_NAME = "FollowUpAudit"
SCHEDULE_ID = "zhifa-follow-up-audit"
SETTLE = timedelta(minutes=15)  # a follow-up younger than this is still being opened by its own workflow


def _never(state: Any) -> bool:
    return False


def _disclosed_on_the_case(state: Any) -> bool:
    # A case that recorded its disclosure itself (by hand, e.g. a past year entered in bulk) leaves nothing to open.
    return bool(state.disclosed)


@dataclass(frozen=True)
class Source:
    """Streams of the log whose follow-ups open other streams: the aggregate, its typed columns, and when a
    source's state shows its follow-ups were served another way."""

    kind: str
    stream_kind: str
    procedure: str | None
    served_otherwise: Callable[[Any], bool] = _never


SOURCES = (
    Source(GENERAL_CASE, case_context.STREAM_KIND, case_context.PROCEDURE,  # served decision → disclosure
           served_otherwise=_disclosed_on_the_case),
    Source(INSPECTION, inspection_views.STREAM_KIND, None),  # lead for filing → general case
)


class StreamLog(Protocol):
    def streams(self, stream_kind: str, procedure: str | None,
                touched_since: datetime | None) -> AsyncIterator[Sequence[EventEnvelope]]: ...

    async def existing(self, stream_ids: Collection[str]) -> set[str]: ...


@dataclass(frozen=True)
class MissingFollowUp:
    source_stream: str
    follow_up: FollowUp

    def describe(self) -> str:
        f = self.follow_up
        return (f"{self.source_stream} calls for {f.kind} {f.stream_id} ({type(f.command).__name__}), "
                "absent from the log")


async def missing_follow_ups(
    log: StreamLog, specs: Mapping[str, AggregateSpec], *, now: datetime, touched_since: datetime | None = None,
) -> list[MissingFollowUp]:
    """Every follow-up that opens a stream, caused more than `SETTLE` ago, whose stream has no event."""
    missing: list[MissingFollowUp] = []
    for source in SOURCES:
        spec = specs[source.kind]
        async for stream in log.streams(source.stream_kind, source.procedure, touched_since):
            if stream[-1].recorded_at > now - SETTLE:
                continue
            state = fold(spec, stream)
            if source.served_otherwise(state):
                continue
            called = spec.follow_ups(state)
            present = await log.existing({f.stream_id for f in called})
            missing += [MissingFollowUp(stream[0].stream_id, f) for f in called if f.stream_id not in present]
    return missing


def fold(spec: AggregateSpec, stream: Sequence[EventEnvelope]) -> Any:
    """The state a stream's events fold to, through its aggregate's decider (as the workflow holds it)."""
    state = spec.decider.initial()
    for envelope in stream:
        state = spec.decider.evolve(state, envelope.open(spec.events))
    return state


# --- the scheduled audit ------------------------------------------------------------------------------------


@dataclass
class FollowUpAuditInput:
    touched_within_days: int = 8  # D17 runs 7 working days: a lost disclosure is found well within it


@dataclass
class FollowUpAuditReport:
    missing: list[str] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


class FollowUpAuditActivities:
    def __init__(self, log: StreamLog, opener: StreamOpener, specs: Mapping[str, AggregateSpec],
                 clock: Callable[[], datetime]) -> None:
        self._log, self._opener, self._specs, self._clock = log, opener, specs, clock

    async def repair(self, touched_since: datetime | None) -> FollowUpAuditReport:
        found = await missing_follow_ups(self._log, self._specs, now=self._clock(), touched_since=touched_since)
        report = FollowUpAuditReport(missing=[m.describe() for m in found])
        for item in found:
            result = await self._opener.open(open_stream(item.follow_up))
            (report.opened if result.opened else report.refused).append(
                item.follow_up.stream_id if result.opened else f"{item.follow_up.stream_id}: {result.rejection}")
        return report

    @activity.defn(name="repair_follow_ups")
    async def repair_recent(self, request: FollowUpAuditInput) -> FollowUpAuditReport:
        return await self.repair(self._clock() - timedelta(days=request.touched_within_days))


@workflow.defn(name=WORKFLOW_NAME)
class FollowUpAudit:
    @workflow.run
    async def run(self, request: FollowUpAuditInput) -> FollowUpAuditReport:
        report: FollowUpAuditReport = await workflow.execute_activity_method(
            FollowUpAuditActivities.repair_recent, request, start_to_close_timeout=timedelta(minutes=30),
            retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=5)))
        for line in report.missing:
            workflow.logger.warning("follow-up audit: %s", line)
        return report


def follow_up_audit_schedule(task_queue: str, every: timedelta = timedelta(hours=1)) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(FollowUpAudit.run, FollowUpAuditInput(), id=SCHEDULE_ID,
                                           task_queue=task_queue),
        spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=every)]),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=every),
    )


async def ensure_follow_up_audit_schedule(client: Client, task_queue: str) -> None:
    await ensure_schedule(client, SCHEDULE_ID, follow_up_audit_schedule(task_queue))
