"""One request's scoped access to the database: one connection and one read transaction, opened on first use.

On PostgreSQL the transaction switches to the `zhifa_reader` role and sets `zhifa.towns` (both transaction-local,
in one statement), so row-level security applies whoever the login role is (the owner and superusers bypass
RLS; `zhifa_reader` never does). READ COMMITTED: each statement sees what the worker has committed meanwhile.
On SQLite the query layer's own town filter is the scope (the engine begins every transaction IMMEDIATE, so
the transaction must not outlive the reads: a step `release()`s it before the worker has to write).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncTransaction

READER_ROLE = "zhifa_reader"


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

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """The request's connection, its reads limited to the scope's towns (one user at a time)."""
        async with self._lock:
            if self._conn is None:
                conn = await self.engine.connect()
                try:
                    self._transaction = await conn.begin()
                    if self._postgres:
                        await conn.execute(select(func.set_config("role", READER_ROLE, True),
                                                  func.set_config("zhifa.towns", ",".join(self.towns), True)))
                except BaseException:
                    await conn.close()
                    self._transaction = None
                    raise
                self._conn = conn
            try:
                yield self._conn
            except BaseException:
                # A statement that failed or was cancelled midway (a sibling field's error aborts the others)
                # leaves the transaction unusable: drop it, so the request's next read starts a fresh one.
                await self._discard()
                raise

    async def _discard(self) -> None:
        conn, transaction = self._conn, self._transaction
        self._conn = self._transaction = None
        try:
            if transaction is not None and transaction.is_active:
                await transaction.rollback()  # read only: nothing to keep
        finally:
            if conn is not None:
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
