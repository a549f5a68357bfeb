"""Counting the SQL statements an engine sends (not timing them): those SQLAlchemy executes, and on PostgreSQL
those sent on the asyncpg driver directly (the append's prepared statements), as the driver logs them (the SQLite
append's write on the driver tells SQLAlchemy's listeners of its statements itself: `infra.eventstore.sqlite_io`).
BEGIN, COMMIT and ROLLBACK are not counted, nor the driver's own type introspection; COPY is not a statement either
path reports."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

UNCOUNTED = ("BEGIN", "COMMIT", "ROLLBACK", "SELECT SET_CONFIG")
# asyncpg's own type introspection, once per connection and type (with JIT switched off around it): the set-up of
# a connection, not a statement of the code measured.
INTROSPECTION = ("typeinfo_tree", "current_setting('jit')", "set_config('jit'")


@asynccontextmanager
async def statements(engine: AsyncEngine) -> AsyncIterator[list[str]]:
    seen: list[str] = []
    drivers: list[Any] = []

    def note(statement: str) -> None:
        if not statement.lstrip().upper().startswith(UNCOUNTED) and not any(m in statement for m in INTROSPECTION):
            seen.append(statement)

    def executed(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        note(statement)

    def logged(query: Any) -> None:
        note(query.query)

    def checked_out(dbapi_connection: Any, _record: object, _proxy: object) -> None:
        driver = dbapi_connection.driver_connection
        if hasattr(driver, "add_query_logger"):  # asyncpg; aiosqlite has none
            driver.add_query_logger(logged)
            drivers.append(driver)

    event.listen(engine.sync_engine, "before_cursor_execute", executed)
    event.listen(engine.sync_engine, "checkout", checked_out)
    try:
        yield seen
        await asyncio.sleep(0)  # the driver reports its queries in callbacks on the loop's next turn
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", executed)
        event.remove(engine.sync_engine, "checkout", checked_out)
        for driver in drivers:
            driver.remove_query_logger(logged)
