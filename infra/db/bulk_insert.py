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
    if conn.dialect.name != "postgresql":
        await conn.execute(insert(table), [first, *remaining])
        return
    await _copy(conn, table, first, chain([first], remaining))


async def _copy(conn: AsyncConnection, table: Table, first: Row, rows: Iterable[Row]) -> None:
    columns = [column for column in table.columns if column.name in first]
    # A generator, not a list: asyncpg sends every half megabyte as it encodes, so the server ingests one part
    # while the next one is built.
    records = map(_recorder(conn.dialect, columns), rows)
    driver = await asyncpg_connection(conn)
    if not driver.is_in_transaction():  # a COPY outside a transaction would commit on its own
        raise RuntimeError(f"COPY into {table.name} outside a transaction")
    try:
        await driver.copy_records_to_table(table.name, records=records, columns=[c.name for c in columns])
    except UniqueViolationError as error:  # as SQLAlchemy reports it, so the callers' race handling applies
        raise IntegrityError(f"COPY {table.name}", None, error) from error


def _recorder(dialect: Dialect, columns: Sequence[Column[Any]]) -> Callable[[Row], tuple[Any, ...]]:
    """A row → its record: the values picked in C (`itemgetter`), the few with a bind processor bound."""
    names = [column.name for column in columns]
    pick = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    binds = [(index, bind) for index, column in enumerate(columns)
             if (bind := column.type.dialect_impl(dialect).bind_processor(dialect)) is not None]

    def record(row: Row) -> tuple[Any, ...]:
        values = pick(row)
        if not binds:
            return values  # type: ignore[no-any-return]
        bound = list(values)
        for index, bind in binds:
            bound[index] = bind(bound[index])
        return tuple(bound)

    return record
