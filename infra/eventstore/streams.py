"""Reading whole streams back from the log, by kind: what reconciliations fold (e.g. the follow-up audit).

Streams come one at a time, in stream order, rebuilt exactly as stored (the audit's own reader), fetched in batches,
so a district's log is never held in memory at once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import EventEnvelope
from infra.db.models import events
from infra.eventstore.audit import read_streams

LOOKUP_CHUNK = 500  # ids per IN (…) lookup: well below SQLite's bound-parameter limit


class EventLogStreams:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def streams(self, stream_kind: str, procedure: str | None,
                      touched_since: datetime | None) -> AsyncIterator[Sequence[EventEnvelope]]:
        """Every stream of that kind (and procedure), or those with an event recorded since `touched_since`."""
        wanted = select(events.c.stream_id).where(events.c.stream_kind == stream_kind)
        if procedure is not None:
            wanted = wanted.where(events.c.procedure == procedure)
        if touched_since is not None:
            wanted = wanted.where(events.c.recorded_at >= touched_since)
        async for stream in read_streams(self._engine, where=events.c.stream_id.in_(
                wanted.distinct().scalar_subquery())):
            yield stream.events

    async def existing(self, stream_ids: Collection[str]) -> set[str]:
        """Those of the ids that have at least one event."""
        ids, found = sorted(stream_ids), set()
        async with self._engine.connect() as conn:
            for start in range(0, len(ids), LOOKUP_CHUNK):
                chunk = ids[start:start + LOOKUP_CHUNK]
                rows = await conn.execute(select(events.c.stream_id).where(
                    events.c.stream_id.in_(chunk), events.c.seq == 1))
                found.update(rows.scalars())
        return found
