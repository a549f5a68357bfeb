"""The building blocks of the statistics queries: the scope and period filters over the typed columns, event
ids aggregated in SQL, and measures read off one aggregate row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, FromClause, String, Table, and_, case, cast, func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Subquery

from domain.statistics.figures import Qualifier
from domain.statistics.measures import Measure
from domain.statistics.period import Period
from domain.statistics.scope import Scope
from infra.db.models import events

SEPARATOR = "\x1f"
QUALIFIER_RANK = {Qualifier.EXACT: 0, Qualifier.AT_LEAST: 1, Qualifier.APPROX: 2}
RANKED = {rank: qualifier for qualifier, rank in QUALIFIER_RANK.items()}


def worst_qualifier(column: ColumnElement[str]) -> ColumnElement[int]:
    """The rank of the least exact qualifier among the rows (`combined_qualifier`); a missing one is EXACT."""
    return func.max(case(*((column == q.value, rank) for q, rank in QUALIFIER_RANK.items()), else_=0))


def event_id(table: FromClause | Table = events) -> ColumnElement[str]:
    return table.c.stream_id + "#" + cast(table.c.seq, String)


def ids_of(column: ColumnElement[Any]) -> ColumnElement[str]:
    return func.aggregate_strings(column, SEPARATOR)


def split_ids(*texts: str | None) -> list[str]:
    return [i for text in texts if text for i in text.split(SEPARATOR) if i]


def text_of(table: FromClause | Table, key: str) -> ColumnElement[str]:
    column: ColumnElement[str] = table.c.payload[key].as_string()
    return column


def int_of(table: FromClause | Table, key: str) -> ColumnElement[int]:
    column: ColumnElement[int] = table.c.payload[key].as_integer()
    return column


@dataclass(frozen=True)
class Reader:
    """One scope, one high-water mark, one connection."""

    conn: AsyncConnection
    scope: Scope
    high_water_mark: int

    def mine(self, table: FromClause | Table = events) -> ColumnElement[bool]:
        where = table.c.unit == self.scope.unit if self.scope.unit else table.c.town.in_(sorted(self.scope.towns))
        return and_(where, table.c.position <= self.high_water_mark)

    def during(self, period: Period, table: FromClause | Table = events) -> ColumnElement[bool]:
        return and_(self.mine(table), table.c.occurred_at >= period.start, table.c.occurred_at < period.end)

    def before(self, instant: datetime, table: FromClause | Table = events) -> ColumnElement[bool]:
        return and_(self.mine(table), table.c.occurred_at < instant)

    async def row(self, query: Any) -> Any:
        return (await self.conn.execute(query)).one()

    async def rows(self, query: Any) -> Sequence[Any]:
        return (await self.conn.execute(query)).all()

    async def count_streams(self, *where: ColumnElement[bool]) -> Measure:
        """Distinct streams with a matching event; the drill-down lists every matching event."""
        row = await self.row(select(func.count(events.c.stream_id.distinct()), ids_of(event_id()))
                             .where(*where))
        return Measure.of(int(row[0]), split_ids(row[1]))

    async def sum_of(self, value: ColumnElement[Any], *where: ColumnElement[bool]) -> tuple[int, int, list[str]]:
        """(Σ value, rows, event ids) over matching events."""
        row = await self.row(select(func.coalesce(func.sum(value), 0), func.count(), ids_of(event_id()))
                             .where(*where))
        return int(row[0]), int(row[1]), split_ids(row[2])


def extracted(where: Sequence[ColumnElement[bool]], **columns: ColumnElement[Any]) -> Subquery:
    """Matching events with payload fields pulled out as named columns (`event_id` included), to group by in
    an outer query: PostgreSQL does not match a JSON expression in GROUP BY with the same one in SELECT."""
    return select(event_id().label("event_id"), *(c.label(name) for name, c in columns.items())).where(
        *where).subquery()
