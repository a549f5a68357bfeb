"""Audit: walk every stream's hash chain as stored and name the first event of each stream that breaks it.

Envelopes are rebuilt from the rows exactly as stored; every typed column is part of the hash, so a changed
column breaks the chain just as a changed payload byte does. On top of the chain, the typed columns that
restate the payload (`occurred_at`, `actor`) must agree with it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import ChainBreak, EventEnvelope, verify_chain
from infra.db.models import events
from infra.eventstore.rows import from_row, select_envelopes

STREAM_BATCH = 1_000


@dataclass(frozen=True)
class StoredStream:
    """One stream's events as stored, in seq order, and the highest log position among them."""

    events: list[EventEnvelope]
    max_position: int


async def verify(engine: AsyncEngine, stream_id: str | None = None) -> list[ChainBreak]:
    """The first broken event of every stream (or of `stream_id` only); an empty list means the log is intact."""
    breaks: list[ChainBreak] = []
    async for stream in read_streams(engine, stream_id):
        breaks.extend(check_stream(stream.events))
    return breaks


async def read_streams(engine: AsyncEngine, stream_id: str | None = None, *,
                       where: ColumnElement[bool] | None = None) -> AsyncIterator[StoredStream]:
    """Every stream as stored (or `stream_id`, or those `where` selects), one at a time, read in one query (so from
    one snapshot of the log) and fetched in batches."""
    query = select_envelopes().order_by(events.c.stream_id, events.c.seq)
    if stream_id is not None:
        query = query.where(events.c.stream_id == stream_id)
    if where is not None:
        query = query.where(where)
    current: list[EventEnvelope] = []
    top = 0
    async with engine.connect() as conn:
        result = await conn.stream(query.execution_options(yield_per=STREAM_BATCH))
        async for row in result.mappings():
            env = from_row(row)
            if current and current[0].stream_id != env.stream_id:
                yield StoredStream(current, top)
                current, top = [], 0
            current.append(env)
            top = max(top, row["position"])
    if current:
        yield StoredStream(current, top)


def check_stream(stream: list[EventEnvelope]) -> Iterator[ChainBreak]:
    """The stream's first break, if any: of its chain, or of a typed column restating its payload."""
    broken = verify_chain(stream) or _columns_disagree(stream)
    if broken is not None:
        yield broken


def _columns_disagree(stream: Iterable[EventEnvelope]) -> ChainBreak | None:
    for env in stream:
        stated = env.payload.get("occurred_at")
        if isinstance(stated, str) and datetime.fromisoformat(stated) != env.occurred_at:
            return ChainBreak(env.stream_id, env.seq, f"occurred_at column {env.occurred_at.isoformat()} "
                                                      f"disagrees with the payload's {stated}")
        actors = env.payload.get("actors")
        if isinstance(actors, list) and actors and env.actor != actors[0]:
            return ChainBreak(env.stream_id, env.seq, f"actor column {env.actor!r} is not the payload's first "
                                                      f"actor {actors[0]!r}")
    return None
