"""The cost of an append, counted in SQL statements (not timed): one read of the stream's tail and read models, one
insert of the events, and one write per read model that changed — on both dialects."""

from __future__ import annotations

from datetime import date

from domain.task_routing import next_steps_for
from infra.bulk_import import validate
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore, verify
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from tests.infra.eventstore.counting import statements
from tests.scenarios.templates import general

# PostgreSQL (prepared statements on the driver): 1 read of the stream's head, tail and read models + 1 write of the
# events and of what changed of the read models (data-modifying CTEs), no BEGIN/COMMIT round trips — 2 for every
# step of a case. SQLite (SQLAlchemy Core): the read, 1 insert, and one upsert or delete per read model that changed
# — 4–5. (Before: 7–8 with a tail read and three loads, 11–13 with two head reads and delete-then-insert.)
STATEMENTS_PER_APPEND = {"postgresql": range(2, 3), "sqlite": range(3, 6)}
STAFF = {"lead": "ylq-lead-1", "officer": "ylq-officer-1", "reviewer": "ylq-reviewer-1",
         "principal": "ylq-principal-1"}
SPEC = {"town": "yangliuqing", "unit": "yangliuqing-bureau", "item": "SR-PILING", "violation_type": "ILLEGAL_PILING",
        "fine_fen": 50000, "place": "某街", "party": "CITIZEN"}


async def test_every_single_event_append_of_a_whole_case_stays_within_the_statement_budget(db_url: str) -> None:
    warm_up, history = validate({"format": "zhifa.bulk-import/1", "cases": [
        general(SPEC, "ylq-cost-0", 1, date(2023, 3, 6), STAFF), general(SPEC, "ylq-cost-1", 2, date(2023, 3, 6), STAFF)
    ]}, reference=demo_reference(), profiles=demo_profiles(), calendar=load_work_calendar())
    engine = create_engine(db_url)
    store, per_append = EventStore(engine, Projector(next_steps_for)), []
    try:
        # A connection's first statements set it up (asyncpg introspects the types once): not an append's cost.
        await store.append(warm_up[:1])
        for envelope in history:
            async with statements(engine) as seen:
                await store.append([envelope])
            per_append.append(len(seen))
        async with statements(engine) as retried:
            await store.append([history[-1]])  # a retried append: one read, nothing written
        assert await verify(engine) == []
    finally:
        await engine.dispose()
    assert len(per_append) == len(history) > 10
    assert set(per_append) <= set(STATEMENTS_PER_APPEND[engine.dialect.name]), per_append
    assert len(retried) == 1, retried
