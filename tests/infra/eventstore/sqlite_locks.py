"""SQLite engines for lock tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


def impatient(engine: AsyncEngine) -> AsyncEngine:
    """Its connections give up on a locked database at once instead of after the busy timeout."""
    @event.listens_for(engine.sync_engine, "connect")
    def _no_wait(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=0")
        cursor.close()
    return engine
