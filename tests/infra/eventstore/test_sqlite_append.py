"""An append on SQLite is a transaction of its own, begun and ended in one call on the driver's thread: a locked
database is an outage and writes nothing; a write failing after its events keeps none of them and leaves no
transaction open; a caller that stops waiting leaves the write to commit on its own, and its retry finds it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import EventEnvelope
from infra.availability import outage_of
from infra.db.engine import create_engine
from infra.db.migrate import upgrade
from infra.eventstore import EventStore, verify
from infra.eventstore.sqlite_io import _Prepared, run_atomic_write
from infra.projections import Projector
from tests.infra.eventstore.sample_streams import StreamWriter, at, fake_next_steps, lead
from tests.infra.eventstore.sqlite_locks import impatient


async def _url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'zhifa.db'}"
    await upgrade(url)
    return url


def _first() -> list[EventEnvelope]:
    return StreamWriter("CASE-1").seal((lead(at(0)), "LEAD_REGISTERED"))


def _store(engine: AsyncEngine) -> EventStore:
    return EventStore(engine, Projector(fake_next_steps))


async def test_an_append_on_a_locked_database_is_an_outage_and_writes_nothing(tmp_path: Path) -> None:
    url = await _url(tmp_path)
    holder, engine = create_engine(url), impatient(create_engine(url))
    store, first = _store(engine), _first()
    try:
        async with holder.begin():
            with pytest.raises(OperationalError, match="database is locked") as locked:
                await store.append(first)
        assert await store.load_stream("CASE-1") == []
        written = await store.append(first)
        stored = await store.load_stream("CASE-1")
    finally:
        await holder.dispose()
        await engine.dispose()
    assert outage_of(locked.value) is not None
    assert (written.appended, stored) == ((1,), first)


async def test_an_append_failing_after_its_events_keeps_none_of_them_and_no_transaction_open(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = await _url(tmp_path)
    engine, other = create_engine(url), impatient(create_engine(url))
    store, first = _store(engine), _first()
    statements = _Prepared.read_models

    def failing_last(self: _Prepared, *models: Any) -> Any:
        return [*statements(self, *models), ("INSERT INTO no_such_table VALUES (?)", [(1,)])]

    try:
        monkeypatch.setattr(_Prepared, "read_models", failing_last)
        with pytest.raises(OperationalError, match="no such table"):
            await store.append(first)
        monkeypatch.undo()
        async with other.begin():  # the write lock is free: the failed write was rolled back
            pass
        assert await store.load_stream("CASE-1") == []
        written = await store.append(first)
        assert await verify(engine) == []
    finally:
        await engine.dispose()
        await other.dispose()
    assert written.appended == (1,)


async def test_a_write_whose_caller_stopped_waiting_commits_on_its_own_and_its_retry_finds_it_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = await _url(tmp_path)
    holder, engine = create_engine(url), create_engine(url)
    store, first = _store(engine), _first()
    queued: list[aiosqlite.Connection] = []
    waiting = asyncio.Event()
    on_thread = aiosqlite.Connection._execute

    async def noted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if fn is run_atomic_write:
            queued.append(self)  # queued on the driver's thread, to wait there for the lock: the caller awaits it
            waiting.set()
        return await on_thread(self, fn, *args, **kwargs)

    try:
        await _store(engine).load_stream("CASE-1")  # the pooled connection set up before the wait
        held = await holder.connect()
        await held.begin()
        monkeypatch.setattr(aiosqlite.Connection, "_execute", noted)
        task = asyncio.create_task(store.append(first))
        await waiting.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        monkeypatch.undo()
        await held.rollback()  # the lock is free: the write goes on without its caller
        await held.close()
        await queued[0].execute("SELECT 1")  # behind the write on its thread: done once this answers
        assert not queued[0].in_transaction
        retried = await store.append(first)
        stored = await store.load_stream("CASE-1")
        assert await verify(engine) == []
    finally:
        await holder.dispose()
        await engine.dispose()
    assert (retried.appended, retried.already_stored, stored) == ((), (1,), first)
