"""Creating the async engine for either dialect, with the connection settings the event store relies on.

SQLite (aiosqlite): WAL journal, foreign keys on, a busy timeout, synchronous NORMAL, and every transaction
started with `BEGIN IMMEDIATE` so a read-then-append transaction holds the write lock from its first statement
(a deferred transaction that reads and then writes can fail with SQLITE_BUSY when another writer got in between).
aiosqlite runs each driver call on its own thread and wakes the event loop for its result, so the BEGIN is sent as
one such call (through SQLAlchemy it was three: cursor, execute, close), and a connection going back to the pool is
rolled back only when a transaction may still be open on it (the pool's own reset is a call even after a commit).
PostgreSQL: asyncpg.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import PoolResetState
from sqlalchemy.util.concurrency import await_

from infra.json_text import dumps, loads  # JSON as stored: UTF-8 kept readable, no NaN

SQLITE_BUSY_TIMEOUT_MS = 15_000
BEGIN = "BEGIN IMMEDIATE"
_BEGUN = "zhifa.sqlite.begun"  # in a pooled connection's info: a BEGIN was sent and not yet ended by SQLAlchemy

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


def async_url(url: str | URL) -> URL:
    """The URL with its async driver: `sqlite:///x.db` → `sqlite+aiosqlite:///x.db`, `postgresql://…` →
    `postgresql+asyncpg://…`."""
    parsed = make_url(url)
    try:
        return parsed.set(drivername=_DRIVERS[parsed.drivername])
    except KeyError:
        raise ValueError(f"unsupported database URL {parsed.render_as_string(hide_password=True)!r}") from None


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str | URL, **kwargs: Any) -> AsyncEngine:
    target = async_url(url)
    sqlite = target.get_backend_name() == "sqlite"
    if sqlite:
        kwargs.setdefault("pool_reset_on_return", None)  # `_on_reset` below rolls back what is left open
    engine = create_async_engine(target, json_serializer=dumps, json_deserializer=loads, **kwargs)
    if sqlite:
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Leave transaction control to SQLAlchemy's "begin" hook below (the driver would otherwise BEGIN lazily).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        driver = connection.connection.driver_connection  # aiosqlite's Connection
        # Until SQLAlchemy commits or rolls back: a BEGIN whose caller was cancelled still runs on the driver's
        # thread (it may take the lock after the connection is back in the pool), so the reset must roll back.
        connection.connection.info[_BEGUN] = True
        try:
            # `_execute` is aiosqlite's own way of running a call on its thread (each of its methods is one).
            await_(driver._execute(driver._conn.execute, BEGIN))
        except sqlite3.Error as error:  # as SQLAlchemy raises it (a locked database: OperationalError)
            raise DBAPIError.instance(BEGIN, (), error, sqlite3.Error) from error

    @event.listens_for(sync_engine, "commit")
    @event.listens_for(sync_engine, "rollback")
    def _on_end(connection: Connection) -> None:
        connection.connection.info.pop(_BEGUN, None)

    @event.listens_for(sync_engine, "reset")
    def _on_reset(dbapi_connection: Any, record: Any, state: PoolResetState) -> None:
        if not state.asyncio_safe or state.terminate_only:
            return
        begun = record.info.pop(_BEGUN, False) if record is not None else True
        # Queued on the driver's thread behind whatever is still running there (a cancelled BEGIN, a COMMIT).
        if begun or sync_engine.dialect.get_driver_connection(dbapi_connection).in_transaction:
            dbapi_connection.rollback()
