"""Queries for the platform exchanges, on the event log's typed columns (event type, occurred_at, town, stream
id; the indexes `ix_events_event_type_occurred_at` and the (stream_id, seq) key serve them) and on
`platform_receipts`.

A receipt is inserted once per inspection event: recording it again (a retried activity, a day run twice) is a
no-op, so the first receipt the platform gave stays the one on record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import and_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import EventEnvelope
from domain.inspections.events import InspectionCompleted
from domain.platform.inspection_records import UploadReceipt
from domain.platform.warnings import PlatformWarningReceived
from infra.db.models import events
from infra.db.models_platform import platform_receipts
from infra.eventstore.rows import from_row, select_envelopes

INSPECTION_COMPLETED = InspectionCompleted.type_name()
WARNING_RECEIVED = PlatformWarningReceived.type_name()


class PlatformFeed:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    # --- inspections ---------------------------------------------------------------------------------------

    async def pending_inspections(self, start: datetime, end: datetime) -> list[EventEnvelope]:
        """`InspectionCompleted` events with `start <= occurred_at < end` that have no receipt yet, in the order
        they occurred."""
        receipted = and_(platform_receipts.c.stream_id == events.c.stream_id,
                         platform_receipts.c.seq == events.c.seq)
        query = (select_envelopes()
                 .outerjoin(platform_receipts, receipted)
                 .where(events.c.event_type == INSPECTION_COMPLETED, events.c.occurred_at >= start,
                        events.c.occurred_at < end, platform_receipts.c.receipt_id.is_(None))
                 .order_by(events.c.occurred_at, events.c.stream_id, events.c.seq))
        async with self.engine.connect() as conn:
            return [from_row(row) for row in (await conn.execute(query)).mappings()]

    async def receipts(self, *, day: date | None = None) -> dict[tuple[str, int], str]:
        """(stream_id, seq) → receipt id, of one upload day or of all."""
        query = select(platform_receipts.c.stream_id, platform_receipts.c.seq, platform_receipts.c.receipt_id)
        if day is not None:
            query = query.where(platform_receipts.c.upload_day == day)
        async with self.engine.connect() as conn:
            return {(row.stream_id, int(row.seq)): row.receipt_id for row in await conn.execute(query)}

    async def receipted(self, refs: Iterable[tuple[str, int]]) -> set[tuple[str, int]]:
        """Which of these inspection events (stream_id, seq) have a receipt."""
        wanted = set(refs)
        if not wanted:
            return set()
        query = select(platform_receipts.c.stream_id, platform_receipts.c.seq).where(
            platform_receipts.c.stream_id.in_(sorted({stream_id for stream_id, _ in wanted})))
        async with self.engine.connect() as conn:
            found = {(str(row.stream_id), int(row.seq)) for row in await conn.execute(query)}
        return found & wanted

    async def record_receipts(self, day: date, batch_id: str, entries: Sequence[UploadReceipt],
                              uploaded_at: datetime) -> int:
        """Insert the receipts not on record yet; returns how many were new."""
        if not entries:
            return 0
        rows = [{"stream_id": e.stream_id, "seq": e.seq, "inspection_id": e.inspection_id, "upload_day": day,
                 "batch_id": batch_id, "receipt_id": e.receipt_id, "uploaded_at": uploaded_at} for e in entries]
        dialect_insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        statement = dialect_insert(platform_receipts).values(rows).on_conflict_do_nothing(
            index_elements=["stream_id", "seq"])
        async with self.engine.begin() as conn:
            result = await conn.execute(statement)
        return int(result.rowcount or 0)

    # --- warnings ------------------------------------------------------------------------------------------

    async def last_warning_seq(self, town: str | None = None) -> int:
        """The platform sequence number of the last warning recorded (0 if none): the list is read after it."""
        query = select(events.c.payload).where(events.c.event_type == WARNING_RECEIVED)
        if town is not None:
            query = query.where(events.c.town == town)
        async with self.engine.connect() as conn:
            row = (await conn.execute(query.order_by(events.c.position.desc()).limit(1))).first()
        return 0 if row is None else int(row.payload["platform_seq"])

    async def recorded_streams(self, stream_ids: Iterable[str]) -> set[str]:
        """Which of these streams the log holds already."""
        wanted = sorted(set(stream_ids))
        if not wanted:
            return set()
        query = select(events.c.stream_id).where(events.c.stream_id.in_(wanted), events.c.seq == 1)
        async with self.engine.connect() as conn:
            return {str(row.stream_id) for row in await conn.execute(query)}
