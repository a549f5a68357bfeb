"""`projections rebuild`: refolding the whole log gives exactly the rows the appends maintained."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.deadlines import clocks, local_time
from domain.deadlines.calendar import WorkCalendar
from domain.profile import RuleProfile
from infra.db.models import READ_MODEL_TABLES, READ_MODELS_CHECKPOINT, events, projection_checkpoint
from infra.eventstore import EventStore
from infra.projections import RebuildReport, rebuild
from infra.projections.queries import projection_position
from tests.infra.eventstore.sample_streams import (
    CaseClosed,
    CaseFiled,
    DecisionMade,
    DisclosurePublished,
    StreamWriter,
    at,
    fake_next_steps,
    lead,
)

CAL, PROFILE = WorkCalendar.weekends_only(), RuleProfile()


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    async with engine.connect() as conn:
        tables = {table.name: sorted(tuple(row) for row in await conn.execute(select(table)))
                  for table in READ_MODEL_TABLES}
    return tables


async def interleaved_history(store: EventStore) -> int:
    """Five streams written in interleaved appends of varying size; returns the number of events."""
    writers = [StreamWriter(f"CASE-{n}", town="张家窝镇" if n % 2 else "杨柳青镇") for n in range(4)]
    writers.append(StreamWriter("DISC-1", kind="DISCLOSURE", procedure=None, violation_type=None))
    count = 0
    for n, case in enumerate(writers[:4]):
        count += len((await store.append(case.seal((lead(at(n), party=f"当事人{n}"), "LEAD_REGISTERED")))).appended)
    for n, case in enumerate(writers[:3]):
        d7 = clocks.start("D7", local_time.local_date(at(n + 1)), occurred_at=at(n + 1), cal=CAL, profile=PROFILE)
        outcome = await store.append(case.seal(
            (CaseFiled(occurred_at=at(n + 1), actors=("p",), case_no=f"{n}号", officers=("a", "b")), "FILED"),
            (d7, "FILED")))
        count += len(outcome.appended)
    disclosure = writers[4]
    count += len((await store.append(disclosure.seal(
        (DisclosurePublished(occurred_at=at(3), actors=("o",), channel="portal"), "DUE")))).appended)
    for n, case in enumerate(writers[:2]):
        state = clocks.evolve_clocks({}, clocks.start("D7", local_time.local_date(at(n + 1)), occurred_at=at(n + 1),
                                                       cal=CAL, profile=PROFILE))
        outcome = await store.append(case.seal(
            (DecisionMade(occurred_at=at(n + 30), actors=("p",), fine_fen=5_000 * (n + 1)), "DECIDED"),
            *[(e, "DECIDED") for e in clocks.satisfy(state, "D7", occurred_at=at(n + 30))],
            (CaseClosed(occurred_at=at(n + 50), actors=("p",)), "CLOSED")))
        count += len(outcome.appended)
    return count


async def test_rebuild_gives_the_rows_incremental_appends_gave(store: EventStore, engine: AsyncEngine) -> None:
    appended = await interleaved_history(store)
    incremental = await snapshot(engine)
    checkpoint = await projection_position(engine)

    report = await rebuild(engine, fake_next_steps, batch_size=3)

    assert await snapshot(engine) == incremental
    assert report == RebuildReport(events=appended, streams=5, batches=-(-appended // 3), checkpoint=checkpoint,
                                   case_summaries=4, deadlines=3, tasks=len(incremental["tasks"]))
    assert [len(incremental[name]) for name in ("case_summaries", "deadlines")] == [4, 3]
    assert len(incremental["tasks"]) > 0
    assert await projection_position(engine) == checkpoint == appended
    async with engine.connect() as conn:
        recorded = await conn.scalar(select(projection_checkpoint.c.position)
                                     .where(projection_checkpoint.c.name == READ_MODELS_CHECKPOINT))
    assert recorded == report.checkpoint == appended  # the rebuild records how far it got


async def test_rebuild_never_touches_the_events(store: EventStore, engine: AsyncEngine) -> None:
    await interleaved_history(store)
    async with engine.connect() as conn:
        before = (await conn.execute(select(events).order_by(events.c.position))).all()

    await rebuild(engine, fake_next_steps)

    async with engine.connect() as conn:
        assert (await conn.execute(select(events).order_by(events.c.position))).all() == before
