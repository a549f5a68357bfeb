"""Ledger entries reach the log through the ledger service: one stream per ledger and unit, all or nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.ledgers import commands as c
from domain.ledgers.values import HotlineCategory
from domain.reference import StaffCategory
from domain.task_routing import next_steps_for
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore, verify
from infra.ledgers import LedgerEntryRejected, record_entries
from infra.projections import Projector
from infra.reference import demo_reference

NOW = datetime(2023, 12, 10, tzinfo=UTC)
UNIT = "yangliuqing-bureau"


@pytest_asyncio.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        await engine.dispose()


def _hotline(entry: str, count: int) -> c.RecordHotlineTally:
    return c.RecordHotlineTally(occurred_at=datetime(2023, 12, 1, tzinfo=UTC), actors=("clerk",), unit=UNIT,
                                entry_id=entry, category=HotlineCategory.RECEIVED, count=count)


async def _record(store: EventStore, *commands: c.LedgerCommand) -> int:
    report = await record_entries(store, list(commands), reference=demo_reference(), calendar=load_work_calendar(),
                                  clock=lambda: NOW)
    return report.events


async def test_entries_of_one_ledger_and_unit_form_one_hash_chained_stream(engine: AsyncEngine) -> None:
    store = EventStore(engine, Projector(next_steps_for))
    assert await _record(store, _hotline("h1", 300), _hotline("h2", 371)) == 2
    assert await _record(store, _hotline("h3", 5)) == 1
    stream = await store.load_stream("ledger:hotline:yangliuqing-bureau")
    assert [(e.seq, e.stream_kind, e.town, e.event_type, e.payload["count"]) for e in stream] == [
        (1, "LEDGER:HOTLINE", "yangliuqing", "HotlineTallyRecorded", 300),
        (2, "LEDGER:HOTLINE", "yangliuqing", "HotlineTallyRecorded", 371),
        (3, "LEDGER:HOTLINE", "yangliuqing", "HotlineTallyRecorded", 5)]
    assert await verify(engine) == []


async def test_a_batch_with_one_bad_entry_appends_nothing(engine: AsyncEngine) -> None:
    store = EventStore(engine, Projector(next_steps_for))
    join = c.JoinStaff(occurred_at=datetime(2023, 1, 1, tzinfo=UTC), actors=("clerk",), unit=UNIT, entry_id="r1",
                       person_id="p1", name="张三", category=StaffCategory.OFFICER)
    with pytest.raises(LedgerEntryRejected) as info:
        await _record(store, _hotline("h1", 300), join, _hotline("h1", 1))
    assert info.value.position == 3
    assert (info.value.error.rule, info.value.error.field) == ("DUPLICATE_ENTRY", "entry_id")
    assert await store.load_stream("ledger:hotline:yangliuqing-bureau") == []
    assert await store.load_stream("ledger:roster:yangliuqing-bureau") == []
