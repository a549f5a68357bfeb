"""Creating the async engine for either dialect, with the connection settings the event store relies on.

SQLite (aiosqlite): WAL journal, foreign keys on, a busy timeout, synchronous NORMAL, and every transaction
started with `BEGIN IMMEDIATE` so a read-then-append transaction holds the write lock from its first statement
(a deferred transaction that reads and then writes can fail with SQLITE_BUSY when another writer got in between).
PostgreSQL: asyncpg.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from infra.json_text import dumps, loads  # JSON as stored: UTF-8 kept readable, no NaN

SQLITE_BUSY_TIMEOUT_MS = 15_000

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
    engine = create_async_engine(target, json_serializer=dumps, json_deserializer=loads, **kwargs)
    if target.get_backend_name() == "sqlite":
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
        connection.exec_driver_sql("BEGIN IMMEDIATE")
