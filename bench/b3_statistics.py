"""B3 statistics: `infra.statistics.compute` (every figure of the year-end report, with the previous year and the
drill-down event ids) for a town and for the district, on generated data (bench.dataset) at a small size and at
1 M events (10 M with --long), against

- a bare GROUP BY: one statement over the same events (scope, both years, the high-water mark) counting events
  and streams and summing fines per event type and year — the floor of any SQL answer;
- a naive replay: load every event of the scope and fold it in Python (`domain.statistics.fold.fold_figures`),
  at the small size only (it grows linearly and takes minutes at 1 M).

Growth (in the notes): each one's median time at the large size over its median time at the small one.
`--explain` adds, at the largest size, each statement of a compute under EXPLAIN (ANALYZE, BUFFERS): its time,
the heap blocks it read and the indexes it used (and `--plans DIR` writes the whole plans there).

    PYTHONPATH=. .venv/bin/python -m bench.b3_statistics [--events 1000000] [--long] [--repeats 5] [--smoke]
        [--explain] [--plans DIR]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.common import (
    LOWER,
    Metrics,
    Row,
    Table,
    counting_statements,
    fresh_postgres,
    interleaved,
    plain_url,
    postgres_answers,
    script,
)
from bench.dataset import grow, import_templates
from domain.statistics.fold import fold_figures
from domain.statistics.period import Period
from domain.statistics.scope import resolve_scope
from infra.db.engine import create_engine
from infra.db.models import events
from infra.eventstore.rows import from_row, select_envelopes
from infra.reference import demo_reference
from infra.statistics import compute

YEAR, AS_OF = 2022, date(2022, 12, 31)
SCOPES = (("town", "zhangjiawo"), ("district", "xiqing"))
BARE = """
SELECT event_type, occurred_at >= $2 AS this_year, count(*), count(DISTINCT stream_id), sum(fine_amount_fen)
FROM events
WHERE town = ANY($1) AND position <= $5 AND occurred_at >= $3 AND occurred_at < $4
GROUP BY 1, 2
"""


def towns_of(scope: str) -> list[str]:
    return sorted(resolve_scope(demo_reference(), scope).towns)


async def timed_compute(engine: AsyncEngine, scope: str) -> Metrics:
    started = time.perf_counter()
    await compute(engine, scope=scope, year=YEAR, as_of=AS_OF, reference=demo_reference())
    return {"time s": time.perf_counter() - started}


async def timed_bare(conn: asyncpg.Connection, scope: str) -> Metrics:
    period = Period.of(YEAR, AS_OF)
    started = time.perf_counter()
    high_water_mark = await conn.fetchval("SELECT coalesce(max(position), 0) FROM events")
    await conn.fetch(BARE, towns_of(scope), period.start, period.previous_year().start, period.end, high_water_mark)
    return {"time s": time.perf_counter() - started}


async def timed_replay(engine: AsyncEngine, scope: str) -> Metrics:
    started = time.perf_counter()
    async with engine.connect() as conn:
        rows = await conn.execute(select_envelopes().where(events.c.town.in_(towns_of(scope))))
        envelopes = [from_row(row) for row in rows.mappings()]
    fold_figures(envelopes, scope=scope, year=YEAR, as_of=AS_OF, reference=demo_reference())
    return {"time s": time.perf_counter() - started}


async def explained(engine: AsyncEngine, scope: str) -> list[list[str]]:
    """Every statement of one compute, replayed in order on one connection under EXPLAIN (ANALYZE, BUFFERS)."""
    seen: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", grab)
    try:
        await compute(engine, scope=scope, year=YEAR, as_of=AS_OF, reference=demo_reference())
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", grab)
    async with engine.connect() as conn:
        return [[str(row[0]) for row in await conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)]
                for sql, params in seen]


def plan_summary(plan: list[str]) -> str:
    """Execution time, heap blocks read by bitmap scans, the scans by index (and any sequential scan)."""
    took = next((line.split(":", 1)[1].strip() for line in plan if line.startswith("Execution Time")), "?")
    blocks = sum(int(n) for line in plan for n in re.findall(r"(?:exact|lossy)=(\d+)", line))
    used = sorted({m for line in plan for m in re.findall(r"(?:Index|Index Only) Scan(?: Backward)? (?:using|on) (\w+)",
                                                         line)})
    scans = sorted({m for line in plan for m in re.findall(r"Seq Scan on (\w+)", line)})
    return (f"{took}, {blocks:,} heap blocks (bitmap), indexes: {', '.join(used) or '-'}"
            + (f", SEQUENTIAL SCAN of {', '.join(scans)}" if scans else ""))


async def explain(table: Table, engine: AsyncEngine, size: str, plans: Path | None) -> None:
    for label, scope in SCOPES:
        found = await explained(engine, scope)
        for index, plan in enumerate(found):
            table.notes.append(f"B3 EXPLAIN {label} {scope}, {size}, statement {index + 1}/{len(found)}: "
                               f"{plan_summary(plan)}")
        if plans is not None:
            write_plans(plans / f"b3-{label}.txt", found)


def write_plans(path: Path, found: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join("\n".join(plan) for plan in found), encoding="utf-8")


async def measure(table: Table, engine: AsyncEngine, conn: asyncpg.Connection, size: str, repeats: int,
                  *, replay: bool) -> dict[str, float]:
    """Rows for one size; returns the median times (for the growth rows)."""
    medians: dict[str, float] = {}
    for label, scope in SCOPES:
        res_a, res_b = await interleaved(repeats, lambda s=scope: timed_compute(engine, s),
                                         lambda s=scope: timed_bare(conn, s))
        table.add_metrics("B3", f"{label} {scope} {YEAR}, {size}", res_a, "bare GROUP BY", res_b,
                          goals={"time s": "<=1.2"})
        medians[f"compute {label}"] = statistics.median(m["time s"] for m in res_a)
        medians[f"bare {label}"] = statistics.median(m["time s"] for m in res_b)
        if replay:
            res_r = [await timed_replay(engine, scope) for _ in range(repeats)]
            table.add(Row("B3", f"{label} {scope} {YEAR}, {size}", "time s", [m["time s"] for m in res_a],
                          "naive replay (fold)", [m["time s"] for m in res_r], better=LOWER))
    return medians


async def run(table: Table, *, sizes: Sequence[int], template_cases: int | None, repeats: int, admin: str,
              explain_plans: bool = False, plans: Path | None = None) -> None:
    if not await postgres_answers(admin):
        table.notes.append(f"B3 skipped: no PostgreSQL at {admin}")
        return
    async with fresh_postgres(admin, "b3") as url:
        await import_templates(url, template_cases)
        engine = create_engine(url)
        conn = await asyncpg.connect(plain_url(url))
        try:
            first: dict[str, float] = {}
            first_events = 0
            for index, target in enumerate(sizes):
                data = await grow(url, target)
                size = f"{data.events:,} events"
                medians = await measure(table, engine, conn, size, repeats, replay=index == 0)
                if index == 0:
                    first, first_events = medians, data.events
                    for label, scope in SCOPES:
                        with counting_statements() as counted:
                            await compute(engine, scope=scope, year=YEAR, as_of=AS_OF, reference=demo_reference())
                        table.count("B3", f"SQL statements per statistics compute ({label})", counted["total"],
                                    "with the previous year")
                else:
                    grown = ", ".join(f"{key} ×{seconds / first[key]:.2f}" for key, seconds in medians.items())
                    table.notes.append(f"B3 growth of the median times, {first_events:,} → {data.events:,} events "
                                       f"(×{data.events / first_events:.1f}): {grown}")
                table.notes.append(f"B3: {size} in {data.streams:,} streams ({data.clones} clones of "
                                   f"{data.template_events:,} scenario events), generated in {data.seconds:.0f} s")
                if explain_plans and index == len(sizes) - 1:
                    await explain(table, engine, size, plans)
        finally:
            await conn.close()
            await engine.dispose()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--long", action="store_true", help="B3: also at 10 M events")
    parser.add_argument("--explain", action="store_true", help="B3: EXPLAIN ANALYZE a compute at the largest size")
    parser.add_argument("--plans", type=Path, help="B3: with --explain, write the plans into this directory")


async def suite(table: Table, args: argparse.Namespace) -> None:
    explain_plans, plans = bool(getattr(args, "explain", False)), getattr(args, "plans", None)
    if args.smoke:
        await run(table, sizes=(300, 1_000), template_cases=30, repeats=args.repeats, admin=args.postgres,
                  explain_plans=explain_plans, plans=plans)
        return
    sizes = (args.events // 10, args.events) + ((10_000_000,) if args.long else ())
    await run(table, sizes=sizes, template_cases=None, repeats=args.repeats, admin=args.postgres,
              explain_plans=explain_plans, plans=plans)


if __name__ == "__main__":
    script("B3 statistics", __doc__, add_arguments, suite)
