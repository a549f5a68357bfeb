"""An append's read and write on PostgreSQL, as two prepared statements on the asyncpg driver (prepared once per
connection by asyncpg's statement cache), so an append costs two round trips and little Python:

- the read: the stream's head, its stored tail from the seq before the batch on, its summary, and its deadlines and
  tasks as one array per column — one row, of built-in types only (nothing for asyncpg to introspect);
- the write: one statement whose data-modifying CTEs insert the events and upsert or delete what changed of the read
  models, every part fed by arrays (`unnest`), so its text is the same for any number of rows and any changes.

One statement is one transaction: the events and their read models commit together, or neither does. Values are
bound through the columns' own SQLAlchemy bind processors (JSON through the engine's serializer, times checked and
in UTC), so the rows are the ones the SQLAlchemy path (`core_io`) stores. Errors come back as SQLAlchemy's
(`IntegrityError` for a lost race), as the store and its callers expect."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from asyncpg.exceptions import IntegrityConstraintViolationError, PostgresError
from sqlalchemy import JSON, Column, Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.envelope import EventEnvelope
from domain.projections import CaseSummary, DeadlineView, StreamReadModel, TaskView
from infra.db.driver import asyncpg_connection
from infra.db.models import case_summaries, deadlines, events, tasks
from infra.eventstore.combined import CombinedWrites
from infra.eventstore.rows import ENVELOPE_COLUMNS, to_row
from infra.eventstore.tails import StreamTail
from infra.projections.rows import ReadModelChanges, changes_between, summary_from_row

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


class _Params:
    """Numbers the write statement's parameters as its parts are spelled out."""

    def __init__(self) -> None:
        self.count = 0

    def next(self, sql_type: str) -> str:
        self.count += 1
        return f"${self.count}::{sql_type}"

    def keys(self, *names: str) -> str:
        """`(names) IN (rows given as one array per column)`."""
        arrays = ", ".join(self.next("text[]") for _ in names)
        return f"({', '.join(names)}) IN (SELECT * FROM unnest({arrays}))"


def _insert_from_arrays(table: Table, columns: Sequence[Column[Any]], params: _Params) -> str:
    """INSERT of the rows given as one array per column (in `columns` order)."""
    arrays = ", ".join(params.next(_array_type(c)) for c in columns)
    names = ", ".join(_q(c.name) for c in columns)
    values = ", ".join(f"u.{_q(c.name)}::json" if isinstance(c.type, JSON) else f"u.{_q(c.name)}" for c in columns)
    return f"INSERT INTO {table.name} ({names}) SELECT {values} FROM unnest({arrays}) AS u({names})"


def _upsert_from_arrays(table: Table, params: _Params) -> str:
    keys = [c.name for c in table.primary_key.columns]
    updates = ", ".join(f"{_q(c.name)} = EXCLUDED.{_q(c.name)}" for c in table.columns if c.name not in keys)
    return (f"{_insert_from_arrays(table, list(table.columns), params)} "
            f"ON CONFLICT ({', '.join(_q(k) for k in keys)}) DO UPDATE SET {updates}")


def _write_sql() -> str:
    """Any number of streams' appends (each stream once): every part takes rows of several streams alike."""
    p = _Params()
    parts = {
        "new_events": f"{_insert_from_arrays(events, _EVENT_COLUMNS, p)} RETURNING stream_id, position",
        "summary_up": _upsert_from_arrays(case_summaries, p),
        "summary_gone": f"DELETE FROM case_summaries WHERE {p.keys('stream_id')}",
        "deadlines_gone": f"DELETE FROM deadlines WHERE {p.keys('stream_id', 'clock_key')}",
        "deadlines_up": _upsert_from_arrays(deadlines, p),
        "tasks_gone": f"DELETE FROM tasks WHERE {p.keys('stream_id', 'step', 'role')}",
        "tasks_up": _upsert_from_arrays(tasks, p),
    }
    ctes = ", ".join(f"{name} AS ({sql})" for name, sql in parts.items())
    return f"WITH {ctes} SELECT stream_id, max(position) FROM new_events GROUP BY stream_id"


READ = _read_sql()
WRITE = _write_sql()
Bind = Callable[[Any], Any] | None


@functools.cache
def _binds(dialect: Dialect, table: Table) -> dict[str, Bind]:
    """Each column's bind processor in the dialect (None: the value goes as it is)."""
    return {c.name: c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.columns}


def _arrays(dialect: Dialect, table: Table, names: Sequence[str], rows: Sequence[Mapping[str, Any]]
            ) -> Iterator[list[Any]]:
    """The rows as one array per column, each value bound as SQLAlchemy binds it."""
    if not rows:  # most appends change one or two read models: the others' arrays are empty
        yield from ([] for _ in names)
        return
    binds = _binds(dialect, table)
    for name in names:
        bind = binds[name]
        yield [row[name] for row in rows] if bind is None else [bind(row[name]) for row in rows]


def write_args(dialect: Dialect, new: Sequence[EventEnvelope], change: ReadModelChanges) -> list[list[Any]]:
    """The write statement's arrays for one stream's append (several appends' arrays, joined, write them all)."""
    stream_id = change.stream_id
    summaries = [change.summary] if change.summary is not None else []
    return [
        *_arrays(dialect, events, ENVELOPE_COLUMNS, [to_row(env) for env in new]),
        *_arrays(dialect, case_summaries, _COLUMNS[case_summaries.name], summaries),
        [stream_id] if change.summary_gone else [],
        [stream_id] * len(change.deadlines_gone), change.deadlines_gone,
        *_arrays(dialect, deadlines, _COLUMNS[deadlines.name], change.deadlines),
        [stream_id] * len(change.tasks_gone), [step for step, _ in change.tasks_gone],
        [role for _, role in change.tasks_gone],
        *_arrays(dialect, tasks, _COLUMNS[tasks.name], change.tasks),
    ]


async def run_write(conn: AsyncConnection, args: Sequence[list[Any]]) -> dict[str, int]:
    """Run the write statement: the last log position written, by stream."""
    return {str(stream_id): int(position) for stream_id, position in await _run(conn, "fetch", WRITE, *args)}


def _model_of(stream_id: str, row: Mapping[str, Any]) -> StreamReadModel:
    summary = summary_from_row({name: row[f"s_{name}"] for name in _SUMMARY}) if row["s_stream_id"] else None
    clocks = [DeadlineView(*values) for values in zip(*(row[f"d_{name}"] or () for name in _DEADLINE), strict=True)]
    todo = [TaskView(*values) for values in zip(*(row[f"t_{name}"] or () for name in _TASK), strict=True)]
    return StreamReadModel(stream_id=stream_id, summary=summary, deadlines={d.clock_key: d for d in clocks},
                           tasks=tuple(todo))


class AsyncpgAppendIO:
    one_statement_write = True

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._writes = CombinedWrites(engine, run_write)

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
        args = write_args(self._engine.dialect, new, changes_between(before, after))
        if conn is None:
            return await self._writes.write(after.stream_id, args)
        return (await run_write(conn, args))[after.stream_id]


async def _run(conn: AsyncConnection, method: str, sql: str, *args: Any) -> Any:
    driver = await asyncpg_connection(conn)
    try:
        return await getattr(driver, method)(sql, *args)
    except IntegrityConstraintViolationError as error:  # a lost race, as SQLAlchemy would report it
        raise IntegrityError(sql, None, error) from error
    except PostgresError as error:
        raise DBAPIError(sql, None, error) from error
