"""Nobody changes the log: triggers on both dialects, and on PostgreSQL also the application role's privileges."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.engine import create_engine
from infra.db.migrate import upgrade
from infra.eventstore import AppendConflict, EventStore
from infra.projections import Projector
from infra.projections.queries import get_case_summary
from tests.infra.eventstore.sample_streams import CaseFiled, StreamWriter, at, fake_next_steps, lead


async def seeded(store: EventStore) -> None:
    case = StreamWriter("CASE-1")
    await store.append(case.seal((lead(at(0)), "LEAD_REGISTERED")))
    rival = StreamWriter("CASE-1")
    with pytest.raises(AppendConflict):  # leaves one row in append_alarms
        await store.append(rival.seal((lead(at(0), party="someone else"), "LEAD_REGISTERED")))


async def refused(engine: AsyncEngine, statement: str) -> str:
    with pytest.raises(DBAPIError) as raised:
        async with engine.begin() as conn:
            await conn.execute(text(statement))
    return str(raised.value.orig)


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_events_and_alarms_cannot_be_changed_even_by_a_superuser_on_postgresql(
    store: EventStore, engine: AsyncEngine
) -> None:
    await seeded(store)

    assert "events are append-only: UPDATE of event CASE-1#1 refused" in await refused(
        engine, "UPDATE events SET town = 'elsewhere'")
    assert "events are append-only: DELETE of event CASE-1#1 refused" in await refused(engine, "DELETE FROM events")
    assert "events are append-only: TRUNCATE refused" in await refused(engine, "TRUNCATE events CASCADE")
    assert "append alarms are append-only: UPDATE of alarm 1 (CASE-1#1) refused" in await refused(
        engine, "UPDATE append_alarms SET seq = 2")
    assert "append alarms are append-only: DELETE of alarm 1 (CASE-1#1) refused" in await refused(
        engine, "DELETE FROM append_alarms")
    assert "append alarms are append-only: TRUNCATE refused" in await refused(engine, "TRUNCATE append_alarms")
    assert [env.town for env in await store.load_stream("CASE-1")] == ["张家窝镇"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_events_and_alarms_cannot_be_changed_on_sqlite(store: EventStore, engine: AsyncEngine) -> None:
    await seeded(store)

    assert "events are append-only: UPDATE refused" in await refused(engine, "UPDATE events SET town = 'x'")
    assert "events are append-only: DELETE refused" in await refused(engine, "DELETE FROM events")
    assert "append_alarms are append-only: UPDATE refused" in await refused(engine, "UPDATE append_alarms SET seq=2")
    assert "append_alarms are append-only: DELETE refused" in await refused(engine, "DELETE FROM append_alarms")
    assert [env.town for env in await store.load_stream("CASE-1")] == ["张家窝镇"]


@pytest_asyncio.fixture
async def app_member_engine(engine: AsyncEngine, db_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine logged in as a fresh login role whose only privileges come from the membership in zhifa_app
    that the migration grants it (as it would the production login role)."""
    role, password = f"zhifa_test_member_{secrets.token_hex(4)}", secrets.token_hex(16)
    async with engine.begin() as conn:
        await conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    await upgrade(db_url, grant_app_role_to=role)
    member = create_engine(make_url(db_url).set(username=role, password=password))
    try:
        yield member
    finally:
        await member.dispose()
        async with engine.begin() as conn:
            await conn.exec_driver_sql(f"DROP ROLE {role}")


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_the_application_role_appends_and_projects_but_is_refused_any_change(
    app_member_engine: AsyncEngine,
) -> None:
    store = EventStore(app_member_engine, Projector(fake_next_steps))
    case = StreamWriter("CASE-1")
    await store.append(case.seal((lead(at(0)), "LEAD_REGISTERED")))
    await store.append(case.seal(
        (CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED")))
    with pytest.raises(AppendConflict):
        await store.append(StreamWriter("CASE-1").seal((lead(at(0), party="x"), "LEAD_REGISTERED")))

    assert len(await store.load_stream("CASE-1")) == 2
    summary = await get_case_summary(app_member_engine, "CASE-1")
    assert summary is not None and summary.case_no == "1号"
    for statement, table in [
        ("UPDATE events SET town = 'x'", "events"),
        ("DELETE FROM events", "events"),
        ("TRUNCATE events", "events"),
        ("UPDATE append_alarms SET seq = 2", "append_alarms"),
        ("DELETE FROM append_alarms", "append_alarms"),
    ]:
        assert f"permission denied for table {table}" in await refused(app_member_engine, statement)
