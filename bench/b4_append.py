"""B4 append: the write hot path on PostgreSQL.

- Appends: N general cases, every step the batch the workflow would append (1–3 events), through the real
  `EventStore.append` (chain and idempotency checks, read models in the same transaction) by 1 and by 8
  concurrent writers (disjoint streams), against raw asyncpg INSERTs of the very same rows (one transaction per
  batch, no checks, no read models) by as many connections.
- Bulk import (the issue's row, "without command replay"): `EventStore.append_many` of the scenario documents'
  histories, decided beforehand (the whole file in one transaction: COPY of the events, read models folded and
  inserted set-wise) against PostgreSQL COPY of the same sealed rows — the write path, like for like. The second
  row times `infra.bulk_import.import_cases` (every step decided, then the same write) against the same COPY.

    PYTHONPATH=. .venv/bin/python -m bench.b4_append [--streams 100] [--repeats 5] [--smoke]

The ratio is events/s of zhifa over events/s of the baseline. Absolute numbers depend on the machine. The process
sets its cyclic collector as `zhifa import` and the API server set theirs (`zhifa.collector`), for both sides.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import statistics
import time
import uuid
from collections.abc import Sequence
from typing import Any

import asyncpg

from bench.common import (
    Metrics,
    Table,
    fresh_postgres,
    interleaved,
    plain_url,
    postgres_answers,
    script,
)
from bench.dataset import scenario_document
from domain.cases.context import stream_context
from domain.cases.decider import GeneralCaseDecider
from domain.cases.status import CaseStatus
from domain.envelope import GENESIS_HASH, EventEnvelope
from domain.recording import record
from domain.task_routing import next_steps_for
from infra.bulk_import import import_cases
from infra.bulk_import.importer import validate
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.eventstore.rows import ENVELOPE_COLUMNS, to_row
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from tests.domain.cases.builder import drive
from tests.domain.cases.fixtures import at
from tests.infra.eventstore.counting import statements
from zhifa.collector import settle_after_start

INSERT = (f"INSERT INTO events ({', '.join(ENVELOPE_COLUMNS)}) "
          f"VALUES ({', '.join(f'${i}' for i in range(1, len(ENVELOPE_COLUMNS) + 1))})")


# --- data ------------------------------------------------------------------------------------------------------


def case_streams(streams: int) -> list[list[list[EventEnvelope]]]:
    """For each of `streams` general cases (lead to archive), the batches the workflow would append, in order."""
    template = drive(CaseStatus.ARCHIVED)
    decider = GeneralCaseDecider()
    result = []
    for _ in range(streams):
        case_id = f"bench-{uuid.uuid4().hex}"
        state, seq, prev = decider.initial(), 1, GENESIS_HASH
        batches = []
        for event in template.events:
            if hasattr(event, "case_id"):
                event = dataclasses.replace(event, case_id=case_id)
            state, sealed = record(decider, state, [event], context_of=stream_context, first_seq=seq,
                                   prev_hash=prev, recorded_at=at(10, 23))
            batches.append(sealed)
            seq, prev = seq + len(sealed), sealed[-1].hash
        result.append(batches)
    return result


def import_document(limit: int | None, suffix: str) -> dict[str, Any]:
    """The scenario files' cases as one bulk-import document, their ids suffixed (so every round is new data)."""
    document = scenario_document(limit)
    for case in document["cases"]:
        first = case["steps"][0]
        for key in ("case_id", "inspection_id"):
            if key in first:
                first[key] = f"{first[key]}~{suffix}"
    return document


def record_of(env: EventEnvelope) -> tuple[Any, ...]:
    row = to_row(env)
    row["payload"] = json.dumps(row["payload"], ensure_ascii=False)
    return tuple(row[name] for name in ENVELOPE_COLUMNS)


# --- the two sides ----------------------------------------------------------------------------------------------


def _split(streams: Sequence[list[list[EventEnvelope]]], writers: int) -> list[list[list[EventEnvelope]]]:
    """Each writer's batches, stream after stream (writers own disjoint streams)."""
    return [[batch for stream in streams[w::writers] for batch in stream] for w in range(writers)]


async def store_appends(store: EventStore, streams: Sequence[list[list[EventEnvelope]]], writers: int) -> Metrics:
    async def writer(batches: list[list[EventEnvelope]]) -> None:
        for batch in batches:
            await store.append(batch)

    events = sum(len(b) for s in streams for b in s)
    started = time.perf_counter()
    await asyncio.gather(*(writer(part) for part in _split(streams, writers)))
    return {"events/s": events / (time.perf_counter() - started)}


async def raw_inserts(pool: asyncpg.Pool, streams: Sequence[list[list[EventEnvelope]]], writers: int) -> Metrics:
    prepared = [[[record_of(e) for e in batch] for batch in part] for part in _split(streams, writers)]

    async def writer(batches: list[list[tuple[Any, ...]]]) -> None:
        async with pool.acquire() as conn:
            for batch in batches:
                async with conn.transaction():
                    await conn.executemany(INSERT, batch)

    events = sum(len(b) for s in streams for b in s)
    started = time.perf_counter()
    await asyncio.gather(*(writer(part) for part in prepared))
    return {"events/s": events / (time.perf_counter() - started)}


async def bulk_import(store: EventStore, document: dict[str, Any]) -> Metrics:
    started = time.perf_counter()
    report = await import_cases(store, document, reference=demo_reference(), profiles=demo_profiles(),
                                calendar=load_work_calendar())
    return {"events/s": report.events / (time.perf_counter() - started)}


async def bulk_append(store: EventStore, histories: list[list[EventEnvelope]]) -> Metrics:
    started = time.perf_counter()
    outcome = await store.append_many(histories, rehash=False)
    return {"events/s": outcome.appended / (time.perf_counter() - started)}


def decided(limit: int | None, suffix: str) -> list[list[EventEnvelope]]:
    return validate(import_document(limit, suffix), reference=demo_reference(), profiles=demo_profiles(),
                    calendar=load_work_calendar())


async def copy_rows(pool: asyncpg.Pool, histories: list[list[EventEnvelope]]) -> Metrics:
    records = [record_of(e) for history in histories for e in history]
    started = time.perf_counter()
    async with pool.acquire() as conn:
        await conn.copy_records_to_table("events", records=records, columns=list(ENVELOPE_COLUMNS))
    return {"events/s": len(records) / (time.perf_counter() - started)}


# --- the run ------------------------------------------------------------------------------------------------------


async def run(table: Table, *, streams: int, import_cases_limit: int | None, repeats: int, admin: str) -> None:
    if not await postgres_answers(admin):
        table.notes.append(f"B4 skipped: no PostgreSQL at {admin}")
        return
    settle_after_start()  # as `zhifa import` and the API server set their collector (zhifa/collector.py)
    async with fresh_postgres(admin, "b4a") as url_a, fresh_postgres(admin, "b4b") as url_b:
        engine = create_engine(url_a)
        store = EventStore(engine, Projector(next_steps_for))
        pool = await asyncpg.create_pool(plain_url(url_b), min_size=8, max_size=8)
        try:
            for writers in (1, 8):
                async def a(w: int = writers) -> Metrics:
                    return await store_appends(store, case_streams(streams), w)

                async def b(w: int = writers) -> Metrics:
                    return await raw_inserts(pool, case_streams(streams), w)

                res_a, res_b = await interleaved(repeats, a, b)
                table.add_metrics("B4", f"append, {writers} writer{'s' * (writers > 1)}", res_a,
                                  "asyncpg INSERT", res_b, goals={"events/s": ">=0.6"})
            sample = case_streams(2)
            continuing, reading = [], []  # the same store (it committed the step before), a fresh store each time
            for warm, cold in zip(*sample, strict=True):
                for batch, store_of, counts in ((warm, store, continuing), (cold, None, reading)):
                    async with statements(engine) as counted:
                        await (store_of or EventStore(engine, Projector(next_steps_for))).append(batch)
                    counts.append(len(counted))
            table.count("B4", "SQL statements per append (median)", int(statistics.median(continuing)),
                        f"min {min(continuing)}, max {max(continuing)}, {sum(continuing)} over the "
                        f"{len(continuing)} appends of a general case, lead to archive; reading the stream first "
                        f"(no tail remembered): median {int(statistics.median(reading))}, max {max(reading)}")

            rounds = iter(range(10 * repeats))  # a fresh suffix per round: new streams every time

            async def import_a() -> Metrics:
                return await bulk_import(store, import_document(import_cases_limit, f"a{next(rounds)}"))

            async def copy_b() -> Metrics:
                return await copy_rows(pool, decided(import_cases_limit, f"b{next(rounds)}"))

            async def append_a() -> Metrics:
                return await bulk_append(store, decided(import_cases_limit, f"c{next(rounds)}"))

            # The issue's row: the write of the closed cases' histories (decided beforehand, "without command
            # replay") against COPY of the same rows. Deciding them is the second row's extra, shown without a goal.
            res_a, res_b = await interleaved(repeats, append_a, copy_b)
            table.add_metrics("B4", "bulk import: write of decided histories (append_many)", res_a, "COPY", res_b,
                              goals={"events/s": ">=0.5"})
            res_a, res_b = await interleaved(repeats, import_a, copy_b)
            table.add_metrics("B4", "bulk import: decide + write (import_cases)", res_a, "COPY", res_b)
        finally:
            await pool.close()
            await engine.dispose()
    events = sum(len(b) for b in case_streams(1)[0])
    table.notes.append(f"B4: {streams} general cases per round ({streams * events} events, "
                       f"{streams * len(case_streams(1)[0])} appends); bulk import of "
                       f"{import_cases_limit or 'all'} scenario cases per round; PostgreSQL")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--streams", type=int, default=100, help="B4: general cases appended per round")


async def suite(table: Table, args: argparse.Namespace) -> None:
    streams, limit = (4, 12) if args.smoke else (args.streams, None)
    await run(table, streams=streams, import_cases_limit=limit, repeats=args.repeats, admin=args.postgres)


if __name__ == "__main__":
    script("B4 append", __doc__, add_arguments, suite)
