"""The cost of a year-end compute, counted in SQL statements (not timed): a fixed handful whatever the scope, the
number of figures or the size of the log — the high-water mark, then one statement per source with both years in
it (flows, decisions, per-stream facts, stocks, the roster) — on both dialects, and on PostgreSQL the settings of
each connection the scans run on at once. It was 59–75, one or more per figure and year."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.engine import create_engine
from infra.statistics import compute
from infra.statistics.compute import READERS, STATEMENTS
from tests.scenarios import scenario as sc

MAX_STATEMENTS_PER_COMPUTE = {"sqlite": 6, "postgresql": 6 + 3}  # PostgreSQL: 3 connections' settings


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


async def test_a_compute_of_every_figure_and_the_previous_year_stays_within_a_handful_of_statements(
    db_url: str, tmp_path: Path
) -> None:
    scenario = sc.load("dasi-2020")  # cases, every ledger, a roster kept since before the year
    engine = create_engine(db_url)
    try:
        reference = await sc.run(engine, scenario, sc.reference_directory(scenario, tmp_path))
        counted: dict[tuple[str, bool, bool], int] = {}
        for scope in ("dasi", "dasi-bureau", "xiqing"):
            for with_previous, restated in ((True, False), (True, True), (False, False)):
                with statements(engine) as seen:
                    figures = await compute(engine, scope=scope, year=2020, as_of=date(2020, 12, 31),
                                            reference=reference, with_previous=with_previous, restated=restated)
                counted[(scope, with_previous, restated)] = len(seen)
                assert figures.value("staff_total") and figures.value("penalty_cases_total")
    finally:
        await engine.dispose()
    expected = MAX_STATEMENTS_PER_COMPUTE[engine.dialect.name]
    assert STATEMENTS + (READERS if engine.dialect.name == "postgresql" else 0) == expected
    assert set(counted.values()) == {expected}, counted
