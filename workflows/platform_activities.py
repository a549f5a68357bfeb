"""Activities of the scheduled exchanges with the supervision platform, over ports the composition root fills
(the platform client, `infra.platform_feed.PlatformFeed`); workflows never import infra.

- `pending_platform_inspections`: the completed inspections of a day (and of the few days before it, for
  inspections entered late) that have no receipt yet, each as the masked record the platform receives.
- `upload_platform_inspections`: one batch, then its receipts recorded. The batch's Idempotency-Key derives
  from the day and exactly which inspection events it carries, so a retry after a lost response is answered
  with the first receipts; records already receipted (by an earlier attempt or run) are not sent again.
- `pending_platform_warnings`: the platform's warnings after the last one recorded, minus any the log holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from temporalio import activity

from domain.deadlines.local_time import start_of_local_day
from domain.envelope import EventEnvelope
from domain.inspections.events import EVENTS as INSPECTION_EVENTS
from domain.inspections.events import InspectionCompleted
from domain.platform.inspection_records import (
    EventRef,
    UploadReceipt,
    batch_key,
    inspection_record,
    record_payload,
)
from domain.platform.warnings import warning_stream_id

# Matched by exception class name (the client's `PlatformRejected`), so workflows need not import infra.
NON_RETRYABLE_PLATFORM_ERRORS = ["PlatformRejected"]


# --- messages ----------------------------------------------------------------------------------------------


@dataclass
class PendingInspectionsRequest:
    day: str  # ISO date: the local day whose inspections are uploaded
    catch_up_days: int = 7  # also the days before it, for inspections entered late (补录)


@dataclass
class InspectionUpload:
    stream_id: str
    seq: int
    inspection_id: str
    record: dict[str, Any]


@dataclass
class InspectionBatch:
    day: str
    items: list[InspectionUpload]


@dataclass
class BatchOutcome:
    batch_id: str
    sent: int  # records sent in this batch (0 if every one had a receipt already)
    receipted: int  # receipts newly recorded


@dataclass
class PendingWarningsRequest:
    town: str | None = None


@dataclass
class WarningNotice:
    seq: int
    warning_id: str
    town: str
    case_id: str
    decision_no: str
    category: str
    message: str
    raised_at: str


# --- ports -------------------------------------------------------------------------------------------------


class InspectionReceiptPort(Protocol):
    @property
    def inspection_id(self) -> str: ...

    @property
    def record_id(self) -> str: ...


class WarningPort(Protocol):
    @property
    def seq(self) -> int: ...

    @property
    def warning_id(self) -> str: ...

    @property
    def town(self) -> str: ...

    @property
    def case_id(self) -> str: ...

    @property
    def decision_no(self) -> str: ...

    @property
    def category(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def raised_at(self) -> str: ...


class PlatformPort(Protocol):
    async def submit_inspections(self, idempotency_key: str, batch_id: str,
                                 records: Sequence[Mapping[str, Any]]) -> Sequence[InspectionReceiptPort]: ...

    async def warnings(self, after: int = 0, town: str | None = None) -> Sequence[WarningPort]: ...


class FeedPort(Protocol):
    async def pending_inspections(self, start: datetime, end: datetime) -> Sequence[EventEnvelope]: ...

    async def receipted(self, refs: Sequence[tuple[str, int]]) -> set[tuple[str, int]]: ...

    async def record_receipts(self, day: date, batch_id: str, entries: Sequence[UploadReceipt],
                              uploaded_at: datetime) -> int: ...

    async def last_warning_seq(self, town: str | None = None) -> int: ...

    async def recorded_streams(self, stream_ids: Sequence[str]) -> set[str]: ...


def _utc_now() -> datetime:
    return datetime.now(UTC)


# --- activities --------------------------------------------------------------------------------------------


class PlatformUploadActivities:
    def __init__(self, feed: FeedPort, platform: PlatformPort, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._feed = feed
        self._platform = platform
        self._clock = clock

    @activity.defn(name="pending_platform_inspections")
    async def pending(self, request: PendingInspectionsRequest) -> list[InspectionUpload]:
        day = date.fromisoformat(request.day)
        start = start_of_local_day(day - timedelta(days=max(0, request.catch_up_days)))
        found = await self._feed.pending_inspections(start, start_of_local_day(day + timedelta(days=1)))
        uploads = []
        for env in found:
            event = env.open(INSPECTION_EVENTS)
            assert isinstance(event, InspectionCompleted)
            uploads.append(InspectionUpload(env.stream_id, env.seq, event.inspection_id,
                                            record_payload(inspection_record(event))))
        return uploads

    @activity.defn(name="upload_platform_inspections")
    async def upload(self, batch: InspectionBatch) -> BatchOutcome:
        day = date.fromisoformat(batch.day)
        known = await self._feed.receipted([(i.stream_id, i.seq) for i in batch.items])
        items = [i for i in batch.items if (i.stream_id, i.seq) not in known]
        key = batch_key(day, (EventRef(i.stream_id, i.seq) for i in items))
        batch_id = f"{day.isoformat()}-{key[:12]}"
        if not items:
            return BatchOutcome(batch_id, 0, 0)
        receipts = await self._platform.submit_inspections(key, batch_id, [i.record for i in items])
        by_inspection = {r.inspection_id: r.record_id for r in receipts}
        entries = [UploadReceipt(i.stream_id, i.seq, i.inspection_id, by_inspection[i.inspection_id]) for i in items]
        new = await self._feed.record_receipts(day, batch_id, entries, self._clock())
        return BatchOutcome(batch_id, len(items), new)


class PlatformWarningActivities:
    def __init__(self, feed: FeedPort, platform: PlatformPort) -> None:
        self._feed = feed
        self._platform = platform

    @activity.defn(name="pending_platform_warnings")
    async def pending(self, request: PendingWarningsRequest) -> list[WarningNotice]:
        after = await self._feed.last_warning_seq(request.town)
        found = [WarningNotice(w.seq, w.warning_id, w.town, w.case_id, w.decision_no, w.category, w.message,
                               w.raised_at)
                 for w in await self._platform.warnings(after=after, town=request.town)]
        recorded = await self._feed.recorded_streams([warning_stream_id(w.warning_id) for w in found])
        return [w for w in found if warning_stream_id(w.warning_id) not in recorded]
