"""An append's read and write on PostgreSQL, as two prepared statements on the asyncpg driver (prepared once per
connection by asyncpg's statement cache), so an append costs at most two round trips and little Python:

- the read: the stream's head, its stored tail from the seq before the batch on, its summary, and its deadlines and
  tasks as one array per column — one row, of built-in types only;
- the write (`asyncpg_write`): one statement, so one transaction — the events and their read models commit together
  or neither does. Without a connection of the caller's (an append with no transaction of its own), writes of
  concurrent appends go together (`combined`).

Errors come back as SQLAlchemy's (`IntegrityError` for a lost race), as the store and its callers expect."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from asyncpg.exceptions import IntegrityConstraintViolationError, PostgresError
from sqlalchemy import JSON, Column
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.envelope import EventEnvelope
from domain.projections import CaseSummary, DeadlineView, StreamReadModel, TaskView
from infra.db.driver import asyncpg_connection
from infra.db.models import case_summaries, deadlines, events, tasks
from infra.eventstore.asyncpg_write import Doc, joined, statement, write_doc
from infra.eventstore.combined import CombinedWrites
from infra.eventstore.rows import ENVELOPE_COLUMNS
from infra.eventstore.tails import StreamTail
from infra.projections.rows import changes_between, summary_from_row

_POSTGRESQL = postgresql.dialect()
_EVENT_COLUMNS = [events.c[name] for name in ENVELOPE_COLUMNS]
_SUMMARY = [f.name for f in dataclasses.fields(CaseSummary)]
_DEADLINE = [f.name for f in dataclasses.fields(DeadlineView)]
_TASK = [f.name for f in dataclasses.fields(TaskView)]
_COLUMNS = {table.name: [c.name for c in table.columns] for table in (case_summaries, deadlines, tasks)}


def _q(name: str) -> str:
    return f'"{name}"'


def _array_type(column: Column[Any]) -> str:
    """The parameter's type: an array of the column's type (JSON travels as its text, cast where inserted)."""
    return "text[]" if isinstance(column.type, JSON) else f"{column.type.compile(dialect=_POSTGRESQL)}[]"


def _read_sql() -> str:
    summary = ", ".join(f"s.{_q(name)} AS s_{name}" for name in _SUMMARY)
    clocks = ", ".join(f"array_agg({_q(name)} ORDER BY clock_key) AS d_{name}" for name in _DEADLINE)
    todo = ", ".join(f"array_agg({_q(name)} ORDER BY step, role) AS t_{name}" for name in _TASK)
    return (
        f"SELECT h.seq AS head_seq, h.hash AS head_hash, tail.seqs, tail.hashes, {summary}, d.*, t.* "
        "FROM (SELECT 1) AS one "
        "LEFT JOIN LATERAL (SELECT seq, hash FROM events WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1) AS h "
        "ON true "
        "CROSS JOIN (SELECT array_agg(seq ORDER BY seq) AS seqs, array_agg(hash ORDER BY seq) AS hashes "
        "FROM events WHERE stream_id = $1 AND seq >= $2) AS tail "
        "LEFT JOIN case_summaries AS s ON s.stream_id = $1 "
        f"CROSS JOIN (SELECT {clocks} FROM deadlines WHERE stream_id = $1) AS d "
        f"CROSS JOIN (SELECT {todo} FROM tasks WHERE stream_id = $1) AS t")


READ = _read_sql()


async def run_write(conn: AsyncConnection, doc: Doc) -> dict[str, int]:
    """Run the write statement: the last log position written, by stream."""
    sql, args = statement(doc)
    rows = await _run(conn, "fetch", sql, *args)
    return {str(stream_id): int(position) for stream_id, position in rows}


def _model_of(stream_id: str, row: Mapping[str, Any]) -> StreamReadModel:
    summary = summary_from_row({name: row[f"s_{name}"] for name in _SUMMARY}) if row["s_stream_id"] else None
    clocks = [DeadlineView(*values) for values in zip(*(row[f"d_{name}"] or () for name in _DEADLINE), strict=True)]
    todo = [TaskView(*values) for values in zip(*(row[f"t_{name}"] or () for name in _TASK), strict=True)]
    return StreamReadModel(stream_id=stream_id, summary=summary, deadlines={d.clock_key: d for d in clocks},
                           tasks=tuple(todo))


class AsyncpgAppendIO:
    atomic_write = True

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._writes: CombinedWrites[Doc] = CombinedWrites(engine, run_write, joined)

    async def read(self, conn: AsyncConnection | None, stream_id: str, from_seq: int) -> StreamTail:
        if conn is None:
            async with self._engine.connect() as own:
                return await self.read(own, stream_id, from_seq)
        row = await _run(conn, "fetchrow", READ, stream_id, from_seq)
        stored = dict(zip(row["seqs"] or (), row["hashes"] or (), strict=True))
        head = None if row["head_seq"] is None else (row["head_seq"], row["head_hash"])
        return StreamTail(stored, head, _model_of(stream_id, row))

    async def write(self, conn: AsyncConnection | None, new: list[EventEnvelope], before: StreamReadModel,
                    after: StreamReadModel) -> int:
        doc = write_doc(self._engine.dialect, new, changes_between(before, after))
        if conn is None:
            return await self._writes.write(after.stream_id, doc)
        return (await run_write(conn, doc))[after.stream_id]


async def _run(conn: AsyncConnection, method: str, sql: str, *args: Any) -> Any:
    driver = await asyncpg_connection(conn)
    try:
        return await getattr(driver, method)(sql, *args)
    except IntegrityConstraintViolationError as error:  # a lost race, as SQLAlchemy would report it
        raise IntegrityError(sql, None, error) from error
    except PostgresError as error:
        raise DBAPIError(sql, None, error) from error
