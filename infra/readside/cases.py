"""Town-scoped queries over the read models (case summaries, deadlines, tasks) and the event log.

Every function takes the caller's towns and never returns a row of another town: on SQLite this filter is the
only scope, on PostgreSQL row-level security applies as well (see `infra.readside.scope`).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.deadlines.rules import DISCLOSURE_DEADLINES, NOT_OFFICE_WORK
from domain.disclosure.state import PUBLISH_CLOCK
from domain.envelope import EventEnvelope
from domain.projections import CaseSummary, DeadlineView, TaskView
from infra.db.models import case_summaries, deadlines, events, tasks
from infra.eventstore.rows import from_row, select_envelopes
from infra.projections.rows import deadline_from_row, summary_from_row, task_from_row
from infra.readside.driver_reads import driver_read

OPEN_CLOCK_STATUSES = ("RUNNING", "WARNED", "BREACHED", "PAUSED")
_HEX = "0123456789abcdef"
S, D, T = case_summaries.c, deadlines.c, tasks.c


class CaseOrder(enum.Enum):
    OPENED_AT_DESC = "OPENED_AT_DESC"
    OPENED_AT_ASC = "OPENED_AT_ASC"
    LAST_EVENT_AT_DESC = "LAST_EVENT_AT_DESC"
    CASE_NO_ASC = "CASE_NO_ASC"


@dataclass(frozen=True)
class CaseFilter:
    towns: tuple[str, ...] = ()  # narrows the caller's scope, never widens it
    stream_kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    violation_types: tuple[str, ...] = ()
    officer: str | None = None
    overdue_on: date | None = None  # only cases with a clock breached, or past due and still running, on that day
    opened_from: datetime | None = None
    opened_to: datetime | None = None
    decided_from: datetime | None = None
    decided_to: datetime | None = None


@dataclass(frozen=True)
class CasePage:
    summaries: list[CaseSummary]
    total: int


def _overdue(day: date, scope: Sequence[str]) -> ColumnElement[bool]:
    """The office's work past due on `day`: a clock breached, or running past its due date — never a party's
    window (reconsideration, litigation) or a wait, nor a case's disclosure clock its disclosure stream met."""
    late = or_(D.status == "BREACHED", and_(D.status.in_(("RUNNING", "WARNED")), D.due_on < day))
    disclosed = tuple_(literal("disclosure:") + D.stream_id + literal(":"), D.town).in_(_disclosed_keys(scope))
    return and_(late, D.deadline_id.not_in(sorted(NOT_OFFICE_WORK)),
                not_(and_(D.deadline_id.in_(sorted(DISCLOSURE_DEADLINES)), disclosed)))


def _disclosed_keys(scope: Sequence[str]) -> Select[Any]:
    """(`disclosure:<case id>:`, town) of every disclosure stream (`disclosure:<case id>:<version>`) whose
    publication clock is satisfied. Uncorrelated, so PostgreSQL hashes it once per statement; the correlated
    prefix match it replaces rescanned the town's satisfied clocks for every candidate row (seconds at 100 k
    events). The version is hex (`decision_version`), so stripping hex digits from the right leaves the prefix."""
    other = deadlines.alias("disclosure_clock")
    return select(func.rtrim(other.c.stream_id, literal(_HEX)), other.c.town).where(
        other.c.stream_id.startswith("disclosure:"), other.c.clock_key == PUBLISH_CLOCK,
        other.c.status == "SATISFIED", other.c.town.in_(scope))


def _among(column: ColumnElement[str], name: str, postgres: bool) -> ColumnElement[bool]:
    """`column` is one of the values bound as `name` (a list): `= ANY(array)` on PostgreSQL — one parameter, the
    same SQL text for any number of values, no per-execution rendering of an expanded IN list — else `IN`."""
    if postgres:
        return column == any_(bindparam(name, type_=ARRAY(String)))
    return column.in_(bindparam(name, expanding=True))


def _is_postgres(conn: AsyncConnection) -> bool:
    return conn.dialect.name == "postgresql"


def _in_scope(column: ColumnElement[str], scope: Sequence[str], postgres: bool) -> ColumnElement[bool]:
    """One town as `=`, so PostgreSQL reads a page in index order (`town, opened_at`) and stops after it; several
    as `= ANY(array)` (one parameter) on PostgreSQL, `IN` elsewhere."""
    if len(scope) == 1:
        return column == scope[0]
    if postgres:
        return column == any_(literal(list(scope), ARRAY(String)))
    return column.in_(scope)


def _conditions(scope: Sequence[str], where: CaseFilter, postgres: bool) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_in_scope(S.town, scope, postgres)]
    for column, values in ((S.town, where.towns), (S.stream_kind, where.stream_kinds), (S.status, where.statuses),
                           (S.procedure, where.procedures), (S.violation_type, where.violation_types)):
        if values:
            conditions.append(column.in_(values))
    if where.officer is not None:
        quoted = '"' + where.officer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '"'
        conditions.append(cast(S.officers, String).like(f"%{quoted}%", escape="\\"))
    if where.overdue_on is not None:
        late = _overdue(where.overdue_on, scope)
        conditions.append(exists().where(D.stream_id == S.stream_id, D.town.in_(scope), late))
    for column, low, high in ((S.opened_at, where.opened_from, where.opened_to),
                              (S.decided_at, where.decided_from, where.decided_to)):
        if low is not None:
            conditions.append(column >= low)
        if high is not None:
            conditions.append(column < high)
    return conditions


def _order(order: CaseOrder, c: Any) -> tuple[Any, ...]:
    """The page's order over columns `c` (the table's, or the page subquery's)."""
    if order is CaseOrder.OPENED_AT_DESC:
        return c.opened_at.desc(), c.stream_id.desc()
    if order is CaseOrder.OPENED_AT_ASC:
        return c.opened_at.asc(), c.stream_id.asc()
    if order is CaseOrder.LAST_EVENT_AT_DESC:
        return c.last_event_at.desc(), c.stream_id.desc()
    return c.case_no.is_(None), c.case_no.asc(), c.stream_id.asc()


async def page_cases(
    conn: AsyncConnection, scope: Sequence[str], where: CaseFilter, order: CaseOrder, *, limit: int, offset: int
) -> CasePage:
    """One page of case summaries and the filter's total, in one statement."""
    rows = (await conn.execute(_page_query(tuple(scope), where, order, _is_postgres(conn)),
                               {"page_limit": limit, "page_offset": offset})).mappings().all()
    total = int(rows[0]["total_count"]) if rows else 0
    return CasePage([summary_from_row(row) for row in rows if row["stream_id"] is not None], total)


@functools.lru_cache(maxsize=256)
def _page_query(scope: tuple[str, ...], where: CaseFilter, order: CaseOrder, postgres: bool) -> Select[Any]:
    """The filter's count LEFT JOINed to its page: the page read in index order and cut at its limit, the total by
    a count over the index (`count(*) OVER ()` instead built every matching row to count them: 5× the database
    time of a town's first page). A page past the end is one row of NULLs with the total. Built once per scope
    and filter (their values are part of it; the page's bounds are parameters): building the statement and its
    cache key anew was a tenth of a list request."""
    conditions = _conditions(scope, where, postgres)
    counted = select(func.count().label("total_count")).select_from(case_summaries).where(*conditions)
    page = (select(case_summaries).where(*conditions).order_by(*_order(order, S))
            .limit(bindparam("page_limit", type_=Integer)).offset(bindparam("page_offset", type_=Integer))
            .subquery("page"))
    totals = counted.subquery("counted")
    return (select(page, totals.c.total_count).select_from(totals.outerjoin(page, true()))
            .order_by(*_order(order, page.c)))


async def summaries_by_id(conn: AsyncConnection, scope: Sequence[str], ids: Iterable[str]) -> dict[str, CaseSummary]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await _per_stream(conn, "summaries", {"ids": wanted, "towns": list(scope)})
    return {row["stream_id"]: summary_from_row(row) for row in rows}


async def _per_stream(conn: AsyncConnection, read: str, parameters: dict[str, Any]) -> Sequence[Mapping[str, Any]]:
    """The rows of a per-stream read: on PostgreSQL a prepared statement on the driver (`driver_reads`)."""
    if _is_postgres(conn):
        return await driver_read(read, lambda: _by_stream(read, True), conn.dialect).rows(conn, parameters)
    rows: Sequence[Mapping[str, Any]] = (await conn.execute(_by_stream(read, False), parameters)).mappings().all()
    return rows


@functools.cache
def _by_stream(read: str, postgres: bool) -> Select[Any]:
    """The per-stream reads of the DataLoaders (ids bound as `ids`, the scope as `towns`), built once."""
    if read == "summaries":
        return select(case_summaries).where(_among(S.stream_id, "ids", postgres), _among(S.town, "towns", postgres))
    if read == "deadlines":
        return (select(deadlines).where(_among(D.stream_id, "ids", postgres), _among(D.town, "towns", postgres))
                .order_by(D.stream_id, D.due_on, D.clock_key))
    return (select_envelopes().where(_among(events.c.stream_id, "ids", postgres),
                                     _among(events.c.town, "towns", postgres))
            .order_by(events.c.stream_id, events.c.seq))


async def deadlines_by_stream(
    conn: AsyncConnection, scope: Sequence[str], stream_ids: Iterable[str]
) -> dict[str, list[DeadlineView]]:
    wanted = sorted(set(stream_ids))
    found: dict[str, list[DeadlineView]] = {stream_id: [] for stream_id in wanted}
    if not wanted:
        return found
    for row in await _per_stream(conn, "deadlines", {"ids": wanted, "towns": list(scope)}):
        found[row["stream_id"]].append(deadline_from_row(row))
    return found


async def overdue_deadlines(conn: AsyncConnection, scope: Sequence[str], today: date, *, limit: int
                            ) -> list[DeadlineView]:
    rows = await conn.execute(select(deadlines).where(D.town.in_(scope), _overdue(today, scope))
                              .order_by(D.due_on, D.stream_id, D.clock_key).limit(limit))
    return [deadline_from_row(row) for row in rows.mappings()]


async def open_tasks(conn: AsyncConnection, scope: Sequence[str], roles: Iterable[str], *, limit: int
                     ) -> list[TaskView]:
    rows = await conn.execute(
        select(tasks).where(T.town.in_(scope), T.role.in_(sorted(set(roles))))
        .order_by(T.due_on.is_(None), T.due_on, T.stream_id, T.step, T.role).limit(limit))
    return [task_from_row(row) for row in rows.mappings()]


async def events_by_stream(
    conn: AsyncConnection, scope: Sequence[str], stream_ids: Iterable[str]
) -> dict[str, list[EventEnvelope]]:
    """Each stream's events in order (its timeline), as stored."""
    wanted = sorted(set(stream_ids))
    found: dict[str, list[EventEnvelope]] = {stream_id: [] for stream_id in wanted}
    if not wanted:
        return found
    for row in await _per_stream(conn, "events", {"ids": wanted, "towns": list(scope)}):
        found[row["stream_id"]].append(from_row(row))
    return found
