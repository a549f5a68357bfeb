"""The append's write on PostgreSQL: one statement whose data-modifying CTEs insert the events and upsert or delete
what changed of the read models, for any number of streams' appends at once (each stream once).

The rows of each part travel as one JSON array (one parameter per part), taken apart on the server by
`json_populate_recordset` against the tables' own row types: the driver encodes a few strings instead of an array
per column (checking every element of every array was most of an append's client CPU), and the statement's text
is the same for any number of rows and any kind of change. A JSON column's value is stored as the text of its
place in the array, which is the engine's serializer's text for that value (the same encoder, nested), so the rows
are the ones the SQLAlchemy path and COPY store; times go through the columns' bind processors first (aware, UTC),
as they would bound."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import JSON, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from domain.envelope import EventEnvelope
from infra.db.models import case_summaries, deadlines, events, tasks
from infra.eventstore.rows import ENVELOPE_COLUMNS, to_row
from infra.json_text import dumps
from infra.projections.rows import ReadModelChanges

Doc = dict[str, list[dict[str, Any]]]  # part of the write → its rows


def _q(name: str) -> str:
    return f'"{name}"'


def _insert(table: Table, rows: str, names: Sequence[str]) -> str:
    columns = ", ".join(_q(name) for name in names)
    return (f"INSERT INTO {table.name} ({columns}) "
            f"SELECT {columns} FROM json_populate_recordset(NULL::{table.name}, {rows})")


def _upsert(table: Table, rows: str) -> str:
    keys = [c.name for c in table.primary_key.columns]
    updates = ", ".join(f"{_q(c.name)} = EXCLUDED.{_q(c.name)}" for c in table.columns if c.name not in keys)
    return (f"{_insert(table, rows, [c.name for c in table.columns])} "
            f"ON CONFLICT ({', '.join(_q(k) for k in keys)}) DO UPDATE SET {updates}")


def _delete(table: Table, rows: str) -> str:
    keys = ", ".join(_q(c.name) for c in table.primary_key.columns)
    return (f"DELETE FROM {table.name} WHERE ({keys}) IN "
            f"(SELECT {keys} FROM json_populate_recordset(NULL::{table.name}, {rows}))")


_STATEMENTS: dict[str, Callable[[str], str]] = {  # part → its statement, given the parameter of its rows
    "events": lambda rows: f"{_insert(events, rows, ENVELOPE_COLUMNS)} RETURNING stream_id, position",
    "summaries": lambda rows: _upsert(case_summaries, rows),
    "summaries_gone": lambda rows: _delete(case_summaries, rows),
    "deadlines": lambda rows: _upsert(deadlines, rows),
    "deadlines_gone": lambda rows: _delete(deadlines, rows),
    "tasks": lambda rows: _upsert(tasks, rows),
    "tasks_gone": lambda rows: _delete(tasks, rows),
}
PARTS = tuple(_STATEMENTS)


@functools.cache
def write_sql(parts: tuple[str, ...]) -> str:
    """The statement writing those parts (the events always among them; a part with no rows is left out, so a step
    that changes one read model costs the server two parts, not seven). Each shape is one prepared statement."""
    ctes = ", ".join(f"written_{part} AS ({_STATEMENTS[part](f'${n}::json')})"
                     for n, part in enumerate(parts, start=1))
    return f"WITH {ctes} SELECT stream_id, max(position) FROM written_events GROUP BY stream_id"


Convert = Callable[[Any], Any]


@functools.cache
def _converters(dialect: Dialect, table: Table) -> dict[str, Convert]:
    """For each column of times or dates: the value bound as SQLAlchemy binds it (aware, in UTC), as ISO text (the
    one kind of column value JSON cannot carry as it is; the rest go in as they are)."""
    found: dict[str, Convert] = {}
    for column in table.columns:
        base = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
        if not isinstance(base, JSON) and issubclass(base.python_type, date):
            found[column.name] = _iso(column.type.dialect_impl(dialect).bind_processor(dialect))
    return found


def _iso(bind: Convert | None) -> Convert:
    def convert(value: Any) -> Any:
        bound = value if bind is None else bind(value)
        return None if bound is None else bound.isoformat()
    return convert


def _bound(dialect: Dialect, table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """`row` (a fresh one, made for this write) with its times and dates converted, in place."""
    for name, convert in _converters(dialect, table).items():
        if name in row:
            row[name] = convert(row[name])
    return row


def write_doc(dialect: Dialect, new: Sequence[EventEnvelope], change: ReadModelChanges) -> Doc:
    """One stream's append as rows of the write's parts (several appends' docs, joined, write them all)."""
    stream_id = change.stream_id
    return {
        "events": [_bound(dialect, events, to_row(env)) for env in new],
        "summaries": [] if change.summary is None else [_bound(dialect, case_summaries, change.summary)],
        "summaries_gone": [{"stream_id": stream_id}] if change.summary_gone else [],
        "deadlines": [_bound(dialect, deadlines, row) for row in change.deadlines],
        "deadlines_gone": [{"stream_id": stream_id, "clock_key": key} for key in change.deadlines_gone],
        "tasks": [_bound(dialect, tasks, row) for row in change.tasks],
        "tasks_gone": [{"stream_id": stream_id, "step": step, "role": role} for step, role in change.tasks_gone],
    }


def joined(docs: Sequence[Doc]) -> Doc:
    return {part: [row for doc in docs for row in doc[part]] for part in PARTS}


def statement(doc: Doc) -> tuple[str, list[str]]:
    """The statement for the parts with rows, and its parameters: each part's rows as JSON, by the engine's own
    serializer."""
    parts = tuple(part for part in PARTS if doc[part])
    return write_sql(parts), [dumps(doc[part]) for part in parts]
