"""Benchmark: event append, the write hot path.

Appends N general-case streams (one append per event: the worst case; a workflow step appends 1–3 events
at once) through the real
`EventStore` — chain check, idempotency check and read-model updates in the same transaction — and, as the
baseline measured in the same run, plain INSERTs of the very same rows into the events table (no checks, no read
models). Prints events/second for both and their ratio, on SQLite and, when reachable, PostgreSQL.

    .venv/bin/python -m bench.append_events [--streams 200] [--postgres postgresql://postgres@127.0.0.1:5432/postgres]

The ratio is what to watch: the cost of correctness over a bare insert. Absolute numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import asyncpg
from sqlalchemy import insert

from domain.cases.context import stream_context
from domain.cases.decider import GeneralCaseDecider
from domain.cases.status import CaseStatus
from domain.envelope import GENESIS_HASH, EventEnvelope
from domain.recording import record
from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.db.migrate import upgrade
from infra.db.models import EventRow
from infra.eventstore import EventStore
from infra.eventstore.rows import to_row
from infra.projections import Projector
from tests.domain.cases.builder import drive
from tests.domain.cases.fixtures import at


def case_batches(streams: int) -> list[list[EventEnvelope]]:
    """Every step of a full general case as the batch the workflow would append, for `streams` cases."""
    template = drive(CaseStatus.ARCHIVED)
    decider = GeneralCaseDecider()
    batches: list[list[EventEnvelope]] = []
    for _ in range(streams):
        case_id = f"bench-{uuid.uuid4().hex}"
        state, seq, prev = decider.initial(), 1, GENESIS_HASH
        for event in template.events:
            if hasattr(event, "case_id"):
                event = dataclasses.replace(event, case_id=case_id)
            state, sealed = record(decider, state, [event], context_of=stream_context, first_seq=seq,
                                   prev_hash=prev, recorded_at=at(10, 23))
            batches.append(sealed)
            seq, prev = seq + len(sealed), sealed[-1].hash
    return batches


async def timed_store(url: str, batches: Sequence[list[EventEnvelope]]) -> float:
    engine = create_engine(url)
    store = EventStore(engine, Projector(next_steps_for))
    started = time.perf_counter()
    for batch in batches:
        await store.append(batch)
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return elapsed


async def timed_baseline(url: str, batches: Sequence[list[EventEnvelope]]) -> float:
    engine = create_engine(url)
    started = time.perf_counter()
    for batch in batches:
        async with engine.begin() as conn:
            await conn.execute(insert(EventRow), [to_row(e) for e in batch])
    elapsed = time.perf_counter() - started
    await engine.dispose()
    return elapsed


async def fresh_sqlite(directory: Path, name: str) -> str:
    url = f"sqlite+aiosqlite:///{directory / name}.db"
    await upgrade(url)
    return url


async def fresh_postgres(admin: str, name: str) -> str:
    conn = await asyncpg.connect(admin)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    url = admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + f"/{name}"
    await upgrade(url)
    return url


async def drop_postgres(admin: str, name: str) -> None:
    conn = await asyncpg.connect(admin)
    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await conn.close()


def report(dialect: str, events: int, store_s: float, base_s: float) -> None:
    print(f"{dialect:<10} store {events / store_s:>9.0f} events/s   baseline {events / base_s:>9.0f} events/s   "
          f"store/baseline time ratio {store_s / base_s:.2f}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    batches = case_batches(args.streams)
    events = sum(len(b) for b in batches)
    print(f"{args.streams} cases, {len(batches)} appends, {events} events")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        store_s = await timed_store(await fresh_sqlite(directory, "store"), batches)
        base_s = await timed_baseline(await fresh_sqlite(directory, "baseline"), batches)
        report("sqlite", events, store_s, base_s)
    try:
        names = [f"zhifa_bench_{uuid.uuid4().hex[:8]}" for _ in range(2)]
        urls = [await fresh_postgres(args.postgres, name) for name in names]
    except (OSError, asyncpg.PostgresError) as error:
        print(f"postgresql skipped: {error}")
        return
    try:
        store_s = await timed_store(urls[0], batches)
        base_s = await timed_baseline(urls[1], batches)
        report("postgresql", events, store_s, base_s)
    finally:
        for name in names:
            await drop_postgres(args.postgres, name)


if __name__ == "__main__":
    asyncio.run(main())
