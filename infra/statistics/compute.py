"""`compute`: every figure of DOMAIN.md §4 for a town, an enforcement unit or a district, for a year up to
`as_of`, in SQL over the event log, at one high-water mark (the log position read first: every query ignores
later events, so the figures are consistent while appends go on)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, not_, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.reference import ReferenceData
from domain.statistics.assemble import assemble
from domain.statistics.figures import AnnualFigures
from domain.statistics.period import LEDGER_PREFIX, Period
from domain.statistics.scope import Scope, resolve_scope
from infra.db.models import events
from infra.reference import demo_reference
from infra.statistics.cases import case_measures
from infra.statistics.ledgers import ledger_measures
from infra.statistics.sql import Reader


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
    async with engine.connect() as conn:
        high_water_mark = int((await conn.execute(select(func.coalesce(func.max(events.c.position), 0)))).scalar_one())
        reader = Reader(conn, resolved, high_water_mark)
        period = Period.of(year, as_of)
        previous = (await _figures(reader, period.previous_year(), data, None, restated, unknown_when_empty=True)
                    if with_previous else None)
        return await _figures(reader, period, data, previous, restated)


async def _figures(reader: Reader, period: Period, reference: ReferenceData,
                   previous: AnnualFigures | None, restated: bool, *,
                   unknown_when_empty: bool = False) -> AnnualFigures:
    """`unknown_when_empty`: see `domain.statistics.fold._figures` (a year without case events is unknown)."""
    measured = await ledger_measures(reader, period)
    if not unknown_when_empty or await _has_case_events(reader, period):
        measured.measures.update(await case_measures(reader, period, restated=restated))
    scope: Scope = reader.scope
    return assemble(measured, scope=scope, year=period.year, as_of=period.as_of, reference=reference,
                    previous=previous, high_water_mark=reader.high_water_mark)


async def _has_case_events(reader: Reader, period: Period) -> bool:
    row = await reader.row(select(func.count()).where(reader.during(period),
                                                      not_(events.c.stream_kind.startswith(LEDGER_PREFIX))))
    return bool(int(row[0]))
