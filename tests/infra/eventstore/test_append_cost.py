"""The cost of an append, counted in SQL statements (not timed): one read of the stream's tail and read models, one
insert of the events, and one write per read model that changed — on both dialects."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.task_routing import next_steps_for
from infra.bulk_import import validate
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore, verify
from infra.projections import Projector
from infra.reference import demo_profiles, demo_reference
from tests.scenarios.templates import general

# 1 read of the stream's tail and read models (summary, deadlines and tasks, in one statement) + 1 insert + the
# writes of what changed (an upsert of the summary, of the changed deadlines and of the new tasks, a delete of the
# tasks done): 4–5 for every step of a case (7–8 with a tail read and three loads, 11–13 with two head reads and
# delete-then-insert).
MAX_STATEMENTS_PER_APPEND = 5
STAFF = {"lead": "ylq-lead-1", "officer": "ylq-officer-1", "reviewer": "ylq-reviewer-1",
         "principal": "ylq-principal-1"}
SPEC = {"town": "yangliuqing", "unit": "yangliuqing-bureau", "item": "SR-PILING", "violation_type": "ILLEGAL_PILING",
        "fine_fen": 50000, "place": "某街", "party": "CITIZEN"}


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SELECT SET_CONFIG")):
            seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


async def test_every_single_event_append_of_a_whole_case_stays_within_the_statement_budget(db_url: str) -> None:
    (history,) = validate({"format": "zhifa.bulk-import/1", "cases": [
        general(SPEC, "ylq-cost-1", 1, date(2023, 3, 6), STAFF)]}, reference=demo_reference(),
        profiles=demo_profiles(), calendar=load_work_calendar())
    engine = create_engine(db_url)
    store, per_append = EventStore(engine, Projector(next_steps_for)), []
    try:
        for envelope in history:
            with statements(engine) as seen:
                await store.append([envelope])
            per_append.append(len(seen))
        with statements(engine) as retried:
            await store.append([history[-1]])  # a retried append: one read, nothing written
        assert await verify(engine) == []
    finally:
        await engine.dispose()
    assert len(per_append) == len(history) > 10
    assert max(per_append) <= MAX_STATEMENTS_PER_APPEND, per_append
    assert len(retried) == 1, retried
