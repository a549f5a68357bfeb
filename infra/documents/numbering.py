"""文号 from the town's own sequence: one counter row per (town, year, kind), created at 1 or incremented by one
statement that returns the new value (`INSERT … ON CONFLICT DO UPDATE … RETURNING`). On PostgreSQL the row stays
locked until the caller's transaction ends, so concurrent generations take their numbers one after another; on
SQLite every writing transaction holds the database's write lock from its start (BEGIN IMMEDIATE). Either way a
transaction that rolls back gives its number back: the numbers committed are 1, 2, 3, … without a gap."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from infra.db.models_documents import document_numbers

T = document_numbers.c


async def next_number(conn: AsyncConnection, town: str, year: int, kind: str) -> int:
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = (insert(document_numbers).values(town=town, year=year, kind=kind, last_number=1)
                 .on_conflict_do_update(index_elements=[T.town, T.year, T.kind],
                                        set_={"last_number": T.last_number + 1})
                 .returning(T.last_number))
    return int((await conn.execute(statement)).scalar_one())


def formatted(prefix: str, code: str, year: int, number: int) -> str:
    """津西青张综执 + 送 + 〔2026〕 + 3号."""
    return f"{prefix}{code}〔{year}〕{number}号"
