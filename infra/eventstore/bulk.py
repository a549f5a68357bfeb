"""Appending many streams' whole histories in one transaction (a bulk import of closed cases).

A stream the log does not hold yet is written the bulk way: its events in one large batch with every other new
stream's (`infra.db.bulk_insert`: COPY or executemany), its read models folded from the whole history and inserted
set-wise.
A history whose events are all stored with the same hashes is skipped (a re-run); a stored event offered with other
content is a conflict; a stream stored in part (or a history not starting the stream) takes the one-by-one path,
in the same transaction, with its checks and errors. The rows are the ones `EventStore.append` would write."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import String, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.envelope import GENESIS_HASH, EventEnvelope
from infra.db.bulk_insert import insert_values
from infra.db.models import events
from infra.eventstore.checks import refuse_conflicts
from infra.eventstore.rows import ENVELOPE_COLUMNS, to_values
from infra.projections.projector import Projector

LOOKUP_CHUNK = 500  # ids per IN (…) lookup on SQLite: well below its bound-parameter limit
History = Sequence[EventEnvelope]
OneByOne = Callable[[AsyncConnection, list[EventEnvelope]], Awaitable[tuple[int, int]]]  # → (appended, stored)


@dataclass(frozen=True)
class BulkOutcome:
    streams: int
    appended: int  # events written by this call
    already_stored: int  # events found stored with the same hash (a re-run)


async def append_histories(conn: AsyncConnection, histories: Sequence[History], projector: Projector,
                           one_by_one: OneByOne) -> BulkOutcome:
    """Write `histories` (each checked by the caller: one stream, chained) inside the caller's transaction."""
    stored = await _stored_hashes(conn, [history[0].stream_id for history in histories])
    fresh: list[History] = []
    appended = already = 0
    for history in histories:
        known = stored.get(history[0].stream_id, {})
        refuse_conflicts(history, known)
        if not known and _starts_stream(history):
            fresh.append(history)
            continue
        written, found = await _stored_before(conn, history, known, one_by_one)
        appended, already = appended + written, already + found
    # The fold is pure Python and the COPY mostly the server's work: folding in a thread meanwhile overlaps them.
    rows = (to_values(env) for history in fresh for env in history)
    _, models = await asyncio.gather(insert_values(conn, events, ENVELOPE_COLUMNS, rows),
                                     asyncio.to_thread(projector.fold_new, fresh))
    await projector.insert_new(conn, fresh, models)
    return BulkOutcome(len(histories), appended + sum(len(history) for history in fresh), already)


async def _stored_before(conn: AsyncConnection, history: History, known: dict[int, str],
                         one_by_one: OneByOne) -> tuple[int, int]:
    """A stream the log holds already: all of the history stored (a re-run: nothing to write), or the rest of it
    appended the one-by-one way (its chain checked against the stored head)."""
    if all(env.seq in known for env in history):
        return 0, len(history)
    return await one_by_one(conn, list(history))


def _starts_stream(history: History) -> bool:
    return history[0].seq == 1 and history[0].prev_hash == GENESIS_HASH


async def _stored_hashes(conn: AsyncConnection, stream_ids: Sequence[str]) -> dict[str, dict[int, str]]:
    """seq → hash of every stored event of those streams (a first import finds none). On PostgreSQL the ids go as
    one array parameter (`= ANY`): an IN list of hundreds of parameters cost more to render than to run."""
    found: dict[str, dict[int, str]] = {}
    ids = sorted(set(stream_ids))
    chunk = (len(ids) or 1) if conn.dialect.name == "postgresql" else LOOKUP_CHUNK
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        matches = (events.c.stream_id == any_(bindparam("ids", part, type_=ARRAY(String)))
                   if conn.dialect.name == "postgresql" else events.c.stream_id.in_(part))
        rows = await conn.execute(select(events.c.stream_id, events.c.seq, events.c.hash).where(matches))
        for row in rows:
            found.setdefault(str(row.stream_id), {})[int(row.seq)] = str(row.hash)
    return found
