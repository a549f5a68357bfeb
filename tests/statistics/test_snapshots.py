"""Year-end snapshots: the as-reported figures are kept once and never changed; restatements are added."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
import pytest_asyncio
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.statistics.figures import AnnualFigures, Figure, Qualifier, Source, Unit
from infra.db.engine import create_engine
from infra.db.models_statistics import statistics_snapshots
from infra.statistics.snapshots import SnapshotExists, SnapshotKind, figures_hash, load_snapshots, take_snapshot

AS_REPORTED = AnnualFigures(
    scope="dasi", scope_name="大寺镇", year=2020, as_of=date(2020, 12, 8), high_water_mark=42,
    figures={"fines_imposed_total": Figure("fines_imposed_total", 13025000, Unit.FEN, event_ids=("c#9",))},
    tallies=(Figure("tally:ILLEGAL_PILING", 400, Unit.PLACES, Qualifier.AT_LEAST, Source.LEDGER, ("l#1",),
                    "清理沿街底商堆物及店面外扩"),),
    previous=AnnualFigures(scope="dasi", scope_name="大寺镇", year=2019, as_of=date(2019, 12, 31)))
NOW = datetime(2020, 12, 9, 8, tzinfo=UTC)


@pytest_asyncio.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        await engine.dispose()


async def test_the_as_reported_snapshot_is_stored_once_and_restatements_follow(engine: AsyncEngine) -> None:
    reported = await take_snapshot(engine, AS_REPORTED, kind=SnapshotKind.AS_REPORTED, clock=lambda: NOW)
    with pytest.raises(SnapshotExists):
        await take_snapshot(engine, AS_REPORTED, kind=SnapshotKind.AS_REPORTED, clock=lambda: NOW)
    restated_figures = replace(AS_REPORTED, high_water_mark=50, figures={
        "fines_imposed_total": Figure("fines_imposed_total", 12925000, Unit.FEN, event_ids=("c#9", "c#12"))})
    restated = await take_snapshot(engine, restated_figures, kind=SnapshotKind.RESTATED, clock=lambda: NOW)
    stored = await load_snapshots(engine, scope="dasi", year=2020)
    assert [(s.kind, s.figures, s.hash) for s in stored] == [
        (SnapshotKind.AS_REPORTED, AS_REPORTED, reported.hash),
        (SnapshotKind.RESTATED, restated_figures, restated.hash)]
    assert reported.hash == figures_hash(AS_REPORTED) != restated.hash


async def test_a_stored_snapshot_cannot_be_changed(engine: AsyncEngine) -> None:
    await take_snapshot(engine, AS_REPORTED, kind=SnapshotKind.AS_REPORTED, clock=lambda: NOW)
    with pytest.raises(DBAPIError, match="immutable"):
        async with engine.begin() as conn:
            await conn.execute(update(statistics_snapshots).values(hash="0" * 64))
