"""Three small cases in the log, and a tamperer with full database access who goes around the append-only
guards (the audit and anchoring tests use both)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from infra.eventstore import EventStore
from tests.infra.eventstore.sample_streams import CaseClosed, CaseFiled, DecisionMade, StreamWriter, at, lead

SQLITE_GUARDS = {
    "events_no_update": "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
                        "BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE refused'); END",
    "events_no_delete": "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
                        "BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE refused'); END",
}


@asynccontextmanager
async def bypassing_the_guards(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A tamperer with full access: on PostgreSQL a superuser in replica mode (triggers do not fire); on SQLite
    someone who drops the triggers and puts them back."""
    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            yield conn
        else:
            for name in SQLITE_GUARDS:
                await conn.exec_driver_sql(f"DROP TRIGGER {name}")
            yield conn
            for ddl in SQLITE_GUARDS.values():
                await conn.exec_driver_sql(ddl)


async def three_cases(store: EventStore) -> None:
    for n in (1, 2, 3):
        case = StreamWriter(f"CASE-{n}")
        await store.append(case.seal((lead(at(n), place=f"Gate {n}"), "LEAD_REGISTERED")))
        await store.append(case.seal(
            (CaseFiled(occurred_at=at(n + 1), actors=("p",), case_no=f"{n}号", officers=("a", "b")), "FILED"),
            (DecisionMade(occurred_at=at(n + 2), actors=("p",), fine_fen=100 * n), "DECIDED")))
        await store.append(case.seal((CaseClosed(occurred_at=at(n + 3), actors=("p",)), "CLOSED")))
