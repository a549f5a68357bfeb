"""The pure folds behind the read models agree with the domain's own state folds."""

from __future__ import annotations

from datetime import date

from domain.deadlines import clocks, timers
from domain.deadlines.calendar import WorkCalendar
from domain.messages import Event
from domain.profile import RuleProfile
from domain.projections import DeadlineView, StreamReadModel, fold_deadlines, project
from domain.task_routing import next_steps_for
from infra.bulk_import import validate
from infra.calendar import load_work_calendar
from infra.reference import demo_profiles, demo_reference
from tests.infra.eventstore.sample_streams import StreamWriter, at, fake_next_steps, lead
from tests.scenarios.scenario import load
from tests.scenarios.templates import expand_cases

CAL = WorkCalendar(holidays=frozenset({date(2025, 5, 1), date(2025, 5, 2), date(2025, 5, 5)}),
                   makeup_workdays=frozenset({date(2025, 4, 27)}), covered_years=frozenset({2025}))
PROFILE = RuleProfile()


def test_the_deadline_fold_agrees_with_the_clock_state_after_every_event() -> None:
    case = StreamWriter("CASE-1")
    state: clocks.Clocks = {}
    views: dict[str, DeadlineView] = {}
    steps: list[Event] = [
        clocks.start("D7", date(2025, 4, 20), occurred_at=at(48), cal=CAL, profile=PROFILE),
        clocks.start("D9", date(2025, 4, 28), occurred_at=at(56), cal=CAL, profile=PROFILE, key="D9#1"),
        lead(at(57)),  # not a clock event: nothing moves
    ]
    for step in steps:
        state = clocks.evolve_clocks(state, step)
        views = dict(fold_deadlines(views, case.seal((step, "FILED"))))
    more: list[Event] = [
        *clocks.pause(state, "D7", occurred_at=at(58), reason="hearing"),
        *timers.on_timer(state, timers.pending_timers(state)[0], now=at(80)),
    ]
    assert [type(step).__name__ for step in more] == ["DeadlinePaused", "DeadlineWarning"]
    for step in more:
        state = clocks.evolve_clocks(state, step)
        views = dict(fold_deadlines(views, case.seal((step, "FILED"))))
    for step in [*clocks.resume(state, "D7", occurred_at=at(65), cal=CAL, profile=PROFILE),
                 *clocks.satisfy(state, "D9#1", occurred_at=at(66))]:
        state = clocks.evolve_clocks(state, step)
        views = dict(fold_deadlines(views, case.seal((step, "FILED"))))

    assert {k: (v.deadline_id, v.started_on, v.due_on, v.warn_on, v.provisional, v.status)
            for k, v in views.items()} == {
        k: (c.deadline_id, c.started_on, c.due_on, c.warn_on, c.provisional, c.status.value)
        for k, c in state.items()}
    assert {k: v.status for k, v in views.items()} == {"D7": "RUNNING", "D9#1": "SATISFIED"}


def test_projecting_in_one_batch_equals_projecting_event_by_event() -> None:
    case = StreamWriter("CASE-1")
    envelopes = [*case.seal((lead(at(0)), "LEAD_REGISTERED")),
                 *case.seal((clocks.start("D7", date(2025, 3, 4), occurred_at=at(1), cal=CAL, profile=PROFILE),
                             "FILED"))]
    one_by_one = StreamReadModel("CASE-1")
    for env in envelopes:
        one_by_one = project(one_by_one, [env], fake_next_steps)

    assert project(StreamReadModel("CASE-1"), envelopes, fake_next_steps) == one_by_one
    assert one_by_one.summary is not None and one_by_one.summary.version == 2


def test_a_whole_scenario_history_summarised_at_once_equals_it_summarised_one_append_at_a_time() -> None:
    histories = validate({"format": "zhifa.bulk-import/1", "cases": expand_cases(load("yangliuqing-2023"))},
                         reference=demo_reference(), profiles=demo_profiles(), calendar=load_work_calendar())
    assert len(histories) > 50
    for history in histories:
        one_by_one = StreamReadModel(history[0].stream_id)
        for env in history:
            one_by_one = project(one_by_one, [env], next_steps_for)
        at_once = project(StreamReadModel(history[0].stream_id), history, next_steps_for)
        assert at_once == one_by_one and at_once.summary is not None
        assert at_once.summary.version == len(history) and at_once.summary.last_seq == history[-1].seq
