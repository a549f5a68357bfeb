"""`compute`: every figure of DOMAIN.md §4 for a town, an enforcement unit or a district, for a year up to
`as_of` (and the whole year before), in SQL over the event log, at one high-water mark (the log position read
first: every statement ignores later events, so the figures are consistent while appends go on).

A handful of statements, each one scan of its source with both years in it (see `STATEMENTS`): the cost is
the scans, not a round trip per figure. On PostgreSQL the larger scans (flows with the ledgers, decisions,
per-stream facts) run at once, each on a pooled connection of its own (a task holds one connection at a time,
so computes waiting for connections cannot hold each other up), and a compute takes about its longest scan
rather than their sum; on SQLite they run one after another on the one connection."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, func, not_, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.reference import ReferenceData
from domain.statistics.assemble import assemble
from domain.statistics.figures import AnnualFigures
from domain.statistics.measures import Measure, Measurements
from domain.statistics.period import LEDGER_PREFIX, Period
from domain.statistics.scope import Scope, resolve_scope
from infra.db.models import events
from infra.reference import demo_reference
from infra.statistics.cases import measures_from_statements, streams
from infra.statistics.decisions import Decisions, decisions
from infra.statistics.flows import Flows, flows
from infra.statistics.ledgers import ledger_measures, roster, stocks
from infra.statistics.sql import Found, Reader, Years, built, in_scope, scope_values

# the high-water mark, flows, decisions, per-stream facts, stocks, the roster (when one is kept)
STATEMENTS = 6
# PostgreSQL: the connections the scans run on at once, each given the compute's settings first (one statement)
READERS = 3


async def compute(
    engine: AsyncEngine,
    *,
    scope: str,
    year: int,
    as_of: date,
    reference: ReferenceData | None = None,
    with_previous: bool = True,
    restated: bool = False,
) -> AnnualFigures:
    """`restated`: fines and penalty counts as the decisions stand at the high-water mark, after reconsiderations
    and judgments that changed or revoked them (`domain.statistics.fold.case_measures`); otherwise as reported."""
    data = reference if reference is not None else demo_reference()
    resolved = resolve_scope(data, scope)
    years = Years.of(Period.of(year, as_of), with_previous=with_previous)
    async with engine.connect() as conn:
        high_water_mark, earlier_cases = await _high_water_mark(conn, resolved, years)
        postgres = conn.dialect.name == "postgresql"
        if not postgres:
            results = await _one_after_another(Reader(conn, resolved, high_water_mark, years), _reads(years, restated))
    if postgres:
        results = await _at_once(engine, lambda own: Reader(own, resolved, high_water_mark, years),
                                 _reads(years, restated))
    measured = _measured(years, *results)
    figures: AnnualFigures | None = None
    for period in years.periods:
        ledgers, cases = measured[period.year]
        if period is years.periods[-1] or earlier_cases:
            ledgers.measures.update(cases)
        figures = assemble(ledgers, scope=resolved, year=period.year, as_of=period.as_of, reference=data,
                           previous=figures, high_water_mark=high_water_mark)
    assert figures is not None
    return figures


async def _high_water_mark(conn: AsyncConnection, scope: Scope, years: Years) -> tuple[int, bool]:
    """The log position to compute at, and whether the year before has any case event: a year without one is
    unknown, not zero (`domain.statistics.fold._figures`). One statement, so both see the same log."""
    statement = built(("high_water_mark", scope.unit is None, years.key),
                      lambda: _high_water_mark_statement(scope, years))
    row = (await conn.execute(statement, {**scope_values(scope), **years.values()})).one()
    return int(row[0]), bool(row[1])


def _high_water_mark_statement(scope: Scope, years: Years) -> Select[Any]:
    first = next(iter(years))
    earlier = exists().where(in_scope(scope), events.c.occurred_at >= first.start, events.c.occurred_at < first.end,
                             not_(events.c.stream_kind.startswith(LEDGER_PREFIX)))
    return select(select(func.coalesce(func.max(events.c.position), 0)).scalar_subquery(), earlier)


# For the scans' transaction only: compiling the wide FILTER aggregates to machine code (JIT, chosen by cost
# estimate) took longer than the statements themselves — seconds at a million events; with the default 4 MB the
# bitmap of a district's filings went lossy (every row of its pages rechecked); and the statements are prepared
# once per connection with their values bound, so after five executions PostgreSQL would plan them once for any
# scope and high-water mark (a generic plan), which took a town's compute from 0.1 s to over a second: each
# execution is planned for its values.
_SETTINGS = select(func.set_config("jit", "off", True), func.set_config("work_mem", "64MB", True),
                   func.set_config("plan_cache_mode", "force_custom_plan", True))


Read = Callable[[Reader], Awaitable[Any]]


def _reads(years: Years, restated: bool) -> tuple[Read, Read, Read]:
    """The scans: flows with the ledgers' stocks and roster (one connection: the roster depends on the stocks),
    decisions, per-stream facts."""
    return (lambda r: _flows_and_ledgers(r, years), lambda r: decisions(r, years, restated=restated),
            lambda r: streams(r, years))


async def _one_after_another(reader: Reader, reads: Sequence[Read]) -> list[Any]:
    return [await read(reader) for read in reads]


async def _at_once(engine: AsyncEngine, reader: Callable[[AsyncConnection], Reader], reads: Sequence[Read]
                   ) -> list[Any]:
    """Each scan on a pooled connection of its own, given the compute's settings first. A failing scan stops the
    others (the task group cancels them and waits) and is raised as itself, as one after another it would be."""
    async def on_own_connection(read: Read) -> Any:
        async with engine.connect() as conn:
            await conn.execute(_SETTINGS)
            return await read(reader(conn))

    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(on_own_connection(read)) for read in reads]
    except BaseExceptionGroup as failed:
        raise failed.exceptions[0] from None
    return [task.result() for task in tasks]


def _measured(years: Years, ledgers: tuple[dict[int, Flows], Found, dict[str, Found]],
              decided: dict[int, Decisions], per_stream: Found) -> dict[int, tuple[Measurements, dict[str, Measure]]]:
    """Per year its ledger measurements and its case measures."""
    found, stock, people = ledgers
    return {p.year: (ledger_measures(p.year, found[p.year], stock, people),
                     measures_from_statements(p.year, found[p.year], decided[p.year], per_stream)) for p in years}


async def _flows_and_ledgers(r: Reader, years: Years) -> tuple[dict[int, Flows], Found, dict[str, Found]]:
    found = await flows(r, years)
    stock = await stocks(r, years)
    return found, stock, await roster(r, years, stock)
