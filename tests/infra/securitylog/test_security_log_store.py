"""The security log's chain on both dialects: appended without forking under concurrent writers, verified like
the event log, never changed, and purged only of entries past the retention period (the chain stays verifiable)."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.security_log import SECURITY_CHAIN, SecurityEntry, SecurityKind, SecurityRecord
from infra.db.engine import create_engine
from infra.securitylog import SecurityLogQuery, SecurityLogStore, page_entries

NOW = datetime.now(UTC).replace(microsecond=0)


def denied(n: int, district: str = "xiqing") -> SecurityRecord:
    return SecurityRecord(kind=SecurityKind.PERMISSION_DENIED, operation="auditTrail", actor=f"officer-{n}",
                          reason="auditTrail is open to the roles auditor, principal, supervisor",
                          district=district, town="zhangjiawo", client_ip="10.0.0.7", request_id=f"req-{n}")



async def refused(engine: AsyncEngine, statement: str, *, role: str | None = None) -> str:
    async with engine.connect() as conn:
        if role is not None:
            await conn.execute(text(f"SET LOCAL ROLE {role}"))
        with pytest.raises(DBAPIError) as raised:
            await conn.execute(text(statement))
        await conn.rollback()
    return str(raised.value.orig)


async def test_concurrent_writers_extend_one_chain_that_verifies(db_url: str, engine: AsyncEngine) -> None:
    engines = [create_engine(db_url) for _ in range(4)]
    try:
        stores = [SecurityLogStore(e) for e in engines]
        written = await asyncio.gather(*(stores[n % 4].append(denied(n)) for n in range(24)))
    finally:
        for e in engines:
            await e.dispose()
    assert sorted(e.seq for e in written) == list(range(1, 25))
    store = SecurityLogStore(engine)
    assert await store.verify() == []
    async with engine.connect() as conn:
        page, total = await page_entries(conn, SecurityLogQuery(districts=("xiqing",)), limit=5, offset=0)
    assert total == 24 and [e.seq for e in page] == [24, 23, 22, 21, 20]
    assert [newer.prev_hash == older.hash for newer, older in itertools.pairwise(page)] == [True] * 4


async def test_entries_are_never_updated_nor_deleted_while_young(engine: AsyncEngine) -> None:
    store = SecurityLogStore(engine)
    await store.append(denied(1))
    assert "the security log is append-only: UPDATE" in await refused(engine, "UPDATE security_log SET actor = 'x'")
    assert "the security log is append-only: DELETE" in await refused(engine, "DELETE FROM security_log")
    report = await store.purge(retention_days=183, actor="ops")
    assert (report.purged, report.marker_seq) == (0, None)
    assert [e.seq for e in await _all(engine)] == [1]


async def test_a_purge_deletes_only_entries_older_than_retention_and_the_chain_still_verifies(
    engine: AsyncEngine,
) -> None:
    old = SecurityLogStore(engine, clock=lambda: NOW - timedelta(days=400))
    for n in range(3):
        await old.append(denied(n))
    await SecurityLogStore(engine, clock=lambda: NOW - timedelta(days=200)).append(denied(3))
    await SecurityLogStore(engine, clock=lambda: NOW - timedelta(days=100)).append(denied(4))
    store = SecurityLogStore(engine, clock=lambda: NOW)

    report = await store.purge(retention_days=365, actor="ops")

    assert (report.purged, report.through_seq, report.marker_seq) == (3, 3, 6)
    remaining = await _all(engine)
    assert [e.seq for e in remaining] == [4, 5, 6]  # the 200- and 100-day-old entries are younger: kept
    marker = remaining[-1]
    assert marker.kind is SecurityKind.LOG_PURGED and marker.detail["purged_through_seq"] == 3
    assert remaining[0].prev_hash == marker.detail["anchor_hash"]
    assert await store.verify() == []

    again = await store.purge(retention_days=183, actor="ops")
    assert (again.purged, again.through_seq) == (1, 4)
    assert [e.seq for e in await _all(engine)] == [5, 6, 7]
    assert await store.verify() == []


async def test_entries_removed_without_a_purge_marker_are_reported_as_a_gap(engine: AsyncEngine) -> None:
    store = SecurityLogStore(engine, clock=lambda: NOW - timedelta(days=400))
    for n in range(3):
        await store.append(denied(n))
    await _bypassing_triggers(engine, "DELETE FROM security_log WHERE seq = 1")
    [broken] = await store.verify()
    assert (broken.stream_id, broken.seq, broken.reason) == (SECURITY_CHAIN, 2, "expected seq 1, found 2 (gap)")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_changed_entry_breaks_the_chain_at_that_entry(engine: AsyncEngine) -> None:
    store = SecurityLogStore(engine)
    for n in range(3):
        await store.append(denied(n))
    await _bypassing_triggers(engine, "UPDATE security_log SET client_ip = '10.9.9.9' WHERE seq = 2")
    [broken] = await store.verify()
    assert broken.seq == 2 and broken.reason.startswith("content hash")


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_the_reader_role_reads_and_the_application_role_only_reads_and_inserts(engine: AsyncEngine) -> None:
    await SecurityLogStore(engine).append(denied(1))
    async with engine.begin() as conn:
        await conn.execute(text("SET LOCAL ROLE zhifa_reader"))
        assert (await conn.execute(text("SELECT count(*) FROM security_log"))).scalar_one() == 1
    for statement in ("UPDATE security_log SET actor = 'x'", "DELETE FROM security_log"):
        assert "permission denied for table security_log" in await refused(engine, statement, role="zhifa_app")
    assert "permission denied for table security_log" in await refused(
        engine, "INSERT INTO security_log (seq) VALUES (9)", role="zhifa_reader")


async def _all(engine: AsyncEngine) -> list[SecurityEntry]:
    return await SecurityLogStore(engine).entries()


async def _bypassing_triggers(engine: AsyncEngine, statement: str) -> None:
    """What an attacker with the database's superuser (PostgreSQL) or the file (SQLite) could do."""
    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text("SET LOCAL session_replication_role = replica"))
            await conn.execute(text(statement))
        else:
            for name in ("security_log_no_update", "security_log_no_delete"):
                await conn.execute(text(f"DROP TRIGGER {name}"))
            await conn.execute(text(statement))
