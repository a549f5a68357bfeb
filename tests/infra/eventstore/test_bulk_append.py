"""A bulk append (what a bulk import of closed cases uses) writes the very rows the one-by-one appends write —
events, chain and read models — in one transaction and a few statements; a re-run writes nothing, a stream stored
with other content refuses the whole file, and a stream stored in part is continued — on both dialects."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import JSON, Table, Text, cast, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import EventEnvelope
from domain.task_routing import next_steps_for
from infra.bulk_import import import_cases, validate
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.db.models import append_alarms, case_summaries, deadlines, events, tasks
from infra.db.models_notifications import notifications
from infra.eventstore import AppendConflict, EventStore, InvalidEnvelope, verify
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from tests.infra.eventstore.counting import statements
from tests.notifications.support import case_with_d7, notifying_store
from tests.scenarios.scenario import load
from tests.scenarios.templates import expand_cases, general

STORED = (events, case_summaries, deadlines, tasks)
STAFF = {"lead": "ylq-lead-1", "officer": "ylq-officer-1", "reviewer": "ylq-reviewer-1",
         "principal": "ylq-principal-1"}
SPEC = {"town": "yangliuqing", "unit": "yangliuqing-bureau", "item": "SR-PILING", "violation_type": "ILLEGAL_PILING",
        "fine_fen": 50000, "place": "某街", "party": "CITIZEN"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_urls(request: pytest.FixtureRequest, tmp_path: Any) -> tuple[str, str]:
    """Two migrated, empty databases of one dialect."""
    if request.param == "sqlite":
        first: str = request.getfixturevalue("sqlite_url")
        second = tmp_path / "second.db"
        shutil.copyfile(str(make_url(first).database), second)
        return first, f"sqlite+aiosqlite:///{second}"
    return request.getfixturevalue("pg_empty_url"), request.getfixturevalue("pg_fresh_url")


@pytest_asyncio.fixture
async def stores(two_urls: tuple[str, str]) -> AsyncIterator[tuple[EventStore, EventStore]]:
    engines = [create_engine(url) for url in two_urls]
    try:
        yield EventStore(engines[0], Projector(next_steps_for)), EventStore(engines[1], Projector(next_steps_for))
    finally:
        for engine in engines:
            await engine.dispose()


def _document(*cases: dict[str, Any]) -> dict[str, Any]:
    return {"format": "zhifa.bulk-import/1", "cases": list(cases)}


def _scenario() -> dict[str, Any]:
    return _document(*expand_cases(load("yangliuqing-2023")))


def _histories(document: dict[str, Any]) -> list[list[EventEnvelope]]:
    return validate(document, reference=demo_reference(), profiles=demo_profiles(), calendar=load_work_calendar())


async def _import(store: EventStore, document: dict[str, Any]) -> Any:
    return await import_cases(store, document, reference=demo_reference(), profiles=demo_profiles(),
                              calendar=load_work_calendar())


async def _rows(engine: AsyncEngine, table: Table) -> list[tuple[Any, ...]]:
    """Every row as stored, JSON as its stored text (so a byte of difference shows)."""
    columns = [cast(c, Text) if isinstance(c.type, JSON) else c for c in table.columns]
    async with engine.connect() as conn:
        return [tuple(row) for row in await conn.execute(select(*columns).order_by(*table.primary_key.columns))]


async def _counts(engine: AsyncEngine) -> list[int]:
    async with engine.connect() as conn:
        return [int(await conn.scalar(select(func.count()).select_from(t)) or 0) for t in (*STORED, append_alarms)]


async def test_a_file_appended_in_bulk_stores_the_rows_the_one_by_one_appends_store(
        stores: tuple[EventStore, EventStore]) -> None:
    one_by_one, bulk = stores
    for history in _histories(_scenario()):
        await one_by_one.append(history)
    report = await _import(bulk, _scenario())
    assert report.streams == 71 and report.events == len(await _rows(bulk.engine, events)) > 500
    for table in STORED:
        assert await _rows(bulk.engine, table) == await _rows(one_by_one.engine, table), table.name
    assert await verify(bulk.engine) == []


async def test_a_re_run_of_the_same_file_writes_nothing(stores: tuple[EventStore, EventStore]) -> None:
    _, store = stores
    first = await _import(store, _scenario())
    before = await _counts(store.engine)
    again = await _import(store, _scenario())
    assert (again.events, again.already_stored) == (0, first.events)
    assert await _counts(store.engine) == before


async def test_a_stream_stored_with_other_content_refuses_the_whole_file_and_raises_an_alarm(
        stores: tuple[EventStore, EventStore]) -> None:
    _, store = stores
    await _import(store, _document(general(SPEC, "ylq-bulk-1", 1, date(2023, 3, 6), STAFF)))
    before = await _counts(store.engine)
    changed = general(SPEC | {"place": "别街"}, "ylq-bulk-1", 1, date(2023, 3, 6), STAFF)
    with pytest.raises(AppendConflict) as info:
        await _import(store, _document(general(SPEC, "ylq-bulk-2", 1, date(2023, 3, 6), STAFF), changed))
    assert info.value.stream_id == "ylq-bulk-1"
    assert await store.load_stream("ylq-bulk-2") == []
    assert await _counts(store.engine) == [*before[:-1], before[-1] + 1]  # only the alarm is new


async def test_a_stream_stored_in_part_is_continued_and_its_read_models_follow(
        stores: tuple[EventStore, EventStore]) -> None:
    whole, partly = stores
    document = _document(general(SPEC, "ylq-bulk-3", 1, date(2023, 3, 6), STAFF),
                         general(SPEC, "ylq-bulk-4", 2, date(2023, 3, 7), STAFF))
    histories = _histories(document)
    await whole.append_many(histories)
    await partly.append(histories[0][:5])
    outcome = await partly.append_many(histories)
    assert (outcome.appended, outcome.already_stored) == (sum(map(len, histories)) - 5, 5)
    for table in (case_summaries, deadlines, tasks):
        assert await _rows(partly.engine, table) == await _rows(whole.engine, table), table.name
    assert await verify(partly.engine) == []


async def test_a_bulk_import_costs_a_handful_of_statements_for_the_whole_file(
        stores: tuple[EventStore, EventStore]) -> None:
    _, store = stores
    async with statements(store.engine) as seen:
        await _import(store, _scenario())
    # One lookup of the stored streams, then (SQLite: one executemany each; PostgreSQL: COPY, not a statement
    # SQLAlchemy sees) the events, the summaries, the deadlines and the tasks.
    assert len(seen) <= 5, seen


async def test_a_bulk_append_notifies_as_the_one_by_one_appends_do(two_urls: tuple[str, str]) -> None:
    one_by_one, bulk = (notifying_store(create_engine(url)) for url in two_urls)
    try:
        clocked = await case_with_d7(one_by_one, "zhangjiawo", "张三", breach=True)
        await bulk.append_many([await one_by_one.load_stream(clocked.stream_id)])
        sent = [await _rows(store.engine, notifications) for store in (one_by_one, bulk)]
    finally:
        for store in (one_by_one, bulk):
            await store.engine.dispose()
    assert sent[0] and sent[1] == sent[0]


async def test_a_stream_offered_twice_in_one_bulk_append_is_refused_before_anything_is_written(
        stores: tuple[EventStore, EventStore]) -> None:
    _, store = stores
    (history,) = _histories(_document(general(SPEC, "ylq-bulk-5", 1, date(2023, 3, 6), STAFF)))
    with pytest.raises(InvalidEnvelope):
        await store.append_many([history, history])
    assert await store.load_stream("ylq-bulk-5") == []
