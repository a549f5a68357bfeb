"""Inserting many rows of one table at once, in the connection's dialect and inside its transaction: COPY on
PostgreSQL (asyncpg's binary `copy_records_to_table` on the SQLAlchemy connection's own driver connection),
executemany on SQLite. Each value goes through the column type's bind processor of the dialect, as an INSERT
through SQLAlchemy would bind it (JSON through the engine's serializer, times in UTC), so the rows stored are the
ones the one-by-one path stores."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

from asyncpg.exceptions import UniqueViolationError
from sqlalchemy import Column, Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from infra.db.driver import asyncpg_connection

Row = Mapping[str, Any]


async def insert_many(conn: AsyncConnection, table: Table, rows: Iterable[Row]) -> None:
    """Insert `rows` (all with the same keys; columns left out take their defaults, e.g. the log position). They
    may be a generator: on PostgreSQL each row is made as COPY sends it."""
    remaining = iter(rows)
    first = next(remaining, None)
    if first is None:
        return
    names = [column.name for column in table.columns if column.name in first]
    await insert_values(conn, table, names, map(_picker(names), chain([first], remaining)))


async def insert_values(conn: AsyncConnection, table: Table, names: Sequence[str],
                        values: Iterable[Sequence[Any]]) -> None:
    """Insert rows given as their values in the order of `names` (no mapping made per row on PostgreSQL)."""
    remaining = iter(values)
    first = next(remaining, None)
    if first is None:
        return
    rows = chain([first], remaining)
    if conn.dialect.name != "postgresql":
        await conn.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
        return
    await _copy(conn, table, names, rows)


async def _copy(conn: AsyncConnection, table: Table, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    # A generator, not a list: asyncpg sends every half megabyte as it encodes, so the server ingests one part
    # while the next one is built.
    records = map(recorder(conn.dialect, [table.c[name] for name in names]), rows)
    driver = await asyncpg_connection(conn)
    if not driver.is_in_transaction():  # a COPY outside a transaction would commit on its own
        raise RuntimeError(f"COPY into {table.name} outside a transaction")
    try:
        await driver.copy_records_to_table(table.name, records=records, columns=list(names))
    except UniqueViolationError as error:  # as SQLAlchemy reports it, so the callers' race handling applies
        raise IntegrityError(f"COPY {table.name}", None, error) from error


def _picker(names: Sequence[str]) -> Callable[[Row], Sequence[Any]]:
    """A row → its values in the order of `names`, picked in C (`itemgetter`)."""
    if len(names) == 1:
        return lambda row: (row[names[0]],)
    return itemgetter(*names)


def recorder(dialect: Dialect, columns: Sequence[Column[Any]]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """A row's values (in the order of `columns`) → the parameters the driver is given: the few with a bind
    processor bound by it, as SQLAlchemy binds them."""
    binds = [(index, bind) for index, column in enumerate(columns)
             if (bind := column.type.dialect_impl(dialect).bind_processor(dialect)) is not None]

    def record(values: Sequence[Any]) -> tuple[Any, ...]:
        if not binds:
            return tuple(values)
        bound = list(values)
        for index, bind in binds:
            bound[index] = bind(bound[index])
        return tuple(bound)

    return record
