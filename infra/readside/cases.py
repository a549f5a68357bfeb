"""Town-scoped queries over the read models (case summaries, deadlines, tasks) and the event log.

Every function takes the caller's towns and never returns a row of another town: on SQLite this filter is the
only scope, on PostgreSQL row-level security applies as well (see `infra.readside.scope`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, exists, func, literal, not_, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.deadlines.rules import DISCLOSURE_DEADLINES, NOT_OFFICE_WORK
from domain.disclosure.state import PUBLISH_CLOCK
from domain.envelope import EventEnvelope
from domain.projections import CaseSummary, DeadlineView, TaskView
from infra.db.models import case_summaries, deadlines, events, tasks
from infra.eventstore.rows import from_row, select_envelopes
from infra.projections.rows import deadline_from_row, summary_from_row, task_from_row

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


def _conditions(scope: Sequence[str], where: CaseFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [S.town.in_(scope)]
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


_ORDER: dict[CaseOrder, tuple[Any, ...]] = {
    CaseOrder.OPENED_AT_DESC: (S.opened_at.desc(), S.stream_id.desc()),
    CaseOrder.OPENED_AT_ASC: (S.opened_at.asc(), S.stream_id.asc()),
    CaseOrder.LAST_EVENT_AT_DESC: (S.last_event_at.desc(), S.stream_id.desc()),
    CaseOrder.CASE_NO_ASC: (S.case_no.is_(None), S.case_no.asc(), S.stream_id.asc()),
}


async def page_cases(
    conn: AsyncConnection, scope: Sequence[str], where: CaseFilter, order: CaseOrder, *, limit: int, offset: int
) -> CasePage:
    """One page of case summaries and the filter's total, in one statement (a window count)."""
    total = func.count().over().label("total_count")
    query = (select(case_summaries, total).where(*_conditions(scope, where)).order_by(*_ORDER[order])
             .limit(limit).offset(offset))
    rows = (await conn.execute(query)).mappings().all()
    if rows:
        return CasePage([summary_from_row(row) for row in rows], int(rows[0]["total_count"]))
    if offset == 0:
        return CasePage([], 0)
    counted = await conn.execute(select(func.count()).select_from(case_summaries).where(*_conditions(scope, where)))
    return CasePage([], int(counted.scalar_one()))


async def summaries_by_id(conn: AsyncConnection, scope: Sequence[str], ids: Iterable[str]) -> dict[str, CaseSummary]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await conn.execute(select(case_summaries).where(S.stream_id.in_(wanted), S.town.in_(scope)))
    return {row["stream_id"]: summary_from_row(row) for row in rows.mappings()}


async def deadlines_by_stream(
    conn: AsyncConnection, scope: Sequence[str], stream_ids: Iterable[str]
) -> dict[str, list[DeadlineView]]:
    wanted = sorted(set(stream_ids))
    found: dict[str, list[DeadlineView]] = {stream_id: [] for stream_id in wanted}
    if not wanted:
        return found
    rows = await conn.execute(select(deadlines).where(D.stream_id.in_(wanted), D.town.in_(scope))
                              .order_by(D.stream_id, D.due_on, D.clock_key))
    for row in rows.mappings():
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
    rows = await conn.execute(select_envelopes().where(events.c.stream_id.in_(wanted), events.c.town.in_(scope))
                              .order_by(events.c.stream_id, events.c.seq))
    for row in rows.mappings():
        found[row["stream_id"]].append(from_row(row))
    return found
