"""One request's scoped access to the database: one connection and one read transaction, opened on first use.

On PostgreSQL the transaction switches to the `zhifa_reader` role and sets `zhifa.towns` (both transaction-local,
in one statement), so row-level security applies whoever the login role is (the owner and superusers bypass
RLS; `zhifa_reader` never does). READ COMMITTED: each statement sees what the worker has committed meanwhile.
The BEGIN and the scope travel in one round trip (a simple-protocol script on the driver connection, the
connection in SQLAlchemy's autocommit mode so it sends no BEGIN of its own), and the transaction ends with an
explicit ROLLBACK; a connection whose transaction could not be ended is invalidated, never pooled.
On SQLite the query layer's own town filter is the scope (the engine begins every transaction IMMEDIATE, so
the transaction must not outlive the reads: a step `release()`s it before the worker has to write).
"""

from __future__ import annotations

import asyncio
import re
import weakref
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import URL, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncTransaction

from infra.db.engine import create_engine

READER_ROLE = "zhifa_reader"
_PLAIN_TOWNS = re.compile(r"[A-Za-z0-9_.,-]*")  # written into the script as a literal only when this plain


def scope_script(towns: Sequence[str]) -> str | None:
    """BEGIN and the scope as one script (no parameters in the simple protocol), or None for towns that are not
    plain codes (those take the parameterised statement)."""
    joined = ",".join(towns)
    if not _PLAIN_TOWNS.fullmatch(joined):
        return None
    return (f"BEGIN ISOLATION LEVEL READ COMMITTED; SELECT set_config('role', '{READER_ROLE}', true), "
            f"set_config('zhifa.towns', '{joined}', true)")


class ReadScope:
    def __init__(self, engine: AsyncEngine, towns: Sequence[str]) -> None:
        self.engine = engine
        self.towns: tuple[str, ...] = tuple(sorted(set(towns)))
        if any("," in town for town in self.towns):
            raise ValueError("town codes must not contain commas")
        self._postgres = engine.dialect.name == "postgresql"
        self._lock = asyncio.Lock()
        self._conn: AsyncConnection | None = None
        self._transaction: AsyncTransaction | None = None
        self._driver: Any = None  # PostgreSQL: the asyncpg connection whose transaction this scope began

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """The request's connection, its reads limited to the scope's towns (one user at a time)."""
        async with self._lock:
            if self._conn is None:
                self._conn = await self._opened()
            try:
                yield self._conn
            except BaseException:
                # A statement that failed or was cancelled midway (a sibling field's error aborts the others)
                # leaves the transaction unusable: drop it, so the request's next read starts a fresh one.
                await self._discard()
                raise

    async def _opened(self) -> AsyncConnection:
        conn = await self.engine.connect()
        try:
            script = scope_script(self.towns) if self._postgres else None
            if script is None:
                self._transaction = await conn.begin()
                if self._postgres:
                    await conn.execute(select(func.set_config("role", READER_ROLE, True),
                                              func.set_config("zhifa.towns", ",".join(self.towns), True)))
            else:
                await conn.execution_options(isolation_level="AUTOCOMMIT")
                self._driver = (await conn.get_raw_connection()).driver_connection
                await self._driver.execute(script)
        except BaseException:
            await self._invalidated(conn)
            raise
        return conn

    async def _discard(self) -> None:
        conn, transaction, driver = self._conn, self._transaction, self._driver
        self._conn = self._transaction = self._driver = None
        if conn is None:
            return
        try:
            if driver is not None:
                await driver.execute("ROLLBACK")  # read only: nothing to keep
            elif transaction is not None and transaction.is_active:
                await transaction.rollback()
        except BaseException:
            await self._invalidated(conn)
            raise
        if driver is not None and driver.is_in_transaction():
            await self._invalidated(conn)
            return
        await conn.close()

    async def _invalidated(self, conn: AsyncConnection) -> None:
        """Closed for good, not returned to the pool: its transaction (and with it the reader role) may be open."""
        self._driver = self._transaction = None
        try:
            await conn.invalidate()
        finally:
            await conn.close()

    @asynccontextmanager
    async def released(self) -> AsyncIterator[None]:
        """The read transaction ended and held closed while the block runs: the request's other fields wait, so a
        write elsewhere (the security log) cannot meet this request's own SQLite lock (found by the schema fuzz)."""
        async with self._lock:
            await self._discard()
            yield

    async def release(self) -> None:
        """End the read transaction (the next read opens a new one)."""
        async with self._lock:
            await self._discard()

    async def close(self) -> None:
        await self.release()


def reader_engine(url: str | URL, **kwargs: Any) -> AsyncEngine:
    """An engine (PostgreSQL) that serves only `SessionReadScope`s: autocommit, its connections `zhifa_reader` for
    their whole session. Never hand it to anything else: a write through it fails, a read sees one scope's towns."""
    return create_engine(url, isolation_level="AUTOCOMMIT", **kwargs)


class SessionReadScope(ReadScope):
    """A `ReadScope` over a `reader_engine`, without a transaction: the connection became `zhifa_reader` (SET ROLE,
    for the session) when first used, and carries the towns of its last scope (set_config, session-wide), so a
    request of the same towns sends nothing before its first read and none after its last; other towns cost one
    round trip. Each statement reads committed data as of its start, as in the READ COMMITTED transaction of
    `ReadScope`. Which towns a connection carries is remembered per driver connection (a reconnect starts
    unscoped), and forgotten before it is changed, so a failure midway makes the next user set them again."""

    async def _opened(self) -> AsyncConnection:
        if not self._postgres:
            return await super()._opened()
        conn = await self.engine.connect()
        try:
            driver = (await conn.get_raw_connection()).driver_connection
            joined = ",".join(self.towns)
            if _SESSION_TOWNS.get(driver) != joined:
                _SESSION_TOWNS.pop(driver, None)
                await driver.execute(f"SET ROLE {READER_ROLE}")
                await driver.execute("SELECT set_config('zhifa.towns', $1, false)", joined)
                _SESSION_TOWNS[driver] = joined
        except BaseException:
            await self._invalidated(conn)
            raise
        return conn


_SESSION_TOWNS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
