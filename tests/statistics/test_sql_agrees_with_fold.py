"""The SQL statistics (`infra.statistics.compute`) and the pure fold (`domain.statistics.fold`) agree on random
histories: every figure, its qualifier, note and drill-down events, for towns, units and the district, as reported
(with the previous year, which the SQL reads in the same scans) and restated (after reconsiderations and judgments
that changed or revoked decisions)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import EventEnvelope
from domain.statistics.figures import AnnualFigures
from domain.statistics.fold import fold_figures
from infra.db.engine import create_engine
from infra.db.models import events
from infra.eventstore.rows import to_row
from infra.reference import demo_reference
from infra.statistics import compute
from tests.statistics.histories import histories

SCOPES = ("dasi", "dasi-safety", "dasi-bureau", "zhangjiawo", "xiqing")


class Database:
    """One database and one engine for every example, emptied before each: as a superuser in replica mode on
    PostgreSQL (the append-only triggers do not fire); on SQLite, a scratch copy of the migrated template whose
    delete trigger is dropped once (this test checks arithmetic, not the log's protection)."""

    def __init__(self, url: str, template: Path | None) -> None:
        if template is not None:
            shutil.copyfile(template, make_url(url).database or "")
        self.sqlite = template is not None
        self.loop = asyncio.new_event_loop()
        self.engine: AsyncEngine = create_engine(url)
        if self.sqlite:
            self.loop.run_until_complete(self._drop_delete_trigger())

    async def _drop_delete_trigger(self) -> None:
        async with self.engine.begin() as conn:
            names = (await conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' "
                "AND sql LIKE '%DELETE%'")).scalars().all()
            for name in names:
                await conn.exec_driver_sql(f'DROP TRIGGER "{name}"')

    def run(self, envelopes: list[EventEnvelope], scope: str, as_of: date) -> tuple[AnnualFigures, AnnualFigures]:
        return self.loop.run_until_complete(self._run(envelopes, scope, as_of))

    async def _run(self, envelopes: list[EventEnvelope], scope: str,
                   as_of: date) -> tuple[AnnualFigures, AnnualFigures]:
        async with self.engine.begin() as conn:
            if not self.sqlite:
                await conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            await conn.execute(delete(events))
            if envelopes:
                await conn.execute(insert(events), [to_row(env) for env in envelopes])
        reported = await compute(self.engine, scope=scope, year=as_of.year, as_of=as_of)
        restated = await compute(self.engine, scope=scope, year=as_of.year, as_of=as_of, with_previous=False,
                                 restated=True)
        return reported, restated

    def close(self) -> None:
        self.loop.run_until_complete(self.engine.dispose())
        self.loop.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("_sqlite_template")
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'stats.db'}", template)
    else:
        db = Database(request.getfixturevalue("_pg_scratch"), None)
    try:
        yield db
    finally:
        db.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(envelopes=histories(), scope=st.sampled_from(SCOPES),
       as_of=st.dates(date(2023, 1, 1), date(2023, 12, 31)))
def test_sql_statistics_equal_the_fold_on_random_histories(
    database: tuple[str, Path | None], envelopes: list[EventEnvelope], scope: str, as_of: date
) -> None:
    reported, restated = database.run(envelopes, scope, as_of)
    for computed, is_restated in ((reported, False), (restated, True)):
        folded = fold_figures(envelopes, scope=scope, year=as_of.year, as_of=as_of, reference=demo_reference(),
                              with_previous=not is_restated, restated=is_restated)
        previous = computed.previous and replace(computed.previous, high_water_mark=0)
        assert replace(computed, high_water_mark=0, previous=previous) == folded
        assert computed.high_water_mark >= len(envelopes)  # the log position the figures were computed at
