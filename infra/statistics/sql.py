"""The building blocks of the statistics statements: the scope and period filters over the typed columns, the
years computed together (`Years`: the year asked and the one before, in the same scans), labelled aggregate
columns read back by label (`Aggregates`, `Found`), and event ids aggregated in SQL."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Integer, String, Table, and_, case, cast, func, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.functions import FunctionElement

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


def is_(table: FromClause | Table, *types: str) -> ColumnElement[bool]:
    column = table.c.event_type
    return column.in_(types) if len(types) > 1 else column == types[0]


def local_date(conn: AsyncConnection, instant: ColumnElement[Any]) -> ColumnElement[Any]:
    """The local (Asia/Shanghai) day of an instant, as a day number (PostgreSQL: a date) for differences and as
    ISO text for comparisons: SQLite has no time zones, and Shanghai has been UTC+8 all year since 1992."""
    if conn.dialect.name == "postgresql":
        return func.date(func.timezone("Asia/Shanghai", instant))
    return func.date(instant, "+8 hours")


def days_between(conn: AsyncConnection, first: ColumnElement[Any], then: ColumnElement[Any]) -> ColumnElement[int]:
    if conn.dialect.name == "postgresql":
        return local_date(conn, then) - local_date(conn, first)
    return cast(func.julianday(local_date(conn, then)) - func.julianday(local_date(conn, first)), Integer)


def iso_day(conn: AsyncConnection, instant: ColumnElement[Any]) -> ColumnElement[str]:
    return cast(local_date(conn, instant), String)


@dataclass(frozen=True)
class Years:
    """The periods one compute measures, oldest first: the year asked and, with the previous year, the whole
    year before it. Each statement reads both in one scan and groups its rows by `year`."""

    periods: tuple[Period, ...]

    @classmethod
    def of(cls, period: Period, *, with_previous: bool) -> Years:
        return cls((period.previous_year(), period) if with_previous else (period,))

    @property
    def current(self) -> Period:
        return self.periods[-1]

    def __iter__(self) -> Iterator[Period]:
        return iter(self.periods)

    def year(self, instant: ColumnElement[datetime]) -> ColumnElement[int]:
        """The year an instant of the window falls in (the periods are contiguous)."""
        if len(self.periods) == 1:
            return literal(self.current.year, Integer)
        return case((instant >= self.current.start, self.current.year), else_=self.periods[0].year)

    def window(self, instant: ColumnElement[datetime]) -> ColumnElement[bool]:
        return and_(instant >= self.periods[0].start, instant < self.current.end)

    def pick(self, year: ColumnElement[int], values: Mapping[int, Any], type_: Any = None) -> ColumnElement[Any]:
        """The value of the row's year (`values` by year: columns or constants of `type_`), e.g. its cut-off."""
        chosen = {y: v if isinstance(v, ColumnElement) else literal(v, type_) for y, v in values.items()}
        if len(self.periods) == 1:
            return chosen[self.current.year]
        return case((year == self.current.year, chosen[self.current.year]), else_=chosen[self.periods[0].year])


def in_scope(scope: Scope, table: FromClause | Table = events) -> ColumnElement[bool]:
    return table.c.unit == scope.unit if scope.unit else table.c.town.in_(sorted(scope.towns))


@dataclass(frozen=True)
class Reader:
    """One scope, one high-water mark, one connection."""

    conn: AsyncConnection
    scope: Scope
    high_water_mark: int

    def mine(self, table: FromClause | Table = events) -> ColumnElement[bool]:
        return and_(in_scope(self.scope, table), table.c.position <= self.high_water_mark)

    def before(self, instant: datetime, table: FromClause | Table = events) -> ColumnElement[bool]:
        return and_(self.mine(table), table.c.occurred_at < instant)

    def scanned(self, years: Years, *types: str, **extra: ColumnElement[Any]) -> FromClause:
        """The scope's events of `types` in the years' window, with their `year` (and `extra` columns)."""
        # OFFSET 0 keeps the subquery a plan node of its own: its columns (the year, `extra`) are computed once
        # per row, not once per aggregate of the outer query that reads them.
        return (select(years.year(events.c.occurred_at).label("year"), events.c.stream_id, events.c.seq,
                       events.c.event_type, events.c.stream_kind, events.c.status, events.c.fine_amount_fen,
                       events.c.violation_type, events.c.occurred_at, *(c.label(name) for name, c in extra.items()))
                .where(is_(events, *types), self.mine(), years.window(events.c.occurred_at)).offset(0)
                .subquery("e"))

    async def rows(self, query: Any) -> Sequence[Any]:
        return (await self.conn.execute(query)).all()


class Aggregates:
    """The labelled aggregate columns of one statement, each under a FILTER of its own (CASE WHEN on SQLite)."""

    def __init__(self, table: FromClause) -> None:
        self.table = table
        self.columns: dict[str, ColumnElement[Any]] = {}

    def count(self, name: str, where: ColumnElement[bool]) -> None:
        self.columns[f"{name}_n"] = func.count().filter(where)

    def events(self, name: str, where: ColumnElement[bool], ids: ColumnElement[str] | None = None) -> None:
        """Matching rows and their ids (`ids`: other ids than the rows' own)."""
        self.count(name, where)
        self.columns[f"{name}_ids"] = ids_of(event_id(self.table) if ids is None else ids).filter(where)

    def total(self, name: str, value: ColumnElement[Any], where: ColumnElement[bool]) -> None:
        self.columns[f"{name}_sum"] = func.sum(value).filter(where)

    def labelled(self) -> list[ColumnElement[Any]]:
        return [column.label(name) for name, column in self.columns.items()]


@dataclass(frozen=True)
class Found:
    """One row of an `Aggregates` statement."""

    row: Mapping[str, Any]

    def n(self, name: str) -> int:
        return int(self.row.get(f"{name}_n") or 0)

    def sum(self, name: str) -> int:
        return int(self.row.get(f"{name}_sum") or 0)

    def ids(self, name: str) -> list[str]:
        return split_ids(self.row.get(f"{name}_ids"))

    def counted(self, name: str) -> Measure:
        return Measure.of(self.n(name), self.ids(name))


def extracted(where: Sequence[ColumnElement[bool]], **columns: ColumnElement[Any]) -> FromClause:
    """Matching events with payload fields pulled out as named columns (`event_id` included), to group by in
    an outer query: PostgreSQL does not match a JSON expression in GROUP BY with the same one in SELECT."""
    return select(event_id().label("event_id"), *(c.label(name) for name, c in columns.items())).where(
        *where).subquery()


def candidate(rows: FromClause, name: str, where: ColumnElement[bool] | None, *values: str,
              extreme: Any = func.min) -> list[ColumnElement[Any]]:
    """Per group, the first (`extreme` min) or latest (max) matching event's seq, how many match, and `values` of
    the matching rows: the event's own when only one matches (nearly always), looked up by seq otherwise
    (`resolved`) — no join back to the log for each group."""
    return [_filtered(extreme(rows.c.seq), where).label(name), _filtered(func.count(), where).label(f"{name}_n"),
            *(_filtered(func.min(rows.c[v]), where).label(f"{name}_{v}") for v in values)]


def _filtered(aggregate: FunctionElement[Any], where: ColumnElement[bool] | None) -> ColumnElement[Any]:
    return aggregate if where is None else aggregate.filter(where)


def resolved(facts: FromClause, name: str, value: str, lookup: ColumnElement[Any] | None = None) -> ColumnElement[Any]:
    """A `candidate` value: the aggregate's when one event matched, else the event's at that seq (`lookup`, a
    column of `events`, default the one named `value`)."""
    found = select(events.c[value] if lookup is None else lookup).where(events.c.stream_id == facts.c.stream_id,
                                                                        events.c.seq == facts.c[name])
    return case((facts.c[f"{name}_n"] > 1, found.scalar_subquery()), else_=facts.c[f"{name}_{value}"])
