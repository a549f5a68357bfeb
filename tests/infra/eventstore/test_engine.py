"""The engine: async drivers from plain URLs, SQLite's connection settings and transactions, exact UTC time
round-trips."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import Column, MetaData, Table, insert, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.availability import outage_of
from infra.db.engine import async_url, create_engine
from infra.db.types import UTCDateTime
from tests.infra.eventstore.sqlite_locks import impatient


@pytest.mark.parametrize(("given", "expected"), [
    ("sqlite:////srv/zhifa.db", "sqlite+aiosqlite:////srv/zhifa.db"),
    ("postgresql://app:s3cret@db:5432/zhifa", "postgresql+asyncpg://app:s3cret@db:5432/zhifa"),
    ("postgres://app@db/zhifa", "postgresql+asyncpg://app@db/zhifa"),
    ("postgresql+asyncpg://app@db/zhifa", "postgresql+asyncpg://app@db/zhifa"),
])
def test_plain_urls_get_their_async_driver(given: str, expected: str) -> None:
    assert async_url(given).render_as_string(hide_password=False) == expected


def test_an_unsupported_database_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^unsupported database URL 'mysql://app:\*\*\*@db/zhifa'$"):
        async_url("mysql://app:pw@db/zhifa")


async def test_sqlite_connections_use_wal_foreign_keys_a_busy_timeout_and_normal_sync(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.connect() as conn:
            pragmas = [(await conn.execute(text(f"PRAGMA {name}"))).scalar()
                       for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")]
    finally:
        await engine.dispose()
    assert pragmas == ["wal", 1, 15_000, 1]


async def test_times_round_trip_to_the_microsecond_as_aware_utc(db_url: str) -> None:
    table = Table("moments", MetaData(), Column("at", UTCDateTime(), primary_key=True))
    local = datetime(2025, 12, 31, 23, 59, 59, 999_999, tzinfo=timezone(timedelta(hours=8)))
    engine = create_engine(db_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(table.metadata.create_all)
            await conn.execute(insert(table).values(at=local))
            stored = (await conn.execute(select(table.c.at))).scalar_one()
            raw = (await conn.exec_driver_sql("SELECT at FROM moments")).scalar_one()
            with pytest.raises(Exception, match="naive datetime"):
                await conn.execute(insert(table).values(at=datetime(2025, 1, 1)))
    finally:
        await engine.dispose()
    assert stored == local and stored.tzinfo is UTC
    assert stored.isoformat() == "2025-12-31T15:59:59.999999+00:00"
    if db_url.startswith("sqlite"):
        assert raw == "2025-12-31 15:59:59.999999"  # naive text, in UTC
    else:
        assert raw == datetime(2025, 12, 31, 15, 59, 59, 999_999, tzinfo=UTC)  # timestamptz


async def test_an_sqlite_transaction_holds_the_write_lock_from_its_begin_and_a_locked_database_is_sqlalchemys_error(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    holder, other = create_engine(url), impatient(create_engine(url))
    try:
        async with holder.begin():  # nothing written yet: BEGIN IMMEDIATE alone takes the lock
            with pytest.raises(OperationalError, match="database is locked") as locked:
                async with other.begin():
                    pass
    finally:
        await holder.dispose()
        await other.dispose()
    assert isinstance(locked.value.orig, sqlite3.OperationalError)
    assert outage_of(locked.value) is not None  # answered as the database being unavailable, not a bug


async def test_an_sqlite_connection_returned_with_a_transaction_open_is_rolled_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine, other = create_engine(url), impatient(create_engine(url))
    try:
        async with engine.begin() as conn:
            await conn.exec_driver_sql("CREATE TABLE notes (body TEXT)")
        async with engine.connect() as conn:  # a transaction SQLAlchemy does not know of, left open
            driver = (await conn.get_raw_connection()).driver_connection
            await driver.execute("BEGIN IMMEDIATE")
            await driver.execute("INSERT INTO notes VALUES ('never committed')")
        async with other.begin() as conn:  # the lock was released
            await conn.exec_driver_sql("INSERT INTO notes VALUES ('committed')")
        async with engine.connect() as conn:
            bodies = (await conn.exec_driver_sql("SELECT body FROM notes")).scalars().all()
    finally:
        await engine.dispose()
        await other.dispose()
    assert bodies == ["committed"]


async def test_a_write_cancelled_while_waiting_for_the_lock_leaves_no_transaction_on_the_pooled_connection(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its BEGIN IMMEDIATE still runs on the driver's thread and takes the lock once it is free: the connection's
    return to the pool rolls that back."""
    url = f"sqlite:///{tmp_path / 'x.db'}"
    holder_engine, cancelled_engine = create_engine(url), create_engine(url)
    waiting = asyncio.Event()
    on_thread = aiosqlite.Connection._execute

    async def noted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if args == ("BEGIN IMMEDIATE",):
            waiting.set()  # queued on the driver's thread: the caller now awaits it
        return await on_thread(self, fn, *args, **kwargs)

    async def write(engine: AsyncEngine, value: str) -> None:
        async with engine.begin() as conn:
            await conn.exec_driver_sql(f"INSERT INTO notes VALUES ('{value}')")

    try:
        async with cancelled_engine.begin() as conn:  # its pooled connection set up (PRAGMAs) before the wait
            await conn.exec_driver_sql("CREATE TABLE notes (body TEXT)")
        holder = await holder_engine.connect()
        await holder.begin()
        await holder.exec_driver_sql("INSERT INTO notes VALUES ('held')")
        monkeypatch.setattr(aiosqlite.Connection, "_execute", noted)
        task = asyncio.create_task(write(cancelled_engine, "cancelled"))
        await waiting.wait()
        monkeypatch.undo()
        task.cancel()
        await holder.commit()  # the stray BEGIN takes the lock now
        await holder.close()
        with pytest.raises(asyncio.CancelledError):
            await task
        await write(holder_engine, "after")  # waits (busy timeout) only until the stray BEGIN is rolled back
        await write(cancelled_engine, "again")  # its pooled connection is in no transaction
        async with holder_engine.connect() as conn:
            bodies = (await conn.exec_driver_sql("SELECT body FROM notes ORDER BY rowid")).scalars().all()
    finally:
        await holder_engine.dispose()
        await cancelled_engine.dispose()
    assert bodies == ["held", "after", "again"]
