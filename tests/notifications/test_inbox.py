"""Warnings and breaches of the office's deadlines land in the inbox of the case's officers and the town's
principal, in the append's transaction, once per event and recipient."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest_asyncio
from sqlalchemy import select

from domain.envelope import EventEnvelope
from domain.notifications import notices_for
from infra.db.engine import create_engine
from infra.db.models_notifications import notifications
from infra.eventstore import EventStore
from infra.notifications import principals_of
from tests.notifications.support import REFERENCE, case_with_d7, notifying_store

ZJW = ("zjw-lead-1", "zjw-officer-1", "zjw-principal-1", "zjw-principal-2")
DS = ("ds-lead-1", "ds-officer-1", *principals_of(REFERENCE)("dasi"))


@pytest_asyncio.fixture(loop_scope="session")
async def store(db_url: str) -> AsyncIterator[EventStore]:
    engine = create_engine(db_url)
    try:
        yield notifying_store(engine)
    finally:
        await engine.dispose()


async def _rows(store: EventStore) -> list[dict[str, object]]:
    async with store.engine.connect() as conn:
        found = await conn.execute(select(notifications).order_by(notifications.c.id))
        return [dict(r) for r in found.mappings()]


async def test_a_warning_reaches_the_case_officers_and_the_towns_principal(store: EventStore) -> None:
    case = await case_with_d7(store, "zhangjiawo", "张甲")
    rows = await _rows(store)
    assert [(r["recipient"], r["kind"], r["deadline_id"]) for r in rows] == [
        (who, "WARNING", "D7") for who in ZJW]  # the lead and the officer, then both of the town's principals
    assert {r["key"] for r in rows} == {f"{case.stream_id}#{case.warning_seq}/{who}" for who in ZJW}
    assert all(r["case_no"] == "张甲号" and r["read_at"] is None and r["delivered_at"] is None for r in rows)


async def test_a_retried_append_and_a_breach_add_no_duplicate_notices(store: EventStore) -> None:
    case = await case_with_d7(store, "dasi", "李乙", breach=True)
    envelopes = await store.load_stream(case.stream_id)
    await store.append(envelopes[-2:])  # the activity retried: the events are stored, nothing is added
    rows = await _rows(store)
    assert sorted((r["kind"], r["recipient"]) for r in rows) == sorted(
        (kind, who) for kind in ("WARNING", "BREACHED") for who in DS)


async def test_reprojecting_the_same_warning_inserts_nothing_twice(store: EventStore) -> None:
    case = await case_with_d7(store, "zhangjiawo", "王丙")
    warning = (await store.load_stream(case.stream_id))[-1]
    notifier = store.projector.notifier
    assert notifier is not None
    async with store.engine.begin() as conn:
        await notifier.apply(conn, [warning], None)  # a rebuild or a second projector pass
    assert len(await _rows(store)) == len(ZJW)


def _clock_event(event_type: str, deadline_id: str) -> EventEnvelope:
    at = datetime(2026, 5, 6, tzinfo=UTC)
    return EventEnvelope(stream_id="case:x", stream_kind="CASE", seq=9, event_type=event_type, event_version=1,
                         occurred_at=at, recorded_at=at, actor="system", town="zhangjiawo", unit="u",
                         procedure=None, violation_type=None, fine_amount_fen=None, status=None,
                         payload={"clock_key": deadline_id, "deadline_id": deadline_id, "due_on": "2026-05-20"},
                         prev_hash="0" * 64, hash="0" * 64)


def test_the_partys_own_windows_notify_nobody() -> None:
    for deadline_id in ("D19", "D19L", "D23", "D23R"):
        assert notices_for(_clock_event("DeadlineWarning", deadline_id), ["a"], ["p"]) == []
        assert notices_for(_clock_event("DeadlineBreached", deadline_id), ["a"], ["p"]) == []


def test_other_clock_events_notify_nobody_and_recipients_are_distinct() -> None:
    assert notices_for(_clock_event("DeadlineStarted", "D7"), ["a"], ["p"]) == []
    notices = notices_for(_clock_event("DeadlineBreached", "D12"), ["a", "b"], ["b", "p"])
    assert [(n.recipient, n.kind, n.deadline_name, n.due_on) for n in notices] == [
        ("a", "BREACHED", "决定书送达", date(2026, 5, 20)), ("b", "BREACHED", "决定书送达", date(2026, 5, 20)),
        ("p", "BREACHED", "决定书送达", date(2026, 5, 20))]
