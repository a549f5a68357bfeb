"""The shortcuts of an append keep its guarantees, on both dialects: a store continuing the tail it last committed
(without reading it) finds out when another appender moved the stream meanwhile, and so does one writing a
stream's first event without reading (a repeat is found stored, another first event is a conflict); concurrent
appends written together (PostgreSQL) each get their own outcome, a lost race or a conflict of one failing none of
the others."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.projections import StreamReadModel
from infra.db.models import append_alarms
from infra.eventstore import AppendConflict, EventStore, verify
from infra.projections import Projector
from infra.projections.rows import load_read_model
from tests.infra.eventstore.sample_streams import CaseFiled, DecisionMade, StreamWriter, at, fake_next_steps, lead


def _filed(day: float, case_no: str) -> CaseFiled:
    return CaseFiled(occurred_at=at(day), actors=("p",), case_no=case_no, officers=("a", "b"))


async def _models_follow_the_log(store: EventStore, stream_id: str) -> None:
    """The stored read models are the fold of the stream's whole history."""
    history = await store.load_stream(stream_id)
    expected = store.projector.fold(StreamReadModel(stream_id), history)
    async with store.engine.connect() as conn:
        stored = await load_read_model(conn, stream_id)
    assert (stored.summary, stored.deadlines, set(stored.tasks)) == (
        expected.summary, expected.deadlines, set(expected.tasks))


async def test_a_store_continuing_its_own_tail_sees_what_another_appender_wrote_meanwhile(
        store: EventStore, engine: AsyncEngine) -> None:
    other = EventStore(engine, Projector(fake_next_steps))  # another process, say
    case, rival = StreamWriter("CASE-1"), StreamWriter("CASE-1")
    first = case.seal((lead(at(0)), "LEAD_REGISTERED"))
    rival.seal((lead(at(0)), "LEAD_REGISTERED"))
    await store.append(first)
    theirs = case.seal((_filed(1, "1号"), "FILED"))
    await other.append(theirs)
    forked = rival.seal((_filed(1, "2号"), "FILED"))  # continues the tail `store` remembers

    with pytest.raises(AppendConflict):
        await store.append(forked)
    again = await store.append(theirs)
    later = await store.append(case.seal((DecisionMade(occurred_at=at(2), actors=("p",), fine_fen=500), "DECIDED")))

    assert (again.appended, again.already_stored, later.appended) == ((), (2,), (3,))
    assert [e.seq for e in await store.load_stream("CASE-1")] == [1, 2, 3]
    assert await verify(engine) == []
    await _models_follow_the_log(store, "CASE-1")


async def test_concurrent_appends_each_get_their_own_outcome(store: EventStore, engine: AsyncEngine) -> None:
    cases = [StreamWriter(f"CASE-{n}") for n in range(8)]
    for case in cases:
        await store.append(case.seal((lead(at(0)), "LEAD_REGISTERED")))
    rival = StreamWriter("CASE-3")
    rival.seal((lead(at(0)), "LEAD_REGISTERED"))
    forked = rival.seal((_filed(1, "别号"), "FILED"))
    steps = [case.seal((_filed(1, f"{n}号"), "FILED")) for n, case in enumerate(cases)]

    results = await asyncio.gather(*(store.append(step) for step in steps), store.append(forked),
                                   store.append(steps[5]), return_exceptions=True)

    *appended, forked_result, retried = results
    race = [appended.pop(3), forked_result]  # two contents for CASE-3#2: one is stored, the other is a conflict
    twice = [appended.pop(4), retried]  # CASE-5#2 offered twice at once: one writes it, the other finds it stored
    assert [r.appended for r in appended] == [(2,)] * 6  # type: ignore[union-attr]
    assert sorted(isinstance(r, AppendConflict) for r in race) == [False, True]
    assert sorted((r.appended, r.already_stored) for r in twice) == [((), (2,)), ((2,), ())]  # type: ignore[union-attr]
    winner = steps[3] if race[1].__class__ is AppendConflict else forked
    assert (await store.load_stream("CASE-3"))[1:] == winner
    assert await verify(engine) == []
    for case in cases:
        assert [e.seq for e in await store.load_stream(case.stream_id)] == [1, 2]
        await _models_follow_the_log(store, case.stream_id)


async def test_an_append_that_lost_its_race_fails_alone_when_written_together_with_others(
        store: EventStore, engine: AsyncEngine) -> None:
    other = EventStore(engine, Projector(fake_next_steps))
    cases = [StreamWriter(f"CASE-{n}") for n in range(4)]
    for case in cases:
        await store.append(case.seal((lead(at(0)), "LEAD_REGISTERED")))
    rival = StreamWriter("CASE-0")
    rival.seal((lead(at(0)), "LEAD_REGISTERED"))
    theirs = cases[0].seal((_filed(1, "1号"), "FILED"))
    await other.append(theirs)  # `store` still remembers CASE-0 at seq 1: its next write will fail in the database
    steps = [rival.seal((_filed(1, "2号"), "FILED")), *(case.seal((_filed(1, "3号"), "FILED")) for case in cases[1:])]

    results = await asyncio.gather(*(store.append(step) for step in steps), return_exceptions=True)

    assert isinstance(results[0], AppendConflict) and results[0].stored_hash == theirs[0].hash
    assert [r.appended for r in results[1:]] == [(2,)] * 3  # type: ignore[union-attr]
    assert await verify(engine) == []
    for case in cases:
        await _models_follow_the_log(store, case.stream_id)


async def test_a_first_event_offered_again_by_a_store_that_never_saw_it_is_found_stored(
        store: EventStore, engine: AsyncEngine) -> None:
    first = StreamWriter("CASE-1").seal((lead(at(0)), "LEAD_REGISTERED"))
    written = await store.append(first)
    fresh = EventStore(engine, Projector(fake_next_steps))  # another process, or this one restarted

    again, once_more = await fresh.append(first), await fresh.append(first)
    later = await fresh.append(StreamWriter("CASE-1").seal((lead(at(0)), "LEAD_REGISTERED"),
                                                           (_filed(1, "1号"), "FILED"))[1:])

    assert (written.appended, again.appended, again.already_stored, once_more.already_stored) == (
        (1,), (), (1,), (1,))
    assert later.appended == (2,)
    assert [e.seq for e in await store.load_stream("CASE-1")] == [1, 2]
    assert await verify(engine) == []
    await _models_follow_the_log(store, "CASE-1")


async def test_another_first_event_of_a_stream_already_begun_is_a_conflict_and_raises_the_alarm(
        store: EventStore, engine: AsyncEngine) -> None:
    ours = StreamWriter("CASE-1").seal((lead(at(0)), "LEAD_REGISTERED"))
    theirs = StreamWriter("CASE-1").seal((lead(at(0, micro=7)), "LEAD_REGISTERED"))
    await EventStore(engine, Projector(fake_next_steps)).append(theirs)

    with pytest.raises(AppendConflict) as raised:
        await store.append(ours)
    with pytest.raises(AppendConflict):
        await store.append(ours)  # read this time: the stream is known to have begun

    assert raised.value.stored_hash == theirs[0].hash
    assert await store.load_stream("CASE-1") == theirs
    async with engine.connect() as conn:
        alarms = (await conn.execute(select(append_alarms.c.stream_id, append_alarms.c.seq))).all()
    assert [tuple(a) for a in alarms] == [("CASE-1", 1), ("CASE-1", 1)]
    await _models_follow_the_log(store, "CASE-1")
