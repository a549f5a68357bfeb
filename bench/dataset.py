"""Generated data for the read benchmarks (B2, B3) on PostgreSQL, at a million events and more.

Realism first, then scale: the three scenario files (张家窝镇 2022, 杨柳青镇 2023, 大寺镇 2020; about 8,000
events in 545 streams of every kind) go through `infra.bulk_import.import_cases` — decided step by step, the read
models folded by the real projector. Then set-based INSERT … SELECT statements clone those streams (events,
case summaries, deadlines, tasks) under new stream ids (`<id>~<n>`, the id also replaced inside the payload)
until the log holds the events asked for. Clones keep their template's times, so each scenario year grows
uniformly. Their hashes are the template's: the clones are not valid chains (no benchmark verifies them).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import asyncpg

from domain.task_routing import next_steps_for
from infra.bulk_import import import_cases
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from tests.scenarios.scenario import load
from tests.scenarios.templates import expand_cases

SCENARIOS = ("zhangjiawo-2022", "yangliuqing-2023", "dasi-2020")
TEMPLATE = "stream_id NOT LIKE '%~%'"

_CLONE = {
    "events": ("stream_id", "seq, stream_kind, event_type, event_version, occurred_at, recorded_at, actor, town, "
                            "unit, procedure, violation_type, fine_amount_fen, status, payload, prev_hash, hash"),
    "case_summaries": ("stream_id", "stream_kind, town, unit, procedure, violation_type, status, case_no, party_name, "
                                    "opened_at, filed_at, decided_at, closed_at, fine_amount_fen, last_event_type, "
                                    "last_event_at, last_seq, officers, version"),
    "deadlines": ("stream_id", "clock_key, deadline_id, started_on, due_on, warn_on, provisional, status, town"),
    "tasks": ("stream_id", "step, role, town, due_on"),
}


@dataclass
class Dataset:
    url: str  # SQLAlchemy URL
    events: int
    streams: int
    template_events: int
    clones: int
    seconds: float


def scenario_document(limit: int | None = None) -> dict[str, Any]:
    cases = [case for name in SCENARIOS for case in expand_cases(load(name))][:limit]
    return {"format": "zhifa.bulk-import/1", "cases": cases}


async def import_templates(url: str, limit: int | None = None) -> None:
    engine = create_engine(url)
    try:
        await import_cases(EventStore(engine, Projector(next_steps_for)), scenario_document(limit),
                           reference=demo_reference(), profiles=demo_profiles(), calendar=load_work_calendar())
    finally:
        await engine.dispose()


def _clone_statement(table: str, first: int, last: int) -> str:
    key, rest = _CLONE[table]
    values = rest.replace("payload", "replace(payload::text, stream_id, stream_id || '~' || n)::json") \
        if table == "events" else rest
    order = "ORDER BY n, position" if table == "events" else ""
    return (f"INSERT INTO {table} ({key}, {rest}) SELECT {key} || '~' || n, {values} FROM {table} "
            f"CROSS JOIN generate_series({first}, {last}) AS n WHERE {TEMPLATE} {order}")


async def grow(url: str, target_events: int, *, batch_clones: int = 10) -> Dataset:
    """Clone the template streams until the log holds at least `target_events` (never shrinks)."""
    started = time.perf_counter()
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        template = int(await conn.fetchval(f"SELECT count(*) FROM events WHERE {TEMPLATE}"))
        clones = int(await conn.fetchval("SELECT count(DISTINCT split_part(stream_id, '~', 2)) FROM events "
                                         "WHERE stream_id LIKE '%~%'"))
        wanted = max(0, -(-target_events // template) - 1)
        while clones < wanted:
            last = min(wanted, clones + batch_clones)
            async with conn.transaction():
                for table in _CLONE:
                    await conn.execute(_clone_statement(table, clones + 1, last))
            clones = last
        await conn.execute("ANALYZE")
        events = int(await conn.fetchval("SELECT count(*) FROM events"))
        streams = int(await conn.fetchval("SELECT count(DISTINCT stream_id) FROM events"))
    finally:
        await conn.close()
    return Dataset(url, events, streams, template, clones, time.perf_counter() - started)
