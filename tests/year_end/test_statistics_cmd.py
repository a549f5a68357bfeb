"""`zhifa statistics snapshot|restate`: the as-reported snapshot is taken once and kept; a restatement is added."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from infra.db.engine import create_engine
from infra.statistics.snapshots import load_snapshots


def zhifa(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZHIFA_DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "zhifa", "statistics", *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_the_as_reported_snapshot_is_taken_once_and_a_restatement_is_added_beside_it(sqlite_url: str) -> None:
    cut = ("--town", "张家窝镇", "--year", "2026", "--as-of", "2026-11-20")
    first = zhifa(sqlite_url, "snapshot", *cut)
    again = zhifa(sqlite_url, "snapshot", *cut)
    restated = zhifa(sqlite_url, "restate", *cut)

    assert first.returncode == 0, first.stderr
    assert "AS_REPORTED snapshot" in first.stdout
    assert first.stdout.endswith("(taken)\n")
    assert again.stdout.endswith("(already there)\n")
    assert again.stdout.split("snapshot ")[1].split()[0] == first.stdout.split("snapshot ")[1].split()[0]
    assert "RESTATED snapshot" in restated.stdout

    async def kinds() -> list[str]:
        engine = create_engine(sqlite_url)
        try:
            return sorted(s.kind.value for s in await load_snapshots(engine, scope="zhangjiawo", year=2026))
        finally:
            await engine.dispose()

    assert asyncio.run(kinds()) == ["AS_REPORTED", "RESTATED"]


def test_a_cut_off_outside_the_year_is_refused(sqlite_url: str) -> None:
    refused = zhifa(sqlite_url, "snapshot", "--town", "zhangjiawo", "--year", "2025", "--as-of", "2026-01-05")
    assert refused.returncode == 2
    assert "--as-of 2026-01-05 is not in 2025" in refused.stderr
