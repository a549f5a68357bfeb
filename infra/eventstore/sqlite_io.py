"""An append on SQLite: its read through SQLAlchemy Core, its write in one call on aiosqlite's thread.

The read is one statement, built once: the stream's tail and its read models (an append continuing a tail this
store committed, or a stream's first event, does not read at all).

aiosqlite runs each driver call on its own thread and wakes the event loop for each result; through SQLAlchemy a
statement is three or four such calls (cursor, execute, fetch, close), so an append of an event and two read models
took about twenty, which was most of its CPU (B1 on the embedded store). Here the insert of the events and the
read models' upserts and deletes are one function run on that thread: on its own, a transaction of its own from
`BEGIN IMMEDIATE` to `COMMIT` (rolled back if any of it fails), so it is atomic as PostgreSQL's one write statement
is and an append needs no transaction of SQLAlchemy's (`AppendIO.atomic_write`) — one wake-up in all; inside a
caller's transaction (SQLAlchemy began it, see `infra.db.engine`), just the statements. The rows are bound by the
columns' own SQLAlchemy bind processors (times in UTC as SQLite text, JSON by the engine's serializer), so what is
stored is what an insert through SQLAlchemy stores; the driver's errors are raised as SQLAlchemy raises them (a
unique violation as its IntegrityError, so the store's race handling applies; a locked database or a full disk as
OperationalError).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import FromClause, Subquery, Table, and_, bindparam, select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.envelope import EventEnvelope
from domain.projections import StreamReadModel
from infra.db.announce import announced
from infra.db.bulk_insert import recorder
from infra.db.engine import BEGIN
from infra.db.models import case_summaries, deadlines, events, tasks
from infra.eventstore.rows import ENVELOPE_COLUMNS, to_values
from infra.eventstore.tails import StreamTail
from infra.projections.rows import changes_between, read_model_of, with_read_models

Params = tuple[Any, ...]


def _tail_of(anchor: Subquery) -> FromClause:
    return anchor.outerjoin(events, and_(events.c.stream_id == anchor.c.stream_id,
                                         events.c.seq >= bindparam("from_seq")))


# Built once, not per append (building a statement cost about as much CPU as running it).
_TAIL_AND_READ_MODELS = with_read_models(events.c.seq, events.c.hash, tail=_tail_of)


@dataclass(frozen=True)
class _Table:
    """One table's statements in SQLite's SQL, with the binding of their parameters."""

    upsert: str  # INSERT … ON CONFLICT (primary key) DO UPDATE of every other column
    names: tuple[str, ...]  # the upsert's columns, in its parameters' order
    bind: Callable[[Sequence[Any]], Params]  # values in `names` order → bound parameters
    delete: str  # DELETE of one row by its primary key (its columns in the table's order)

    @classmethod
    def of(cls, dialect: Dialect, table: Table) -> _Table:
        quote = dialect.identifier_preparer.quote
        names = tuple(column.name for column in table.columns)
        keys = [column.name for column in table.primary_key.columns]
        updates = ", ".join(f"{quote(name)} = excluded.{quote(name)}" for name in names if name not in keys)
        upsert = (f"{_insert(dialect, table, names)} "
                  f"ON CONFLICT ({', '.join(quote(key) for key in keys)}) DO UPDATE SET {updates}")
        delete = f"DELETE FROM {quote(table.name)} WHERE " + " AND ".join(f"{quote(key)} = ?" for key in keys)
        return cls(upsert, names, recorder(dialect, [table.c[name] for name in names]), delete)

    def upserted(self, rows: Sequence[dict[str, Any]]) -> tuple[str, list[Params]]:
        return self.upsert, [self.bind([row[name] for name in self.names]) for row in rows]


def _insert(dialect: Dialect, table: Table, names: Sequence[str]) -> str:
    quote = dialect.identifier_preparer.quote
    return (f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in names)}) "
            f"VALUES ({', '.join('?' for _ in names)})")


Write = list[tuple[str, list[Params]]]  # statements in order, each with its parameter rows


@dataclass(frozen=True)
class _Prepared:
    """Every statement of an append's write, in the dialect of one engine."""

    insert: str
    bind: Callable[[Sequence[Any]], Params]  # an envelope's values (`to_values`) → the insert's parameters
    summaries: _Table
    deadlines: _Table
    tasks: _Table

    @classmethod
    def of(cls, dialect: Dialect) -> _Prepared:
        return cls(_insert(dialect, events, ENVELOPE_COLUMNS),
                   recorder(dialect, [events.c[name] for name in ENVELOPE_COLUMNS]),
                   _Table.of(dialect, case_summaries), _Table.of(dialect, deadlines), _Table.of(dialect, tasks))

    def read_models(self, before: StreamReadModel, after: StreamReadModel) -> Write:
        """The statements after the events' insert: what changed of the read models (see `changes_between`)."""
        change = changes_between(before, after)
        stream_id = change.stream_id
        found: Write = []
        if change.summary is not None:
            found.append(self.summaries.upserted([change.summary]))
        elif change.summary_gone:
            found.append((self.summaries.delete, [(stream_id,)]))
        if change.deadlines_gone:
            found.append((self.deadlines.delete, [(stream_id, key) for key in change.deadlines_gone]))
        if change.deadlines:
            found.append(self.deadlines.upserted(change.deadlines))
        if change.tasks_gone:
            found.append((self.tasks.delete, [(stream_id, step, role) for step, role in change.tasks_gone]))
        if change.tasks:
            found.append(self.tasks.upserted(change.tasks))
        return found


def run_write(connection: sqlite3.Connection, insert: str, rows: list[Params], then: Write) -> int:
    """On aiosqlite's thread: the events one by one (each gives its position), then the read models' statements."""
    position = 0
    for row in rows:
        position = int(connection.execute(insert, row).lastrowid or 0)
    for sql, parameters in then:
        connection.executemany(sql, parameters)
    return position


def run_atomic_write(connection: sqlite3.Connection, insert: str, rows: list[Params], then: Write) -> int:
    """`run_write` in a transaction of its own, begun and ended in this one call: committed, or rolled back
    whatever failed (nothing is left open on the connection, even for a caller that stopped waiting)."""
    connection.execute(BEGIN)
    try:
        position = run_write(connection, insert, rows, then)
        connection.commit()
    except BaseException:
        if connection.in_transaction:
            connection.rollback()
        raise
    return position


class SqliteAppendIO:
    atomic_write = True  # without a caller's transaction, the write begins and commits its own (one call)

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._prepared: _Prepared | None = None  # on the first write (it needs the engine's dialect)

    async def read(self, conn: AsyncConnection | None, stream_id: str, from_seq: int) -> StreamTail:
        if conn is None:
            async with self._engine.connect() as own:
                return await self.read(own, stream_id, from_seq)
        rows = (await conn.execute(_TAIL_AND_READ_MODELS, {"stream_id": stream_id, "from_seq": from_seq})
                ).mappings().all()
        stored = {int(row["seq"]): str(row["hash"]) for row in rows if row["seq"] is not None}
        if stored:
            last = max(stored)
            head: tuple[int, str] | None = (last, stored[last])
        else:  # nothing at or after `from_seq`: the stream is empty, or ends before it (a gap)
            head = await stream_head(conn, stream_id) if from_seq > 0 else None
        return StreamTail(stored, head, read_model_of(stream_id, rows))

    async def write(self, conn: AsyncConnection | None, new: list[EventEnvelope], before: StreamReadModel,
                    after: StreamReadModel) -> int:
        if conn is None:
            async with self._engine.connect() as own:  # no statement through SQLAlchemy: it begins nothing
                return await self._write(own, run_atomic_write, new, before, after)
        return await self._write(conn, run_write, new, before, after)

    async def _write(self, conn: AsyncConnection, run: Callable[..., int], new: list[EventEnvelope],
                     before: StreamReadModel, after: StreamReadModel) -> int:
        prepared = self._prepared = self._prepared or _Prepared.of(conn.dialect)
        rows = [prepared.bind(to_values(env)) for env in new]
        then = prepared.read_models(before, after)
        driver = (await conn.get_raw_connection()).driver_connection  # aiosqlite's Connection
        with announced(conn.sync_connection, [(prepared.insert, rows), *then]):
            try:
                # `_execute` is aiosqlite's own way of running a call on its thread (each of its methods is one).
                return int(await driver._execute(run, driver._conn, prepared.insert, rows, then))
            except sqlite3.Error as error:  # as SQLAlchemy raises it: a unique violation is its IntegrityError
                raise DBAPIError.instance(prepared.insert, None, error, sqlite3.Error) from error


async def stream_head(conn: AsyncConnection, stream_id: str) -> tuple[int, str] | None:
    row = (await conn.execute(
        select(events.c.seq, events.c.hash)
        .where(events.c.stream_id == stream_id)
        .order_by(events.c.seq.desc())
        .limit(1))).first()
    return None if row is None else (int(row.seq), str(row.hash))
