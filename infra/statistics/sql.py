"""The building blocks of the statistics statements: the scope and period filters over the typed columns, the
years computed together (`Years`: the year asked and the one before, in the same scans), labelled aggregate
columns read back by label (`Aggregates`, `Found`), and event ids aggregated in SQL. The values a statement
depends on — the scope, the periods' limits, the high-water mark — are bind parameters, so each statement is
built once per shape and reused (`built`, `Reader.rows`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Executable,
    FromClause,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
)
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
class Bound:
    """A period as a built statement sees it: its year (in labels and the `year` column) and its limits as bind
    parameters named by the year, bound at each execution (`Years.values`): a statement is built once per shape
    and reused with other limits and another high-water mark."""

    year: int

    @property
    def start(self) -> BindParameter[datetime]:
        return bindparam(f"start{self.year}", type_=events.c.occurred_at.type)

    @property
    def end(self) -> BindParameter[datetime]:
        return bindparam(f"end{self.year}", type_=events.c.occurred_at.type)

    @property
    def as_of(self) -> BindParameter[str]:
        """The last day counted, as ISO text."""
        return bindparam(f"as_of{self.year}", type_=String)

    @property
    def first_day(self) -> BindParameter[str]:
        """Jan 1, as ISO text."""
        return bindparam(f"first_day{self.year}", type_=String)


@dataclass(frozen=True)
class Years:
    """The periods one compute measures, oldest first: the year asked and, with the previous year, the whole
    year before it. Each statement reads both in one scan and groups its rows by `year`; statements see them as
    `Bound`s (iterating gives those), their values are bound at execution."""

    periods: tuple[Period, ...]

    @classmethod
    def of(cls, period: Period, *, with_previous: bool) -> Years:
        return cls((period.previous_year(), period) if with_previous else (period,))

    @property
    def current(self) -> Bound:
        return Bound(self.periods[-1].year)

    @property
    def key(self) -> tuple[int, ...]:
        """What a statement built for these years depends on: the years themselves (in its labels)."""
        return tuple(p.year for p in self.periods)

    def values(self) -> dict[str, Any]:
        return {name: value for p in self.periods for name, value in (
            (f"start{p.year}", p.start), (f"end{p.year}", p.end), (f"as_of{p.year}", p.as_of.isoformat()),
            (f"first_day{p.year}", p.first_day.isoformat()))}

    def __iter__(self) -> Iterator[Bound]:
        return iter(tuple(Bound(p.year) for p in self.periods))

    def year(self, instant: ColumnElement[datetime]) -> ColumnElement[int]:
        """The year an instant of the window falls in (the periods are contiguous)."""
        if len(self.periods) == 1:
            return literal(self.current.year, Integer)
        return case((instant >= self.current.start, self.current.year), else_=self.periods[0].year)

    def window(self, instant: ColumnElement[datetime]) -> ColumnElement[bool]:
        return and_(instant >= Bound(self.periods[0].year).start, instant < self.current.end)

    def pick(self, year: ColumnElement[int], values: Mapping[int, Any], type_: Any = None) -> ColumnElement[Any]:
        """The value of the row's year (`values` by year: columns or constants of `type_`), e.g. its cut-off."""
        chosen = {y: v if isinstance(v, ColumnElement) else literal(v, type_) for y, v in values.items()}
        if len(self.periods) == 1:
            return chosen[self.current.year]
        return case((year == self.current.year, chosen[self.current.year]), else_=chosen[self.periods[0].year])


HIGH_WATER_MARK = "high_water_mark"
SCOPE_TOWNS, SCOPE_UNIT = "scope_towns", "scope_unit"


def in_scope(scope: Scope, table: FromClause | Table = events) -> ColumnElement[bool]:
    """The scope's events: its unit's, or its towns' (bind parameters: `scope_values`)."""
    if scope.unit:
        return table.c.unit == bindparam(SCOPE_UNIT, type_=events.c.unit.type)
    return table.c.town.in_(bindparam(SCOPE_TOWNS, expanding=True, type_=events.c.town.type))


def scope_values(scope: Scope) -> dict[str, Any]:
    return {SCOPE_UNIT: scope.unit} if scope.unit else {SCOPE_TOWNS: sorted(scope.towns)}


_BUILT: dict[tuple[Any, ...], Any] = {}
_BUILT_LIMIT = 256  # shapes: a few statements × dialect × scope kind × years asked × options


def built(key: tuple[Any, ...], build: Callable[[], Executable]) -> Executable:
    """The statement of `key` (everything its structure depends on), built at its first use. Building one and
    SQLAlchemy's cache key of a new statement cost more than the scans at town scale."""
    statement = _BUILT.get(key)
    if statement is None:
        if len(_BUILT) >= _BUILT_LIMIT:
            _BUILT.clear()
        statement = _BUILT[key] = build()
    return statement


@dataclass(frozen=True)
class Reader:
    """One scope, one high-water mark, one connection, the years measured; builds each statement once per
    shape (`rows`) and binds these values to it."""

    conn: AsyncConnection
    scope: Scope
    high_water_mark: int
    years: Years

    def mine(self, table: FromClause | Table = events) -> ColumnElement[bool]:
        mark = bindparam(HIGH_WATER_MARK, type_=events.c.position.type)
        return and_(in_scope(self.scope, table), table.c.position <= mark)

    def before(self, instant: ColumnElement[datetime], table: FromClause | Table = events) -> ColumnElement[bool]:
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

    async def rows(self, key: tuple[Any, ...], build: Callable[[], Executable]) -> Sequence[Any]:
        """The rows of the statement `build` makes (`key`: what its structure depends on besides the dialect,
        the scope's kind and the years), with this reader's values bound."""
        shape = (self.conn.dialect.name, self.scope.unit is None, self.years.key, *key)
        values = {HIGH_WATER_MARK: self.high_water_mark, **scope_values(self.scope), **self.years.values()}
        return (await self.conn.execute(built(shape, build), values)).all()


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
