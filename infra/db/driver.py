"""The asyncpg connection under a SQLAlchemy connection, for the hot paths that talk to the driver directly (COPY,
the append's prepared statements) inside the very transaction SQLAlchemy commits or rolls back."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection


async def asyncpg_connection(conn: AsyncConnection) -> Any:
    """`conn`'s asyncpg connection. When `conn` is in a transaction, that transaction is begun on the driver first:
    SQLAlchemy's asyncpg adapter sends BEGIN only with its first statement, so a statement sent on the driver
    before that would run, and commit, on its own. Outside a transaction the driver is in autocommit (each
    statement its own transaction)."""
    sync = conn.sync_connection
    # The pooled connection as it is (no greenlet hop) unless SQLAlchemy has to revalidate it first.
    raw = sync.connection if sync is not None and not (sync.closed or sync.invalidated) else \
        await conn.get_raw_connection()
    driver = raw.driver_connection
    if driver is None:
        raise RuntimeError("the connection is closed")
    if conn.in_transaction() and not driver.is_in_transaction():
        # The adapter's own BEGIN (what its first statement would send), so its commit and rollback apply to it.
        await raw.dbapi_connection._start_transaction()
    return driver
