"""Smoke test of the benchmark scripts (bench/, `make bench`): each runs on tiny sizes and prints its table.

Benchmarks never run in the suite; this only checks that every script still runs against the current code and
prints its table of ratios and its structural counts (as integers). It asserts nothing about timings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = {"B1": "bench.b1_lifecycle", "B2": "bench.b2_graphql", "B3": "bench.b3_statistics",
           "B4": "bench.b4_append"}

pytestmark = [pytest.mark.postgres, pytest.mark.temporal, pytest.mark.timeout(240)]


def _rows(output: str, bench: str) -> tuple[list[list[str]], list[list[str]]]:
    """(ratio rows, structural-count rows) of `bench` in a printed table."""
    cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in output.splitlines()
             if line.startswith(f"| {bench} |")]
    return [c for c in cells if len(c) == 10], [c for c in cells if len(c) == 4]


@pytest.mark.parametrize("bench", sorted(SCRIPTS))
def test_the_benchmark_script_prints_its_table_on_tiny_sizes(bench: str) -> None:
    done = subprocess.run([sys.executable, "-m", SCRIPTS[bench], "--smoke", "--repeats", "1"], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=200,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    skipped = re.search(rf"{bench} skipped: (.*)", done.stdout)
    if skipped:
        pytest.skip(skipped.group(1))
    ratios, counts = _rows(done.stdout, bench)
    assert "| bench | case | metric |" in done.stdout
    assert ratios, done.stdout
    assert counts, done.stdout
    for row in counts:
        assert re.fullmatch(r"\d+", row[2]), row
