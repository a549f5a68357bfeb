"""Writing an append: its events with the changes of its read models. On PostgreSQL in one statement — the insert
and every read-model write as data-modifying CTEs, one round trip where there were up to five; on SQLite statement
after statement (in-process, there is no round trip to save, and SQLite has no DML in CTEs)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.envelope import EventEnvelope
from infra.db.models import events
from infra.eventstore.rows import to_row
from infra.projections.rows import Write

# Built once: building a statement per append cost about as much CPU as running it.
_INSERT = insert(events).returning(events.c.position, sort_by_parameter_order=True)
# Above this many events, one VALUES list would near PostgreSQL's 32,767 bound parameters (17 a row): a large batch
# (a ledger import) goes statement by statement, its insert batched by SQLAlchemy.
ONE_STATEMENT_EVENTS = 500


async def write_append(conn: AsyncConnection, envelopes: Sequence[EventEnvelope], writes: Sequence[Write]) -> int:
    """Insert the events and run the read models' `writes`; the log position of the last event."""
    rows = [to_row(env) for env in envelopes]
    if conn.dialect.name == "postgresql" and len(rows) <= ONE_STATEMENT_EVENTS:
        return await _in_one_statement(conn, rows, writes)
    positions = (await conn.execute(_INSERT, rows)).scalars().all()
    for statement, values in writes:
        await conn.execute(statement, values)
    return int(positions[-1])


async def _in_one_statement(conn: AsyncConnection, rows: list[dict[str, object]], writes: Sequence[Write]) -> int:
    # The sub-statements of one statement see one snapshot and run in no set order: fine, as no two of them touch
    # the same row (a read model's deletes and upserts are of different keys; the events are a table of their own).
    appended = insert(events).values(rows).returning(events.c.position).cte("appended")
    ctes = [(statement if values is None else statement.values(values)).cte(f"read_model_{index}")
            for index, (statement, values) in enumerate(writes)]
    position = await conn.scalar(select(func.max(appended.c.position)).add_cte(*ctes))
    return int(position)
