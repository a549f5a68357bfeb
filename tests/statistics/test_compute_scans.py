"""The scans of a compute: on PostgreSQL each runs on a connection of its own with the compute's settings (JIT off,
work_mem, custom plans) in effect; a scan that fails fails the compute with its own error, the other scans stopped
and every connection back in the pool, on both dialects."""

from __future__ import annotations

import asyncio
import importlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.reference import ReferenceData
from infra.db.engine import create_engine
from infra.statistics import compute
from infra.statistics.sql import Reader
from tests.scenarios import scenario as sc

# The module, not the function the package exports under the same name.
COMPUTE = importlib.import_module("infra.statistics.compute")
SETTINGS = text("SELECT current_setting('jit'), current_setting('work_mem'), current_setting('plan_cache_mode')")


async def _seeded(db_url: str, tmp_path: Path) -> tuple[AsyncEngine, ReferenceData]:
    scenario = sc.load("dasi-2020")
    engine = create_engine(db_url)
    return engine, await sc.run(engine, scenario, sc.reference_directory(scenario, tmp_path))


async def _computed(engine: AsyncEngine, reference: ReferenceData) -> Any:
    return await compute(engine, scope="dasi", year=2020, as_of=date(2020, 12, 31), reference=reference)


async def test_on_postgresql_every_scan_runs_with_the_computes_settings(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("the settings are PostgreSQL's")
    engine, reference = await _seeded(db_url, tmp_path)
    seen: list[tuple[str, ...]] = []
    reads = COMPUTE._reads

    def observed(*args: Any, **kwargs: Any) -> Any:
        async def settings_then(read: Any, r: Reader) -> Any:
            seen.append(tuple((await r.conn.execute(SETTINGS)).one()))
            return await read(r)
        return tuple(lambda r, read=read: settings_then(read, r) for read in reads(*args, **kwargs))

    try:
        monkeypatch.setattr(COMPUTE, "_reads", observed)
        figures = await _computed(engine, reference)
    finally:
        await engine.dispose()
    assert figures.value("penalty_cases_total")
    assert seen == [("off", "64MB", "force_custom_plan")] * COMPUTE.READERS


async def test_a_failing_scan_fails_the_compute_with_its_own_error_and_leaves_no_connection_out(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine, reference = await _seeded(db_url, tmp_path)
    others_done: list[str] = []

    async def failing(r: Reader, *args: Any, **kwargs: Any) -> Any:
        raise LookupError("the decisions scan failed")

    async def waiting_flows(r: Reader, *args: Any, **kwargs: Any) -> Any:
        # Still running when the decisions scan fails (PostgreSQL: at once); that failure cancels it.
        await asyncio.wait_for(asyncio.Event().wait(), timeout=60)
        others_done.append("flows")

    try:
        monkeypatch.setattr(COMPUTE, "decisions", failing)
        if db_url.startswith("postgresql"):
            monkeypatch.setattr(COMPUTE, "flows", waiting_flows)
        with pytest.raises(LookupError, match="the decisions scan failed"):
            await _computed(engine, reference)
        checked_out = engine.pool.checkedout()  # type: ignore[attr-defined]
        monkeypatch.undo()
        figures = await _computed(engine, reference)
    finally:
        await engine.dispose()
    assert (checked_out, others_done) == (0, [])
    assert figures.value("penalty_cases_total")
