"""The cost of an append, counted in SQL statements (not timed), on both dialects: see `STATEMENTS_PER_APPEND`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import EventEnvelope
from domain.task_routing import next_steps_for
from infra.bulk_import import validate
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.db.migrate import upgrade
from infra.eventstore import EventStore, verify
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from tests.infra.eventstore.counting import statements
from tests.scenarios.templates import general

# An append reads its stream (head, tail and read models, in one statement) unless it continues the tail the same
# store last committed or is the stream's first event (the empty tail), then writes. PostgreSQL (prepared statements
# on the driver): the write is one statement (data-modifying CTEs: the events and what changed of the read models),
# no BEGIN/COMMIT round trips — 2 statements, 1 continuing. SQLite: 1 insert and one upsert or delete per read model
# that changed — 3–5, 2–4 continuing (the write on the driver, see `DRIVER_CALLS_PER_SQLITE_APPEND`). (Before: 7–8
# with a tail read and three loads, 11–13 with two head reads and delete-then-insert.)
STATEMENTS_PER_APPEND = {  # dialect → (reading the stream first, continuing the tail committed by the same store)
    "postgresql": (range(2, 3), range(1, 2)),
    "sqlite": (range(3, 6), range(2, 5)),
}
# SQLite: calls on aiosqlite's thread per append continuing its tail, each a wake-up of the event loop: one — the
# write, from BEGIN IMMEDIATE to COMMIT (see `infra.eventstore.sqlite_io`). Through SQLAlchemy alone the write was 3–4
# calls per statement, the BEGIN 3 and the pool's reset 1: 16–17 in all; with SQLAlchemy's transaction around the one
# write call, 3.
DRIVER_CALLS_PER_SQLITE_APPEND = 1
STAFF = {"lead": "ylq-lead-1", "officer": "ylq-officer-1", "reviewer": "ylq-reviewer-1",
         "principal": "ylq-principal-1"}
SPEC = {"town": "yangliuqing", "unit": "yangliuqing-bureau", "item": "SR-PILING", "violation_type": "ILLEGAL_PILING",
        "fine_fen": 50000, "place": "某街", "party": "CITIZEN"}


def _two_cases() -> list[list[EventEnvelope]]:
    return validate({"format": "zhifa.bulk-import/1", "cases": [
        general(SPEC, f"ylq-cost-{n}", n, date(2023, 3, 6), STAFF) for n in (1, 2)]}, reference=demo_reference(),
        profiles=demo_profiles(), calendar=load_work_calendar())


async def _counted(engine: AsyncEngine, store: Callable[[], EventStore], history: list[EventEnvelope]) -> list[int]:
    per_append = []
    for envelope in history:
        async with statements(engine) as seen:
            await store().append([envelope])
        per_append.append(len(seen))
    return per_append


async def test_every_single_event_append_of_a_whole_case_stays_within_the_statement_budget(db_url: str) -> None:
    reading, continuing = _two_cases()
    engine = create_engine(db_url)
    warm = EventStore(engine, Projector(next_steps_for))
    try:
        # A connection's first statements set it up (asyncpg introspects the types once): not an append's cost.
        await warm.append(continuing[:1])
        # A store of its own for each append: nothing remembered, every append reads its stream.
        read_first = await _counted(engine, lambda: EventStore(engine, Projector(next_steps_for)), reading)
        continued = await _counted(engine, lambda: warm, continuing[1:])
        async with statements(engine) as retried:
            await warm.append([continuing[-1]])  # a retried append: one read, nothing written
        assert await verify(engine) == []
    finally:
        await engine.dispose()
    budget = STATEMENTS_PER_APPEND[engine.dialect.name]
    assert len(read_first) == len(reading) > 10 and len(continued) == len(continuing) - 1
    assert read_first[0] in budget[1], read_first  # a new stream's first event: nothing to read
    assert set(read_first[1:]) <= set(budget[0]), read_first
    assert set(continued) <= set(budget[1]), continued
    assert len(retried) == 1, retried


async def test_an_sqlite_append_is_one_transaction_in_one_call_on_the_drivers_thread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'calls.db'}"
    await upgrade(url)
    calls: Counter[str] = Counter()
    on_thread = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        calls[getattr(fn, "__name__", "?")] += 1
        return await on_thread(self, fn, *args, **kwargs)

    _, history = _two_cases()
    engine = create_engine(url)
    store = EventStore(engine, Projector(next_steps_for))
    try:
        await store.append(history[:1])
        monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
        for envelope in history[1:]:
            await store.append([envelope])
        monkeypatch.undo()
        assert await verify(engine) == []
    finally:
        await engine.dispose()
    appends = len(history) - 1
    assert sum(calls.values()) == DRIVER_CALLS_PER_SQLITE_APPEND * appends, calls
    assert calls["run_atomic_write"] == appends  # BEGIN, events, summary, deadlines and tasks, COMMIT
