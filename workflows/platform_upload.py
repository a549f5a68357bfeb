"""The daily upload of inspections to the supervision platform (started by a Temporal Schedule, see
`workflows.platform_schedules`).

For the local day before the scheduled moment (or a given day) it reads the completed inspections that have no
receipt yet — that day's, and those of the few days before it that were entered late — and uploads them in
batches, each batch's receipts recorded as it is accepted. Running a day again sends only what has no receipt;
a retried batch carries the same Idempotency-Key, so the platform answers with the first receipts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeKey

with workflow.unsafe.imports_passed_through():
    from domain.deadlines.local_time import local_date
    from domain.platform.inspection_records import batches
    from workflows.platform_activities import (
        NON_RETRYABLE_PLATFORM_ERRORS,
        BatchOutcome,
        InspectionBatch,
        InspectionUpload,
        PendingInspectionsRequest,
        PlatformUploadActivities,
    )

UPLOAD_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=5),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=15),
    maximum_attempts=40,  # about eight hours of a platform that does not answer; the next day's run catches up
    non_retryable_error_types=NON_RETRYABLE_PLATFORM_ERRORS,
)
QUERY_TIMEOUT = timedelta(minutes=2)
BATCH_TIMEOUT = timedelta(seconds=90)  # longer than the client's own timeouts (queries + the batch)
SCHEDULED_START = SearchAttributeKey.for_datetime("TemporalScheduledStartTime")


@dataclass
class DailyUploadInput:
    day: str = ""  # ISO date; empty: the local day before the scheduled (or actual) start
    batch_size: int = 50
    catch_up_days: int = 7


@dataclass
class DailyUploadResult:
    day: str
    pending: int
    uploaded: int
    batches: list[str]


def _started_at() -> datetime:
    scheduled = workflow.info().typed_search_attributes.get(SCHEDULED_START)
    return scheduled if scheduled is not None else workflow.now()


@workflow.defn(name="PlatformDailyUpload")
class PlatformDailyUpload:
    @workflow.run
    async def run(self, input: DailyUploadInput) -> DailyUploadResult:
        day = date.fromisoformat(input.day) if input.day else local_date(_started_at()) - timedelta(days=1)
        pending: list[InspectionUpload] = await workflow.execute_activity_method(
            PlatformUploadActivities.pending, PendingInspectionsRequest(day.isoformat(), input.catch_up_days),
            start_to_close_timeout=QUERY_TIMEOUT, retry_policy=UPLOAD_RETRY)
        uploaded, batch_ids = 0, []
        for chunk in batches(pending, input.batch_size):
            outcome: BatchOutcome = await workflow.execute_activity_method(
                PlatformUploadActivities.upload, InspectionBatch(day.isoformat(), list(chunk)),
                start_to_close_timeout=BATCH_TIMEOUT, retry_policy=UPLOAD_RETRY)
            uploaded += outcome.sent
            batch_ids.append(outcome.batch_id)
        return DailyUploadResult(day.isoformat(), len(pending), uploaded, batch_ids)
