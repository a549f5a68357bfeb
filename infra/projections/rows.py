"""A stream's read models <-> their rows (case_summaries, deadlines, tasks)."""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Insert,
    Select,
    String,
    Subquery,
    Table,
    bindparam,
    delete,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.projections import CaseSummary, DeadlineView, StreamReadModel, TaskView
from infra.db.bulk_insert import insert_many
from infra.db.models import case_summaries, deadlines, tasks

_TABLES = (case_summaries, deadlines, tasks)


def _row(view: CaseSummary | DeadlineView | TaskView) -> dict[str, Any]:
    """The view's fields as a row. Not `dataclasses.asdict`: its deep copy of every value (all scalars here)
    was most of a bulk import's read-model cost; the names and their getter are made once per view type."""
    names, values = _fields_of(type(view))
    return dict(zip(names, values(view), strict=True))


@functools.cache
def _fields_of(view_type: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """The view's field names and a getter of their values, made once per type (`dataclasses.fields` per row was
    a tenth of reading a page)."""
    names = tuple(f.name for f in dataclasses.fields(view_type))
    return names, operator.attrgetter(*names)


def _names(view: type[CaseSummary | DeadlineView | TaskView]) -> tuple[str, ...]:
    return _fields_of(view)[0]


def summary_to_row(summary: CaseSummary) -> dict[str, Any]:
    row = _row(summary)
    row["officers"] = list(summary.officers)
    return row


def summary_from_row(row: Mapping[Any, Any]) -> CaseSummary:
    values = {name: row[name] for name in _names(CaseSummary)}
    values["officers"] = tuple(values["officers"] or ())
    return CaseSummary(**values)


def deadline_from_row(row: Mapping[Any, Any]) -> DeadlineView:
    return DeadlineView(**{name: row[name] for name in _names(DeadlineView)})


def task_from_row(row: Mapping[Any, Any]) -> TaskView:
    return TaskView(**{name: row[name] for name in _names(TaskView)})


def with_read_models(*columns: ColumnElement[Any], tail: Callable[[Subquery], FromClause] | None = None
                     ) -> Select[Any]:
    """`columns` and the stream's read models in one statement: the stream id (bound as `stream_id`) LEFT JOINed to
    `tail` (what else the caller reads of the stream, e.g. its last events), its summary, deadlines and tasks. The
    rows are the product of the joined parts (a handful each per stream); `read_model_of` takes them apart. Built
    once by each caller: building it per append cost more than running it."""
    anchor = select(bindparam("stream_id", type_=String).label("stream_id")).subquery()
    joined = anchor if tail is None else tail(anchor)
    for table in _TABLES:
        joined = joined.outerjoin(table, table.c.stream_id == anchor.c.stream_id)
    labelled = (column.label(f"{table.name}__{column.name}") for table in _TABLES for column in table.columns)
    return select(*columns, *labelled).select_from(joined)


_LOAD = with_read_models()


async def load_read_model(conn: AsyncConnection, stream_id: str) -> StreamReadModel:
    """The stream's three read models, in one statement."""
    rows = (await conn.execute(_LOAD, {"stream_id": stream_id})).mappings().all()
    return read_model_of(stream_id, rows)


def read_model_of(stream_id: str, rows: Sequence[Mapping[str, Any]]) -> StreamReadModel:
    """The read models out of the rows of a `with_read_models` statement."""
    summaries, clocks, todo = (_parts(rows, table) for table in _TABLES)
    return StreamReadModel(
        stream_id=stream_id,
        summary=summary_from_row(summaries[0]) if summaries else None,
        deadlines={row["clock_key"]: deadline_from_row(row) for row in clocks},
        tasks=tuple(sorted((task_from_row(row) for row in todo), key=_task_key)),
    )


def _parts(rows: Sequence[Mapping[str, Any]], table: Table) -> list[dict[str, Any]]:
    """One table's distinct rows out of the joined ones (absent: its columns are all NULL)."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    keys = [column.name for column in table.primary_key.columns]
    for row in rows:
        part = {column.name: row[f"{table.name}__{column.name}"] for column in table.columns}
        if part["stream_id"] is not None:
            found.setdefault(tuple(part[key] for key in keys), part)
    return list(found.values())


@dataclass(frozen=True)
class ReadModelChanges:
    """What must be written to turn a stream's read models as loaded into the ones folded: rows to upsert, keys to
    delete (a step usually changes one or two read models and leaves the others as they are)."""

    stream_id: str
    summary: dict[str, Any] | None  # the summary row to upsert
    summary_gone: bool
    deadlines: list[dict[str, Any]]  # rows to upsert
    deadlines_gone: list[str]  # clock keys
    tasks: list[dict[str, Any]]  # rows to upsert
    tasks_gone: list[tuple[str, str]]  # (step, role)


def changes_between(before: StreamReadModel, after: StreamReadModel) -> ReadModelChanges:
    summary_changed = after.summary != before.summary and after.summary is not None
    old_tasks, new_tasks = set(before.tasks), set(after.tasks)
    return ReadModelChanges(
        stream_id=after.stream_id,
        summary=summary_to_row(after.summary) if summary_changed and after.summary is not None else None,
        summary_gone=after.summary is None and before.summary is not None,
        deadlines=[_row(v) for key, v in after.deadlines.items() if before.deadlines.get(key) != v],
        deadlines_gone=[key for key in before.deadlines if key not in after.deadlines],
        tasks=[_row(t) for t in sorted(new_tasks - old_tasks, key=_task_key)],
        tasks_gone=sorted({(t.step, t.role) for t in old_tasks - new_tasks} - {(t.step, t.role) for t in new_tasks}),
    )


async def save_read_model(conn: AsyncConnection, before: StreamReadModel, after: StreamReadModel) -> None:
    """Write what changed from `before` (as loaded) to `after` (as folded): upserts, and deletes of what is gone
    only (a step usually costs one statement per read model that changed, none for the others)."""
    change = changes_between(before, after)
    stream_id = change.stream_id
    if change.summary is not None:
        await _upsert(conn, case_summaries, [change.summary])
    elif change.summary_gone:
        await conn.execute(delete(case_summaries).where(case_summaries.c.stream_id == stream_id))
    if change.deadlines_gone:
        await conn.execute(delete(deadlines).where(deadlines.c.stream_id == stream_id,
                                                   deadlines.c.clock_key.in_(change.deadlines_gone)))
    if change.deadlines:
        await _upsert(conn, deadlines, change.deadlines)
    if change.tasks_gone:
        await conn.execute(delete(tasks).where(
            tasks.c.stream_id == stream_id, tuple_(tasks.c.step, tasks.c.role).in_(change.tasks_gone)))
    if change.tasks:
        await _upsert(conn, tasks, change.tasks)


def _task_key(task: TaskView) -> tuple[str, str]:
    return task.step, task.role


async def _upsert(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    await conn.execute(_upsert_statement(conn.dialect.name, table), rows)


@functools.cache
def _upsert_statement(dialect: str, table: Table) -> Insert:
    """INSERT … ON CONFLICT (primary key) DO UPDATE, in the dialect (both spell it alike); built once per table, as
    building it per append was a good part of an append's CPU."""
    dialect_insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = dialect_insert(table)
    keys = [column.name for column in table.primary_key.columns]
    return statement.on_conflict_do_update(
        index_elements=keys, set_={c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys})


async def insert_read_models(conn: AsyncConnection, models: Sequence[StreamReadModel]) -> None:
    """The read models of streams that had none, set-wise: one bulk insert per table."""
    await insert_many(conn, case_summaries, [summary_to_row(m.summary) for m in models if m.summary is not None])
    await insert_many(conn, deadlines, [_row(d) for m in models for d in m.deadlines.values()])
    await insert_many(conn, tasks, [_row(t) for m in models for t in sorted(m.tasks, key=_task_key)])
