"""What every benchmark script shares: interleaved A/B repeats, the ratio table, structural counters (SQL
statements, Temporal RPCs), process CPU from /proc, and throwaway PostgreSQL databases.

A script measures zhifa ("A") and its baseline ("B") in the same run, alternating which goes first, `repeats`
times; every row of the table gives both as min–median–max and the median of the per-repeat ratios. Structural
rows count things that do not depend on the machine (statements, RPCs, history events)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import socket
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import Engine

PG_ADMIN = os.environ.get("ZHIFA_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
Metrics = dict[str, float]


# --- measuring --------------------------------------------------------------------------------------------------


async def interleaved(repeats: int, a: Callable[[], Awaitable[Metrics]], b: Callable[[], Awaitable[Metrics]]
                      ) -> tuple[list[Metrics], list[Metrics]]:
    """Run A and B `repeats` times each, A first on even rounds and B first on odd ones."""
    results_a, results_b = await rotated(repeats, a, b)
    return results_a, results_b


async def rotated(repeats: int, *sides: Callable[[], Awaitable[Metrics]]) -> list[list[Metrics]]:
    """Run every side `repeats` times, round after round, each round starting one side further on."""
    results: list[list[Metrics]] = [[] for _ in sides]
    for round_ in range(repeats):
        for offset in range(len(sides)):
            index = (round_ + offset) % len(sides)
            results[index].append(await sides[index]())
    return results


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def latency_metrics(latencies: Sequence[float], elapsed: float, unit_name: str) -> Metrics:
    """Throughput and latency percentiles (ms) of one run."""
    return {f"{unit_name}/s": len(latencies) / elapsed, "p50 ms": 1000 * percentile(latencies, 0.5),
            "p99 ms": 1000 * percentile(latencies, 0.99)}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (and its waited-for children), from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime (fields 14-17 of the man page)
    return ticks / os.sysconf("SC_CLK_TCK")


# --- the table --------------------------------------------------------------------------------------------------

HIGHER, LOWER = "higher", "lower"  # which way is better for a metric


@dataclass
class Row:
    bench: str
    case: str
    metric: str
    zhifa: list[float]
    baseline_name: str
    baseline: list[float]
    better: str = HIGHER
    goal: str = ""  # e.g. ">=0.8" on the ratio (zhifa/baseline)

    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.zhifa, self.baseline, strict=False) if b]

    def ratio(self) -> float:
        ratios = self.ratios()
        return statistics.median(ratios) if ratios else float("nan")

    def meets(self) -> str:
        if not self.goal:
            return ""
        bound = float(self.goal[2:])
        ratio = self.ratio()
        return "yes" if (ratio >= bound if self.goal.startswith(">=") else ratio <= bound) else "NO"


@dataclass
class Table:
    title: str
    rows: list[Row] = field(default_factory=list)
    counts: list[tuple[str, str, float | int, str]] = field(default_factory=list)  # (bench, what, value, note)
    notes: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    load_before: tuple[float, float, float] = field(default_factory=os.getloadavg)

    def add(self, row: Row) -> None:
        self.rows.append(row)

    def add_metrics(self, bench: str, case: str, a: list[Metrics], baseline_name: str, b: list[Metrics],
                    goals: dict[str, str] | None = None, lower: Sequence[str] = ("p50 ms", "p99 ms")) -> None:
        """One row per metric that both sides measured."""
        goals = goals or {}
        for metric in a[0]:
            if metric not in b[0]:
                continue
            self.add(Row(bench, case, metric, [m[metric] for m in a], baseline_name, [m[metric] for m in b],
                         better=LOWER if metric in lower or metric.endswith(" s") or "cpu" in metric else HIGHER,
                         goal=goals.get(metric, "")))

    def count(self, bench: str, what: str, value: float | int, note: str = "") -> None:
        self.counts.append((bench, what, value, note))

    def render(self) -> str:
        load_after = os.getloadavg()
        lines = [f"## {self.title}", "",
                 f"machine: {os.cpu_count()} cpus, python {platform.python_version()}, "
                 f"load average {_load(self.load_before)} before, {_load(load_after)} after, "
                 f"{time.time() - self.started:.0f} s", "",
                 "| bench | case | metric | zhifa min–med–max | baseline | baseline min–med–max | ratio med (min–max)"
                 " | better | goal | meets |",
                 "|---|---|---|---|---|---|---|---|---|---|"]
        for r in self.rows:
            ratios = r.ratios()
            spread = f"({min(ratios):.2f}–{max(ratios):.2f})" if ratios else ""
            lines.append(f"| {r.bench} | {r.case} | {r.metric} | {_spread(r.zhifa)} | {r.baseline_name} | "
                         f"{_spread(r.baseline)} | {r.ratio():.2f} {spread} | {r.better} | {r.goal} | {r.meets()} |")
        if self.counts:
            lines += ["", "| bench | structural count | value | note |", "|---|---|---|---|"]
            for bench, what, value, note in self.counts:
                shown = f"{value}" if isinstance(value, int) else f"{value:.2f}"
                lines.append(f"| {bench} | {what} | {shown} | {note} |")
        if self.notes:
            lines += [""] + [f"- {n}" for n in self.notes]
        return "\n".join(lines)


def _spread(values: Sequence[float]) -> str:
    return "–".join(_num(v) for v in (min(values), statistics.median(values), max(values)))


def _num(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _load(load: tuple[float, float, float]) -> str:
    return "/".join(f"{x:.2f}" for x in load)


def common_arguments(parser: argparse.ArgumentParser, *, repeats: int = 5) -> None:
    parser.add_argument("--repeats", type=int, default=repeats, help="A/B rounds (interleaved)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks that the script runs")
    parser.add_argument("--postgres", default=PG_ADMIN, help="an admin URL of the PostgreSQL server")
    parser.add_argument("--events", type=int, default=1_000_000, help="B2/B3: events in the generated log")


Suite = Callable[[Table, argparse.Namespace], Awaitable[None]]


def script(title: str, doc: str | None, add_arguments: Callable[[argparse.ArgumentParser], None], suite: Suite,
           argv: Sequence[str] | None = None) -> Table:
    """A benchmark script's `__main__`: its arguments, its suite in one event loop, its table printed."""
    parser = argparse.ArgumentParser(description=(doc or title).splitlines()[0])
    common_arguments(parser)
    add_arguments(parser)
    args = parser.parse_args(argv)
    table = Table(title)
    asyncio.run(suite(table, args))
    print(table.render(), flush=True)
    return table


# --- structural counters ------------------------------------------------------------------------------------------


@contextlib.contextmanager
def counting_statements() -> Iterator[Counter[str]]:
    """Every SQL statement any engine of this process sends while the block runs, by its first word (the
    SQLAlchemy `before_cursor_execute` event, on every engine); `total` is their sum."""
    counted: Counter[str] = Counter()

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        counted[statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "?"] += 1
        counted["total"] += 1

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(Engine, "before_cursor_execute", count)


@contextlib.contextmanager
def counting_rpcs(client: Any) -> Iterator[Counter[str]]:
    """Every RPC the Temporal client sends while the block runs, by name (the worker's polls go through the SDK's
    core, not through this path, and are not counted). A None client counts nothing."""
    if client is None:
        yield Counter()
        return
    service_client = client.service_client
    original = service_client._rpc_call
    counted: Counter[str] = Counter()

    async def call(rpc: str, *args: Any, **kwargs: Any) -> Any:
        counted[rpc] += 1
        return await original(rpc, *args, **kwargs)

    service_client._rpc_call = call
    try:
        yield counted
    finally:
        service_client._rpc_call = original


def per_step(counted: Counter[str], steps: int) -> str:
    return ", ".join(f"{name} {n / steps:.2f}" for name, n in sorted(counted.items()) if name != "total")


# --- PostgreSQL databases -------------------------------------------------------------------------------------------


def database_name(label: str) -> str:
    return f"zhifa_bench_{label}_{uuid.uuid4().hex[:8]}"


def sqlalchemy_url(admin: str, name: str) -> str:
    return admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{name}"


def asyncpg_url(admin: str, name: str) -> str:
    return admin.rsplit("/", 1)[0] + f"/{name}"


async def postgres_answers(admin: str) -> bool:
    try:
        conn = await asyncpg.connect(admin, timeout=3)
    except (OSError, asyncpg.PostgresError):
        return False
    await conn.close()
    return True


@contextlib.asynccontextmanager
async def fresh_postgres(admin: str, label: str, *, migrated: bool = True) -> Any:
    """A new database migrated to head (yields its SQLAlchemy URL); dropped afterwards."""
    from infra.db.migrate import upgrade

    name = database_name(label)
    conn = await asyncpg.connect(admin)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    try:
        url = sqlalchemy_url(admin, name)
        if migrated:
            await upgrade(url)
        yield url
    finally:
        conn = await asyncpg.connect(admin)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


def plain_url(sqlalchemy: str) -> str:
    """The asyncpg form of a SQLAlchemy PostgreSQL URL."""
    return sqlalchemy.replace("postgresql+asyncpg://", "postgresql://", 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
