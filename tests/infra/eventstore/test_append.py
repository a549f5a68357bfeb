"""Appending to the log: round-trips, idempotent retries, conflicts as alarms, chain checks."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import GENESIS_HASH
from infra.db.models import append_alarms, events
from infra.eventstore import AppendConflict, ChainMismatch, EventStore, InvalidEnvelope
from tests.infra.eventstore.sample_streams import SHANGHAI_NOON, CaseFiled, DecisionMade, StreamWriter, at, lead


async def count_events(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(events)) or 0)


async def test_appended_events_load_back_identical_and_their_hashes_recompute(store: EventStore) -> None:
    case = StreamWriter("CASE-1")
    batch = case.seal(
        (lead(SHANGHAI_NOON), "LEAD_REGISTERED"),
        (CaseFiled(occurred_at=at(1, micro=7), actors=("principal-1",), case_no="津西青张综罚立〔2025〕1号",
                   officers=("officer-1", "officer-2")), "FILED"),
        (DecisionMade(occurred_at=at(30, micro=999_999), actors=("principal-1",), fine_fen=48_114_060), "DECIDED"),
    )

    outcome = await store.append(batch)

    assert (outcome.appended, outcome.already_stored, outcome.head_seq, outcome.head_hash) == (
        (1, 2, 3), (), 3, batch[-1].hash)
    loaded = await store.load_stream("CASE-1")
    assert loaded == batch
    assert [env.computed_hash() for env in loaded] == [env.hash for env in batch]
    assert loaded[0].payload["area_m2"] == 1e20 and isinstance(loaded[0].payload["area_m2"], float)
    assert loaded[0].occurred_at.utcoffset() is not None and loaded[0].occurred_at == SHANGHAI_NOON
    assert loaded[2].fine_amount_fen == 48_114_060
    assert await store.stream_head("CASE-1") == (3, batch[-1].hash)
    assert await store.load_stream("CASE-1", after_seq=2) == batch[2:]


async def test_an_unknown_stream_has_no_head_and_no_events(store: EventStore) -> None:
    assert await store.stream_head("CASE-404") is None
    assert await store.load_stream("CASE-404") == []


async def test_re_appending_stored_events_is_a_noop(store: EventStore, engine: AsyncEngine) -> None:
    case = StreamWriter("CASE-1")
    first = case.seal((lead(at(0)), "LEAD_REGISTERED"),
                      (CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED"))
    await store.append(first)

    retried = await store.append(first)

    assert retried.was_noop
    assert (retried.appended, retried.already_stored, retried.head_seq, retried.last_position) == (
        (), (1, 2), 2, None)
    assert await count_events(engine) == 2
    assert await store.load_stream("CASE-1") == first


async def test_a_retry_overlapping_stored_events_appends_only_the_new_ones(store: EventStore) -> None:
    case = StreamWriter("CASE-1")
    first = case.seal((lead(at(0)), "LEAD_REGISTERED"))
    second = case.seal((CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED"))
    await store.append(first)

    outcome = await store.append([*first, *second])

    assert (outcome.appended, outcome.already_stored, outcome.head_seq) == ((2,), (1,), 2)
    assert await store.load_stream("CASE-1") == [*first, *second]


async def test_different_content_for_a_stored_seq_is_an_alarm_not_an_overwrite(
    store: EventStore, engine: AsyncEngine
) -> None:
    case = StreamWriter("CASE-1")
    stored = case.seal((lead(at(0)), "LEAD_REGISTERED"),
                       (CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED"))
    await store.append(stored)
    rival = StreamWriter("CASE-1")
    rival.seal((lead(at(0)), "LEAD_REGISTERED"))
    forked = rival.seal((CaseFiled(occurred_at=at(1), actors=("p",), case_no="2号", officers=("a", "b")), "FILED"))

    with pytest.raises(AppendConflict) as raised:
        await store.append(forked)

    conflict = raised.value
    assert (conflict.stream_id, conflict.seq, conflict.stored_hash, conflict.attempted_hash) == (
        "CASE-1", 2, stored[1].hash, forked[0].hash)
    assert str(conflict) == (f"CASE-1#2 is already stored with hash {stored[1].hash}; "
                             f"refusing different content with hash {forked[0].hash}")
    assert await store.load_stream("CASE-1") == stored
    async with engine.connect() as conn:
        alarms = (await conn.execute(select(append_alarms))).mappings().all()
    assert [(a["stream_id"], a["seq"], a["stored_hash"], a["attempted_hash"]) for a in alarms] == [
        ("CASE-1", 2, stored[1].hash, forked[0].hash)]
    assert alarms[0]["attempted"]["payload"]["case_no"] == "2号"


async def test_a_seq_gap_is_rejected(store: EventStore, engine: AsyncEngine) -> None:
    case = StreamWriter("CASE-1")
    await store.append(case.seal((lead(at(0)), "LEAD_REGISTERED")))
    case.seal((CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED"))
    skipped = case.seal((DecisionMade(occurred_at=at(2), actors=("p",), fine_fen=100), "DECIDED"))

    with pytest.raises(ChainMismatch, match=r"^CASE-1#3: the stream's head is seq 1; the next event must be seq 2"):
        await store.append(skipped)
    assert await count_events(engine) == 1


async def test_a_first_event_that_is_not_seq_one_is_rejected(store: EventStore) -> None:
    case = StreamWriter("CASE-1")
    case.seal((lead(at(0)), "LEAD_REGISTERED"))
    second = case.seal((CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED"))

    with pytest.raises(ChainMismatch) as raised:
        await store.append(second)
    assert (raised.value.stream_id, raised.value.seq) == ("CASE-1", 2)
    assert await store.stream_head("CASE-1") is None


async def test_a_prev_hash_other_than_the_stored_heads_is_rejected(store: EventStore) -> None:
    case = StreamWriter("CASE-1")
    first = case.seal((lead(at(0)), "LEAD_REGISTERED"))
    await store.append(first)
    case.head = GENESIS_HASH  # a writer that lost track of the head
    misplaced = case.seal((CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED"))

    with pytest.raises(ChainMismatch) as raised:
        await store.append(misplaced)

    assert raised.value.seq == 2
    assert raised.value.reason == (f"prev_hash {GENESIS_HASH} does not match the stored head's hash {first[0].hash}")
    assert await store.stream_head("CASE-1") == (1, first[0].hash)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # refused before the database is asked
async def test_a_forged_hash_is_rejected(store: EventStore) -> None:
    case = StreamWriter("CASE-1")
    (honest,) = case.seal((lead(at(0)), "LEAD_REGISTERED"))
    forged = dataclasses.replace(honest, payload={**honest.payload, "place": "elsewhere"})

    with pytest.raises(InvalidEnvelope, match=rf"^CASE-1#1: hash {honest.hash} is not the hash of its content"):
        await store.append([forged])
    assert await store.stream_head("CASE-1") is None


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_batch_must_be_one_consecutive_chained_stream(store: EventStore) -> None:
    one, other = StreamWriter("CASE-1"), StreamWriter("CASE-2")
    a = one.seal((lead(at(0)), "LEAD_REGISTERED"))
    b = other.seal((lead(at(0)), "LEAD_REGISTERED"))
    one.seal((CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED"))
    c = one.seal((DecisionMade(occurred_at=at(2), actors=("p",), fine_fen=100), "DECIDED"))

    with pytest.raises(InvalidEnvelope, match=r"^CASE-2#1: one append takes one stream; CASE-1 came first$"):
        await store.append([*a, *b])
    with pytest.raises(ChainMismatch, match=r"^CASE-1#3: seq 3 does not follow seq 1 \(gap\)$"):
        await store.append([*a, *c])
    with pytest.raises(InvalidEnvelope, match=r"^nothing to append$"):
        await store.append([])


async def test_concurrent_appends_of_one_seq_store_exactly_one(store: EventStore, engine: AsyncEngine) -> None:
    left, right = StreamWriter("CASE-1"), StreamWriter("CASE-1")
    mine = left.seal((lead(at(0), party="甲"), "LEAD_REGISTERED"))
    theirs = right.seal((lead(at(0), party="乙"), "LEAD_REGISTERED"))

    results = await asyncio.gather(store.append(mine), store.append(theirs), store.append(mine),
                                   return_exceptions=True)

    conflicts = [r for r in results if isinstance(r, AppendConflict)]
    stored = await store.load_stream("CASE-1")
    assert len(stored) == 1 and await count_events(engine) == 1
    winner_is_mine = stored == mine
    assert len(conflicts) == (1 if winner_is_mine else 2)
    assert all(c.stored_hash == stored[0].hash for c in conflicts)
