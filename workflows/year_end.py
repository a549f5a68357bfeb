"""Automatic year-end generation: a Temporal Schedule (default 1 December 02:00 Asia/Shanghai) starts the
`YearEnd` workflow, which for every town takes the year's as-reported statistics snapshot with `as_of` = the
firing's local date and stores the report documents rendered from that snapshot.

Everything touching the database runs in activities behind `YearEndPort` (the composition root fills it with
`infra.year_end.YearEndService`; workflows never import infra). Both activities are idempotent: a snapshot that
already exists for the town, year and cut-off is the answer (never a second one), and documents already stored
for a snapshot are not stored again — so a re-run workflow, a retried activity or a second firing on the same
day leaves exactly one as-reported snapshot per town and one document per format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from temporalio import activity, workflow
from temporalio.client import Client, Schedule, ScheduleCalendarSpec, ScheduleRange
from temporalio.common import RetryPolicy, SearchAttributeKey

from workflows.schedules import calendar_schedule, ensure_schedule

with workflow.unsafe.imports_passed_through():
    from domain.deadlines.local_time import local_date

WORKFLOW_NAME = "YearEnd"
SCHEDULE_ID = "zhifa-year-end"
SCHEDULED_START = SearchAttributeKey.for_datetime("TemporalScheduledStartTime")
FORMATS = ("docx", "html", "md", "json")
ACTIVITY_TIMEOUT = timedelta(minutes=10)
ACTIVITY_RETRY = RetryPolicy(initial_interval=timedelta(seconds=5), maximum_interval=timedelta(minutes=5),
                             non_retryable_error_types=["UnknownScope"])


@dataclass
class YearEndInput:
    """`as_of` (ISO date) overrides the firing's date (a manual run); `towns` narrows the run (default: every
    town of the reference data)."""

    as_of: str | None = None
    towns: list[str] | None = None


@dataclass
class TownYear:
    scope: str
    year: int
    as_of: str  # ISO date


@dataclass
class SnapshotRef:
    scope: str
    year: int
    as_of: str
    hash: str
    kind: str  # AS_REPORTED | RESTATED
    created: bool  # False: the snapshot was already there (a re-run)


@dataclass
class DocumentsRequest:
    snapshot: SnapshotRef
    formats: list[str] = field(default_factory=lambda: list(FORMATS))


@dataclass
class StoredDocuments:
    scope: str
    formats: list[str]
    created: int  # documents stored by this call (0 on a re-run)


@dataclass
class YearEndResult:
    as_of: str
    snapshots: list[SnapshotRef]
    documents: list[StoredDocuments]


class SnapshotInfo(Protocol):
    @property
    def hash(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def created(self) -> bool: ...


class YearEndPort(Protocol):
    """What the activities need of the database (`infra.year_end.YearEndService`)."""

    async def towns(self) -> list[str]: ...

    async def as_reported(self, scope: str, year: int, as_of: date) -> SnapshotInfo: ...

    async def store_documents(self, scope: str, year: int, as_of: date, snapshot_hash: str,
                              formats: Sequence[str]) -> int: ...


class YearEndActivities:
    def __init__(self, port: YearEndPort) -> None:
        self._port = port

    @activity.defn(name="year_end_towns")
    async def towns(self) -> list[str]:
        return await self._port.towns()

    @activity.defn(name="year_end_snapshot")
    async def snapshot(self, request: TownYear) -> SnapshotRef:
        taken = await self._port.as_reported(request.scope, request.year, date.fromisoformat(request.as_of))
        return SnapshotRef(request.scope, request.year, request.as_of, taken.hash, taken.kind, taken.created)

    @activity.defn(name="year_end_documents")
    async def documents(self, request: DocumentsRequest) -> StoredDocuments:
        s = request.snapshot
        created = await self._port.store_documents(s.scope, s.year, date.fromisoformat(s.as_of), s.hash,
                                                   request.formats)
        return StoredDocuments(s.scope, list(request.formats), created)


def cut_off(scheduled: datetime) -> date:
    """The report's `as_of`: the firing's date in Asia/Shanghai."""
    return local_date(scheduled)


@workflow.defn(name=WORKFLOW_NAME)
class YearEndWorkflow:
    @workflow.run
    async def run(self, input: YearEndInput) -> YearEndResult:
        as_of = date.fromisoformat(input.as_of) if input.as_of else cut_off(self._scheduled_at())
        towns = input.towns if input.towns is not None else await workflow.execute_activity_method(
            YearEndActivities.towns, start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=ACTIVITY_RETRY)
        snapshots: list[SnapshotRef] = []
        documents: list[StoredDocuments] = []
        for town in sorted(towns):
            snapshot = await workflow.execute_activity_method(
                YearEndActivities.snapshot, TownYear(town, as_of.year, as_of.isoformat()),
                start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=ACTIVITY_RETRY)
            snapshots.append(snapshot)
            documents.append(await workflow.execute_activity_method(
                YearEndActivities.documents, DocumentsRequest(snapshot),
                start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=ACTIVITY_RETRY))
        return YearEndResult(as_of.isoformat(), snapshots, documents)

    @staticmethod
    def _scheduled_at() -> datetime:
        scheduled = workflow.info().typed_search_attributes.get(SCHEDULED_START)
        return scheduled if scheduled is not None else workflow.info().start_time


# --- the schedule ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearEndTime:
    """When the schedule fires (default 1 December 02:00 Asia/Shanghai)."""

    month: int = 12
    day: int = 1
    hour: int = 2
    minute: int = 0
    time_zone: str = "Asia/Shanghai"


def year_end_schedule(task_queue: str, at: YearEndTime = YearEndTime()) -> Schedule:
    calendar = ScheduleCalendarSpec(month=[ScheduleRange(at.month)], day_of_month=[ScheduleRange(at.day)],
                                    hour=[ScheduleRange(at.hour)], minute=[ScheduleRange(at.minute)],
                                    comment="year-end statistics and reports")
    # A firing missed while the server was down still runs within a week; two runs never overlap.
    return calendar_schedule(WORKFLOW_NAME, YearEndInput(), workflow_id=f"year-end-{task_queue}",
                             task_queue=task_queue, calendar=calendar, time_zone=at.time_zone,
                             catchup_window=timedelta(days=7))


async def ensure_year_end_schedule(client: Client, *, task_queue: str, at: YearEndTime = YearEndTime(),
                                   schedule_id: str = SCHEDULE_ID) -> None:
    """Create the schedule, or bring an existing one to the configured time (idempotent; run at worker start)."""
    await ensure_schedule(client, schedule_id, year_end_schedule(task_queue, at))
