"""Appending to and reading from the log.

An append is all-or-nothing and carries the read models with it (same transaction). It is idempotent: offering
again an event that is stored with the same hash is a no-op (a retried activity), while different content for a
stored (stream_id, seq) is an alarm — `AppendConflict`, recorded durably in `append_alarms` — never an overwrite.
The (stream_id, seq) unique constraint decides races between concurrent appenders.

How it reads and writes is the dialect's (`tails.AppendIO`): on SQLite the read through SQLAlchemy Core and the
write as one call on the driver's thread, BEGIN to COMMIT (`sqlite_io`); on PostgreSQL prepared statements on the
driver (`asyncpg_io`), the write one statement, concurrent ones together (`combined`). Either write is atomic on
its own, so an append that writes nothing else needs no transaction of SQLAlchemy's. An append continuing the
tail this store last committed, or a stream's first event, skips the read (`tails.CommittedTails`); the checks in
between are the same on every path.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.envelope import GENESIS_HASH, EventEnvelope
from domain.projections import StreamReadModel
from infra.db.models import append_alarms, events
from infra.eventstore.asyncpg_io import AsyncpgAppendIO
from infra.eventstore.bulk import BulkOutcome, append_histories
from infra.eventstore.checks import StoredConflict, check_batch, check_histories, refuse_conflicts
from infra.eventstore.errors import AppendConflict, ChainMismatch
from infra.eventstore.rows import from_row, select_envelopes
from infra.eventstore.sqlite_io import SqliteAppendIO, stream_head
from infra.eventstore.tails import AppendIO, CommittedTails
from infra.projections.projector import Projector

MAX_RACE_RETRIES = 3
TAILS_REMEMBERED = 4_096  # streams whose committed tail an append may continue without reading it
Outcome = TypeVar("Outcome")


@dataclass(frozen=True)
class AppendOutcome:
    stream_id: str
    appended: tuple[int, ...]  # seqs written by this call
    already_stored: tuple[int, ...]  # seqs found stored with the same hash (a retry)
    head_seq: int
    head_hash: str
    last_position: int | None  # log position of the last event written by this call

    @property
    def was_noop(self) -> bool:
        return not self.appended


def _utc_now() -> datetime:
    return datetime.now(UTC)


class EventStore:
    def __init__(
        self, engine: AsyncEngine, projector: Projector, *, clock: Callable[[], datetime] = _utc_now
    ) -> None:
        self.engine = engine
        self.projector = projector
        self._clock = clock  # only for the alarm's raised_at; events carry their own times
        self._io: AppendIO = AsyncpgAppendIO(engine) if engine.dialect.name == "postgresql" else SqliteAppendIO(engine)
        # An append that writes nothing but its atomic write runs without a transaction of SQLAlchemy's (see
        # `AppendIO.atomic_write`); a notifying projector writes more, in the same transaction.
        self._own_transaction = not self._io.atomic_write or projector.notifier is not None
        self._committed = CommittedTails(TAILS_REMEMBERED)

    # --- writing -------------------------------------------------------------------------------------------

    async def append(self, envelopes: Sequence[EventEnvelope]) -> AppendOutcome:
        batch = list(envelopes)
        check_batch(batch)
        outcome, after = await self._transaction(lambda conn: self._append(conn, batch, self._committed),
                                                 begin=self._own_transaction)
        self._committed.remember((outcome.head_seq, outcome.head_hash), after)  # committed now
        return outcome

    async def append_many(self, histories: Sequence[Sequence[EventEnvelope]], *, rehash: bool = True) -> BulkOutcome:
        """Many streams' histories in one transaction, all of them or none, new streams written in bulk (see
        `bulk`); `rehash=False` when the caller sealed the envelopes itself (see `check_batch`)."""
        batches = [list(history) for history in histories]
        check_histories(batches, rehash=rehash)
        return await self._transaction(lambda conn: append_histories(conn, batches, self.projector, self._counted))

    async def _transaction(self, work: Callable[[AsyncConnection | None], Awaitable[Outcome]], *,
                           begin: bool = True) -> Outcome:
        """Run `work` in a transaction of its own (`begin=False`: with no connection — its read and its atomic write
        take pooled connections of their own, see `AppendIO`); a conflict is recorded as an alarm, a
        lost race retried."""
        for attempt in range(MAX_RACE_RETRIES):
            try:
                if begin:
                    async with self.engine.begin() as conn:
                        return await work(conn)
                return await work(None)
            except StoredConflict as conflict:
                await self._record_alarm(conflict.stored_hash, conflict.envelope)
                raise AppendConflict(conflict.envelope.stream_id, conflict.envelope.seq,
                                     conflict.stored_hash, conflict.envelope.hash) from None
            except IntegrityError:
                # Another appender wrote one of these seqs first; look again: a retry or a conflict.
                if attempt == MAX_RACE_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    async def _counted(self, conn: AsyncConnection, batch: list[EventEnvelope]) -> tuple[int, int]:
        outcome, _ = await self._append(conn, batch)
        return len(outcome.appended), len(outcome.already_stored)

    async def append_within(self, conn: AsyncConnection, envelopes: Sequence[EventEnvelope]) -> AppendOutcome:
        """Append inside the caller's transaction, with what it writes besides (a generated document and its
        number): all of it commits or none. A race shows as IntegrityError for the caller to retry; a stored
        event offered with other content as AppendConflict (no alarm row: the caller's transaction rolls back)."""
        batch = list(envelopes)
        check_batch(batch)
        try:
            outcome, _ = await self._append(conn, batch)
            return outcome
        except StoredConflict as conflict:
            raise AppendConflict(conflict.envelope.stream_id, conflict.envelope.seq, conflict.stored_hash,
                                 conflict.envelope.hash) from None

    async def _append(self, conn: AsyncConnection | None, batch: list[EventEnvelope],
                      committed: CommittedTails | None = None) -> tuple[AppendOutcome, StreamReadModel]:
        """Append `batch`; the outcome and the stream's read models after it."""
        first = batch[0]
        stream_id = first.stream_id
        # One read for three questions: what of the batch is stored already (a retry, or a conflict), the head the
        # first new event must follow, and the read models the new events fold into — none if the batch continues
        # the tail last committed here (see `CommittedTails`).
        tail = committed.continued_by(batch) if committed is not None else None
        if tail is None:
            tail = await self._io.read(conn, stream_id, first.seq - 1)
        stored = tail.stored
        refuse_conflicts(batch, stored)
        present = tuple(env.seq for env in batch if env.seq in stored)
        new = [env for env in batch if env.seq not in stored]
        head_seq, head_hash = tail.head or (0, GENESIS_HASH)
        if not new:
            return AppendOutcome(stream_id, (), present, head_seq, head_hash, None), tail.model
        start = new[0]
        if start.seq != head_seq + 1:
            raise ChainMismatch(stream_id, start.seq, f"the stream's head is seq {head_seq}; "
                                                      f"the next event must be seq {head_seq + 1} (gap)")
        if start.prev_hash != head_hash:
            raise ChainMismatch(stream_id, start.seq, f"prev_hash {start.prev_hash} does not match "
                                                      f"the stored head's hash {head_hash}")
        after = self.projector.fold(tail.model, new)
        try:
            position = await self._io.write(conn, new, tail.model, after)
        except IntegrityError:
            if committed is not None:
                committed.forget(stream_id)  # another appender moved the head: the retry reads the stream
            raise
        if self.projector.notifier is not None:
            assert conn is not None, "a notifying projector's appends run in a transaction (see __init__)"
            await self.projector.notify(conn, new, after)
        outcome = AppendOutcome(stream_id, tuple(env.seq for env in new), present, new[-1].seq, new[-1].hash,
                                position)
        return outcome, after

    async def _record_alarm(self, stored_hash: str, env: EventEnvelope) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(insert(append_alarms).values(
                stream_id=env.stream_id, seq=env.seq, stored_hash=stored_hash, attempted_hash=env.hash,
                attempted={**env.hashed_content(), "hash": env.hash}, raised_at=self._clock()))

    # --- reading -------------------------------------------------------------------------------------------

    async def load_stream(self, stream_id: str, *, after_seq: int = 0) -> list[EventEnvelope]:
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select_envelopes()
                .where(events.c.stream_id == stream_id, events.c.seq > after_seq)
                .order_by(events.c.seq))
            return [from_row(row) for row in rows.mappings()]

    async def head_within(self, conn: AsyncConnection, stream_id: str) -> tuple[int, str] | None:
        """The stream's head as the caller's transaction sees it (to seal what `append_within` will append)."""
        return await stream_head(conn, stream_id)

    async def stream_head(self, stream_id: str) -> tuple[int, str] | None:
        async with self.engine.connect() as conn:
            return await stream_head(conn, stream_id)
