"""A case's summary and timeline read together hold exactly what the two separate reads return."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import EventEnvelope
from domain.task_routing import next_steps_for
from infra.db.migrate import upgrade
from infra.eventstore import EventStore
from infra.eventstore.rows import ENVELOPE_COLUMNS
from infra.projections import Projector
from infra.readside.case_detail import summaries_with_timelines
from infra.readside.cases import events_by_stream, summaries_by_id
from tests.api.seeding import seed_case
from tests.infra.eventstore.counting import statements

TOWNS = ["zhangjiawo"]


async def test_a_summary_with_its_timeline_is_what_the_two_reads_return(engine: AsyncEngine, db_url: str) -> None:
    await upgrade(db_url)
    store = EventStore(engine, Projector(next_steps_for))
    # Times to the microsecond, Chinese text, and a case of another town (out of the caller's scope).
    base = datetime(2024, 3, 5, 1, 2, 3, 456789, tzinfo=UTC)
    ours = [(await seed_case(store, "zhangjiawo", name, base=base)).stream_id for name in ("王五", "赵六·m²")]
    theirs = (await seed_case(store, "dasi", "钱七", base=base)).stream_id
    ids = [*ours, theirs, "case:zhangjiawo:none"]
    async with engine.connect() as conn:
        async with statements(engine) as seen:
            summaries, timelines = await summaries_with_timelines(conn, TOWNS, ids)
        expected = await summaries_by_id(conn, TOWNS, ids), await events_by_stream(conn, TOWNS, ours)
    assert (summaries, timelines) == expected
    assert sorted(summaries) == sorted(ours) and all(len(timelines[i]) > 3 for i in ours)
    assert timelines[ours[0]][0].occurred_at == base and timelines[ours[0]][0].occurred_at.tzinfo is UTC
    assert [e.computed_hash() for e in timelines[ours[1]]] == [e.hash for e in timelines[ours[1]]]
    assert len(seen) == (1 if engine.dialect.name == "postgresql" else 2), seen


def test_the_envelope_columns_are_the_envelope_fields_in_order() -> None:
    # The aggregated timeline rebuilds each envelope from its columns by position.
    assert tuple(f.name for f in fields(EventEnvelope)) == ENVELOPE_COLUMNS
