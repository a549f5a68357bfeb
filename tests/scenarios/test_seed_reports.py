"""The three seed reports (shared/seeds) reproduced: each town's year, described by a scenario file, is fed
through the bulk import and the ledger service into a real database, and the statistics equal every figure
the report states that DOMAIN.md §4 lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.statistics.figures import AnnualFigures, Qualifier
from infra.db.engine import create_engine
from tests.scenarios import scenario as sc

SEEDS = ("dasi-2020", "zhangjiawo-2022", "yangliuqing-2023")


def _check(figures: AnnualFigures, expected: dict[str, Any], where: str) -> list[str]:
    wrong: list[str] = []
    for key, want in expected.items():
        if key == "previous":
            assert figures.previous is not None
            wrong += _check(figures.previous, want, f"{where} previous year")
            continue
        value, qualifier = (want[0], Qualifier(want[1])) if isinstance(want, list) else (want, Qualifier.EXACT)
        figure = figures.figures.get(key)
        got = None if figure is None else (figure.value, figure.qualifier)
        if got != (value, qualifier):
            wrong.append(f"{where} {key}: expected {(value, qualifier)}, got {got}")
    return wrong


async def _reproduce(engine: AsyncEngine, name: str, tmp_path: Path) -> None:
    scenario = sc.load(name)
    reference = await sc.run(engine, scenario, sc.reference_directory(scenario, tmp_path))
    wrong: list[str] = []
    for scope, expected in scenario["expected"].items():
        figures = await sc.figures(engine, scenario, scope, reference)
        wrong += _check(figures, expected, scope)
        assert all(figures.figures[k].event_ids for k in ("penalty_cases_total",) if figures.value(k))
    for scope, tallies in scenario.get("expected_tallies", {}).items():
        figures = await sc.figures(engine, scenario, scope, reference)
        got = [[t.metric.removeprefix("tally:"), t.unit.value, t.note, t.value, t.qualifier.value]
               for t in figures.tallies]
        if got != tallies:
            wrong.append(f"{scope} tallies: expected {tallies}, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", SEEDS)
async def test_seed_report_figures_are_reproduced_from_the_event_log(db_url: str, name: str, tmp_path: Path) -> None:
    engine = create_engine(db_url)
    try:
        await _reproduce(engine, name, tmp_path)
    finally:
        await engine.dispose()
