"""Changing stored bytes behind the application's back, as an attacker with database access would: the
append-only protection is bypassed deliberately (replica mode on PostgreSQL, dropping the trigger on SQLite)."""

from __future__ import annotations

import sqlite3

import asyncpg
from sqlalchemy.engine import make_url


async def replace_in_payload(database_url: str, stream_id: str, seq: int, old: str, new: str) -> None:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _sqlite(url.database or "", stream_id, seq, old, new)
        return
    connection = await asyncpg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        await connection.execute("SET session_replication_role = replica")
        status = await connection.execute(
            "UPDATE events SET payload = replace(payload::text, $3, $4)::json WHERE stream_id = $1 AND seq = $2",
            stream_id, seq, old, new)
        assert status == "UPDATE 1", status
    finally:
        await connection.close()


def _sqlite(path: str, stream_id: str, seq: int, old: str, new: str) -> None:
    connection = sqlite3.connect(path)
    try:
        (trigger_sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_no_update'").fetchone()
        connection.execute("DROP TRIGGER events_no_update")
        changed = connection.execute(
            "UPDATE events SET payload = replace(payload, ?, ?) WHERE stream_id = ? AND seq = ?",
            (old, new, stream_id, seq)).rowcount
        connection.execute(trigger_sql)
        connection.commit()
        assert changed == 1
    finally:
        connection.close()
