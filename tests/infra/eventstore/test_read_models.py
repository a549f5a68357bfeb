"""Read models kept in the append transaction: case summaries, deadlines, tasks, and the checkpoint."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.deadlines import clock_events, clocks, local_time, timers
from domain.deadlines.calendar import WorkCalendar
from domain.profile import RuleProfile
from domain.projections import CaseSummary, DeadlineView, TaskView
from infra.eventstore import EventStore
from infra.projections.queries import (
    get_case_summary,
    list_case_summaries,
    list_deadlines,
    list_tasks,
    projection_position,
)
from tests.infra.eventstore.sample_streams import (
    TOWN,
    UNIT,
    CaseClosed,
    CaseFiled,
    DecisionMade,
    DisclosurePublished,
    StreamWriter,
    at,
    lead,
)

CAL, PROFILE = WorkCalendar.weekends_only(), RuleProfile()


async def test_the_case_summary_follows_the_case_through_its_events(store: EventStore, engine: AsyncEngine) -> None:
    case = StreamWriter("CASE-1")
    await store.append(case.seal((lead(at(0)), "LEAD_REGISTERED")))
    await store.append(case.seal(
        (CaseFiled(occurred_at=at(1), actors=("principal-1",), case_no="津西青张综罚立〔2025〕7号",
                   officers=("officer-1", "officer-3")), "FILED"),
        (DecisionMade(occurred_at=at(20, micro=5), actors=("principal-1",), fine_fen=20_060), "DECIDED"),
    ))
    await store.append(case.seal((CaseClosed(occurred_at=at(40), actors=("principal-1",)), "CLOSED")))

    assert await get_case_summary(engine, "CASE-1") == CaseSummary(
        stream_id="CASE-1", stream_kind="CASE", town=TOWN, unit=UNIT, procedure="GENERAL",
        violation_type="ROAD_OCCUPATION_VENDING", status="CLOSED", case_no="津西青张综罚立〔2025〕7号",
        party_name="王某", opened_at=at(0), filed_at=at(1), decided_at=at(20, micro=5), closed_at=at(40),
        fine_amount_fen=20_060, last_event_type="CaseClosed", last_event_at=at(40), last_seq=4,
        officers=("officer-1", "officer-3"), version=4)
    assert [s.stream_id for s in await list_case_summaries(engine, TOWN, stream_kind="CASE", status="CLOSED")] == [
        "CASE-1"]
    assert await list_case_summaries(engine, TOWN, status="FILED") == []


async def test_streams_of_other_kinds_have_no_summary_but_do_have_tasks(
    store: EventStore, engine: AsyncEngine
) -> None:
    disclosure = StreamWriter("DISC-1", kind="DISCLOSURE", procedure=None, violation_type=None)
    d17 = clocks.start("D17", local_time.local_date(at(0)), occurred_at=at(0), cal=CAL, profile=PROFILE)
    await store.append(disclosure.seal((DisclosurePublished(occurred_at=at(0), actors=("o",), channel="portal"),
                                        "DUE"), (d17, "DUE")))

    assert await get_case_summary(engine, "DISC-1") is None
    assert await list_tasks(engine, TOWN) == [TaskView("DISC-1", "publish", "officer", TOWN, d17.due_on)]


async def test_tasks_come_from_the_injected_next_steps_and_follow_the_latest_state(
    store: EventStore, engine: AsyncEngine
) -> None:
    case = StreamWriter("CASE-1")
    await store.append(case.seal((lead(at(0)), "LEAD_REGISTERED")))
    assert {(t.step, t.role) for t in await list_tasks(engine, TOWN)} == {
        ("decide_filing", "principal"), ("verify_lead", "officer")}

    d7 = clocks.start("D7", local_time.local_date(at(1)), occurred_at=at(1), cal=CAL, profile=PROFILE)
    await store.append(case.seal(
        (CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")), "FILED"), (d7, "FILED")))

    due = d7.due_on  # the tasks answer the decision clock D7 (the fake next steps name it)
    assert await list_tasks(engine, TOWN) == [TaskView("CASE-1", "decide", "principal", TOWN, due),
                                              TaskView("CASE-1", "investigate", "officer", TOWN, due)]
    assert await list_tasks(engine, TOWN, role="principal") == [
        TaskView("CASE-1", "decide", "principal", TOWN, due)]
    assert await list_tasks(engine, "杨柳青镇") == []


async def test_deadlines_follow_the_clock_events(store: EventStore, engine: AsyncEngine) -> None:
    case = StreamWriter("CASE-1")
    filed_on = local_time.local_date(at(1))
    d7 = clocks.start("D7", filed_on, occurred_at=at(1), cal=CAL, profile=PROFILE)
    d9 = clocks.start("D9", filed_on, occurred_at=at(1), cal=CAL, profile=PROFILE)
    await store.append(case.seal((lead(at(0)), "LEAD_REGISTERED"),
                                 (CaseFiled(occurred_at=at(1), actors=("p",), case_no="1号", officers=("a", "b")),
                                  "FILED"),
                                 (d7, "FILED"), (d9, "FILED")))
    state = clocks.evolve_clocks(clocks.evolve_clocks({}, d7), d9)
    (paused,) = clocks.pause(state, "D7", occurred_at=at(5), reason="hearing")
    state = clocks.evolve_clocks(state, paused)
    (resumed,) = clocks.resume(state, "D7", occurred_at=at(12), cal=CAL, profile=PROFILE)
    (warned,) = timers.on_timer(state, timers.pending_timers(state)[0], now=at(30))
    assert isinstance(resumed, clock_events.DeadlineResumed) and isinstance(warned, clock_events.DeadlineWarning)
    assert warned.clock_key == "D9" and resumed.due_on == d7.due_on + (at(12).date() - at(5).date())
    await store.append(case.seal(*[(e, "INVESTIGATING") for e in (paused, resumed, warned)]))

    assert await list_deadlines(engine, "CASE-1") == [
        DeadlineView("CASE-1", "D9", "D9", filed_on, d9.due_on, d9.warn_on, d9.provisional, "WARNED", TOWN),
        DeadlineView("CASE-1", "D7", "D7", filed_on, resumed.due_on, resumed.warn_on, resumed.provisional,
                     "RUNNING", TOWN),
    ]

    state = clocks.evolve_clocks(clocks.evolve_clocks(state, resumed), warned)
    closing = [*clocks.satisfy(state, "D7", occurred_at=at(40))]
    state = clocks.evolve_clocks(state, closing[0])
    closing += clocks.cancel_all(state, occurred_at=at(40), reason="closed")
    await store.append(case.seal(*[(e, "CLOSED") for e in closing]))

    assert [(d.clock_key, d.status) for d in await list_deadlines(engine, "CASE-1")] == [
        ("D9", "CANCELLED"), ("D7", "SATISFIED")]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_the_checkpoint_is_the_position_of_the_last_folded_event(store: EventStore, engine: AsyncEngine) -> None:
    assert await projection_position(engine) == 0
    one, two = StreamWriter("CASE-1"), StreamWriter("CASE-2")
    await store.append(one.seal((lead(at(0)), "LEAD_REGISTERED")))
    outcome = await store.append(two.seal((lead(at(0)), "LEAD_REGISTERED"), (lead(at(1)), "LEAD_REGISTERED")))

    assert outcome.last_position == 3
    assert await projection_position(engine) == 3
    await store.append(one.seal((lead(at(2)), "LEAD_REGISTERED")))
    assert await projection_position(engine) == 4
