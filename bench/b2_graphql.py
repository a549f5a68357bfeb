"""B2 GraphQL: the read API under a bounded loopback load, on generated data (bench.dataset, 1 M events).

Four reads of 张家窝镇's case lead (`zjw-lead-1`, one town): the case list (a page of 50 cases × 10 fields and
the total count), a case's detail with its timeline (64 cases in turn), the overdue deadlines and the caller's
tasks. Each is sent `--requests` times, `--concurrency` at once, from httpx.AsyncClient in this process to

- zhifa: the real app (`zhifa.api_server.build_app`) under uvicorn, in a process of its own;
- raw: a bare Starlette + asyncpg + orjson handler running the same SQL (bench.servers), same process model;
- PostGraphile v4 over the same tables (list and detail only: v4 without plugins has no OR/IN filters for the
  other two), as `zhifa_reader` with the same town setting, where Node is present (installed under bench/.node).

Requests/s, p50/p99 and the server process's CPU per request. Structural: SQL statements per request of each
read (in-process, the SQLAlchemy `before_cursor_execute` event).

    PYTHONPATH=. .venv/bin/python -m bench.b2_graphql [--events 1000000] [--requests 200] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.common import (
    Metrics,
    Table,
    counting_statements,
    cpu_seconds,
    free_port,
    fresh_postgres,
    latency_metrics,
    plain_url,
    postgres_answers,
    rotated,
    script,
)
from bench.dataset import grow, import_templates
from bench.servers import zhifa_app
from tests.api.client import token_for

HERE = Path(__file__).resolve().parent
NODE_DIR = HERE / ".node"
CALLER, TOWNS, ROLES = "zjw-lead-1", ["zhangjiawo"], ["case_lead", "officer"]
LIST_FIELDS = "streamId kind caseNo status town procedure violationType partyName openedAt fineAmountFen"
PG_LIST_FIELDS = "streamId streamKind caseNo status town procedure violationType partyName openedAt fineAmountFen"
DETAIL = ("query($id: ID!) { case(id: $id) { __typename ... on Case { streamId caseNo status town openedAt "
          "fineAmountFen timeline { seq type occurredAt recordedAt actor status hash data } } } }")
PG_DETAIL = ("query($id: String!) { caseSummaryByStreamId(streamId: $id) { streamId caseNo status town openedAt "
             "fineAmountFen } allEvents(condition: {streamId: $id}, orderBy: SEQ_ASC) { nodes { seq eventType "
             "occurredAt recordedAt actor status hash payload } } }")

Body = Callable[[int], dict[str, Any]]


@dataclass(frozen=True)
class Read:
    name: str
    zhifa: Body
    raw_path: str
    raw: Body
    postgraphile: Body | None


def reads(case_ids: Sequence[str]) -> list[Read]:
    def fixed(document: str) -> Body:
        return lambda _i: {"query": document}

    def scope(**extra: Any) -> Body:
        return lambda i: {"towns": TOWNS, "roles": ROLES, "ids": [case_ids[i % len(case_ids)]], **extra}

    return [
        Read("case list (50 × 10 fields + totalCount)",
             fixed(f"{{ cases(first: 50) {{ totalCount edges {{ node {{ {LIST_FIELDS} }} }} }} }}"), "/cases",
             scope(), fixed(f"{{ allCaseSummaries(first: 50, orderBy: [OPENED_AT_DESC, STREAM_ID_DESC]) "
                            f"{{ totalCount nodes {{ {PG_LIST_FIELDS} }} }} }}")),
        Read("case detail with timeline",
             lambda i: {"query": DETAIL, "variables": {"id": case_ids[i % len(case_ids)]}}, "/case", scope(),
             lambda i: {"query": PG_DETAIL, "variables": {"id": case_ids[i % len(case_ids)]}}),
        Read("overdue deadlines (50)",
             fixed("{ overdueDeadlines(first: 50) { deadline { caseId clockKey deadlineId dueOn status } } }"),
             "/overdue", scope(), None),
        Read("my tasks (50)", fixed("{ myTasks(first: 50) { caseId step role dueOn } }"), "/tasks", scope(), None),
    ]


# --- servers ----------------------------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    url: str
    process: asyncio.subprocess.Process
    headers: dict[str, str]


def ensure_postgraphile() -> str | None:
    """The node binary when PostGraphile v4 is (or can be) installed under bench/.node; None otherwise."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        return None
    if not (NODE_DIR / "node_modules" / "postgraphile" / "package.json").exists():
        if npm is None:
            return None
        NODE_DIR.mkdir(exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund",
                               "postgraphile@4"], capture_output=True, timeout=300, check=False)
        if done.returncode != 0:
            return None
    return node


@contextlib.asynccontextmanager
async def serving(name: str, argv: list[str], url: str, probe: dict[str, Any] | None, headers: dict[str, str],
                  env: dict[str, str] | None = None) -> AsyncIterator[Server]:
    process = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.DEVNULL,
                                                   stderr=asyncio.subprocess.DEVNULL, env={**os.environ, **(env or {})})
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            for _ in range(300):
                if process.returncode is not None:
                    raise RuntimeError(f"{name} server exited with {process.returncode}")
                try:
                    answer = await (client.post(url, json=probe, headers=headers) if probe is not None
                                    else client.get(url.rsplit("/", 1)[0] + "/healthz"))
                    if answer.status_code < 500:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError(f"{name} server did not answer at {url}")
        yield Server(name, url, process, headers)
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()


async def load(server: Server, body: Body, requests: int, concurrency: int) -> Metrics:
    """`requests` POSTs, `concurrency` at once; fails loudly on an error answer (a wrong benchmark is worse than
    none)."""
    latencies: list[float] = []
    numbers = iter(range(requests))
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as client:
        async def worker() -> None:
            for number in numbers:
                started = time.perf_counter()
                answer = await client.post(server.url, json=body(number), headers=server.headers)
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 200 or (number < concurrency and "errors" in answer.json()):
                    raise RuntimeError(f"{server.name}: {answer.status_code} {answer.text[:300]}")

        cpu_before = cpu_seconds(server.process.pid)
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    metrics = latency_metrics(latencies, elapsed, "requests")
    metrics["server cpu ms/request"] = 1000 * (cpu_seconds(server.process.pid) - cpu_before) / requests
    return metrics


# --- the run -----------------------------------------------------------------------------------------------------


async def statements_per_read(table: Table, url: str, case_ids: Sequence[str]) -> None:
    app = zhifa_app(url)
    headers = {"Authorization": f"Bearer {token_for(CALLER)}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
        for read in reads(case_ids):
            await client.post("/graphql", json=read.zhifa(0), headers=headers)  # warm: schema, first connection
            with counting_statements() as counted:
                answer = await client.post("/graphql", json=read.zhifa(1), headers=headers)
            assert answer.status_code == 200 and "errors" not in answer.json(), answer.text[:300]
            # GraphQL reads on kept `zhifa_reader` connections (infra.readside.SessionReadScope): no transaction;
            # the scope's SET ROLE + set_config go on the driver connection, past SQLAlchemy's event, and only
            # when a connection last served other towns (never here after the warm-up: one caller).
            table.count("B2", f"SQL statements per request: {read.name}", counted["total"],
                        ", ".join(f"{k} {v}" for k, v in sorted(counted.items()) if k != "total")
                        + "; no BEGIN/ROLLBACK, scope set only on a change of towns")


async def run(table: Table, *, events: int, template_cases: int | None, requests: int, concurrency: int,
              repeats: int, admin: str, with_postgraphile: bool = True) -> None:
    if not await postgres_answers(admin):
        table.notes.append(f"B2 skipped: no PostgreSQL at {admin}")
        return
    async with fresh_postgres(admin, "b2") as url:
        await import_templates(url, template_cases)
        data = await grow(url, events)
        conn = await asyncpg.connect(plain_url(url))
        case_ids = [r[0] for r in await conn.fetch(
            "SELECT stream_id FROM case_summaries WHERE town = $1 AND procedure = 'GENERAL' "
            "ORDER BY md5(stream_id) LIMIT 64", TOWNS[0])]
        await conn.close()
        await statements_per_read(table, url, case_ids)
        python = [sys.executable, "-m", "bench.servers"]
        env = {"PYTHONPATH": str(HERE.parent)}
        token = {"Authorization": f"Bearer {token_for(CALLER)}"}
        zhifa_port, raw_port, pg_port = free_port(), free_port(), free_port()
        async with contextlib.AsyncExitStack() as stack:
            zhifa = await stack.enter_async_context(serving(
                "zhifa", [*python, "zhifa", "--database", plain_url(url), "--port", str(zhifa_port)],
                f"http://127.0.0.1:{zhifa_port}/graphql", None, token, env))
            raw = await stack.enter_async_context(serving(
                "raw", [*python, "raw", "--database", plain_url(url), "--port", str(raw_port)],
                f"http://127.0.0.1:{raw_port}/cases", None, {}, env))
            # Smoke runs (the test suite) never install PostGraphile: no npm download inside a test.
            node = ensure_postgraphile() if with_postgraphile else None
            postgraphile = None
            if node is None:
                table.notes.append("B2: PostGraphile skipped (smoke run, no node/npm, or the install failed)")
            else:
                postgraphile = await stack.enter_async_context(serving(
                    "postgraphile", [node, str(HERE / "postgraphile_server.js"), plain_url(url), str(pg_port),
                                     ",".join(TOWNS)],
                    f"http://127.0.0.1:{pg_port}/graphql", {"query": "{ __typename }"}, {},
                    {"NODE_PATH": str(NODE_DIR / "node_modules")}))
            for read in reads(case_ids):
                raw_at = Server(raw.name, raw.url.rsplit("/", 1)[0] + read.raw_path, raw.process, {})
                sides = [lambda r=read: load(zhifa, r.zhifa, requests, concurrency),
                         lambda r=read, at=raw_at: load(at, r.raw, requests, concurrency)]
                if postgraphile is not None and read.postgraphile is not None:
                    sides.append(lambda r=read: load(postgraphile, r.postgraphile, requests, concurrency))
                results = await rotated(repeats, *sides)
                table.add_metrics("B2", read.name, results[0], "raw Starlette+asyncpg", results[1])
                if len(results) > 2:
                    table.add_metrics("B2", read.name, results[0], "PostGraphile v4", results[2],
                                      goals={"requests/s": ">=1.0"})
    table.notes.append(f"B2: {data.events:,} events, {data.streams:,} streams; {requests} requests per round, "
                       f"{concurrency} at once, loopback; caller {CALLER} (one town)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--requests", type=int, default=200, help="B2: requests per read and round")
    parser.add_argument("--concurrency", type=int, default=8, help="B2: requests in flight")


async def suite(table: Table, args: argparse.Namespace) -> None:
    if args.smoke:
        await run(table, events=1_000, template_cases=30, requests=16, concurrency=4, repeats=args.repeats,
                  admin=args.postgres, with_postgraphile=False)
    else:
        await run(table, events=args.events, template_cases=None, requests=args.requests,
                  concurrency=args.concurrency, repeats=args.repeats, admin=args.postgres)


if __name__ == "__main__":
    script("B2 GraphQL", __doc__, add_arguments, suite)
