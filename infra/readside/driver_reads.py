"""The read side's per-stream reads on PostgreSQL, sent on the asyncpg connection as prepared statements.

A case's detail was two such reads (its summary, its timeline; now one, `case_detail`); through SQLAlchemy's
execution and result layers they were about a third of the request's CPU (statement cache look-up, execution
context, cursor adapter, result metadata and rows), against asyncpg's own work. Here each statement is compiled by
SQLAlchemy once, run by asyncpg (which keeps it prepared per connection), and each value goes through its column's
own result processor (times as aware UTC), so the rows are the ones SQLAlchemy returns. Run on the connection the
read scope opened, inside its transaction; the statement is announced to the engine's cursor listeners (tracing,
statement counts).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from infra.db.announce import announced
from infra.db.driver import asyncpg_connection

Row = dict[str, Any]


@dataclass(frozen=True)
class DriverRead:
    sql: str
    binds: tuple[str, ...]  # the parameters' names, in their positional order
    names: tuple[str, ...]  # the result's columns
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]  # (column index, its result processor)

    @classmethod
    def of(cls, statement: Select[Any], dialect: Dialect) -> DriverRead:
        compiled = statement.compile(dialect=dialect)
        columns = list(statement.selected_columns)
        processors = tuple((index, processor) for index, column in enumerate(columns)
                           if (processor := column.type.dialect_impl(dialect).result_processor(dialect, None)))
        return cls(compiled.string, tuple(compiled.positiontup or ()), tuple(c.name for c in columns), processors)

    async def rows(self, conn: AsyncConnection, parameters: Mapping[str, Any]) -> list[Row]:
        arguments = tuple(parameters[name] for name in self.binds)
        driver = await asyncpg_connection(conn)
        with announced(conn.sync_connection, [(self.sql, arguments)], executemany=False):
            records = await driver.fetch(self.sql, *arguments)
        return [self._row(record) for record in records]

    def _row(self, record: Any) -> Row:
        values = list(record)
        for index, process in self.processors:
            values[index] = process(values[index])
        return dict(zip(self.names, values, strict=True))


_COMPILED: dict[tuple[Hashable, type], DriverRead] = {}


def driver_read(key: Hashable, statement: Callable[[], Select[Any]], dialect: Dialect) -> DriverRead:
    """The read `key` names, compiled once per dialect class (not per engine: an engine's dialect is its own)."""
    found = _COMPILED.get((key, type(dialect)))
    if found is None:
        found = _COMPILED[(key, type(dialect))] = DriverRead.of(statement(), dialect)
    return found
