"""Deadline clocks on the real working-day calendar: due dates, warnings, breaches, pauses, recomputation.

Every expected date is worked out by hand from the State Council notices (2024: Spring Festival 10–17 Feb off,
Sun 4 and Sun 18 Feb worked; 2025: National Day and Mid-Autumn 1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked;
Dragon Boat 31 May–2 Jun; 2026: Sat 28 Feb worked).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.clock_events import (
    ClockStatus,
    DeadlineBreached,
    DeadlinePaused,
    DeadlineRecomputed,
    DeadlineResumed,
    DeadlineSatisfied,
    DeadlineStarted,
    DeadlineWarning,
)
from domain.deadlines.clocks import (
    Clock,
    Clocks,
    cancel_all,
    evolve_clocks,
    extend,
    pause,
    recompute,
    resume,
    satisfy,
    start,
)
from domain.deadlines.due_dates import add_months
from domain.deadlines.local_time import SHANGHAI
from domain.deadlines.rules import Unit
from domain.deadlines.timers import Timer, TimerKind, on_timer, pending_timers
from domain.messages import Event, EventRegistry
from domain.profile import RuleProfile
from infra.calendar import load_work_calendar

PROFILE = RuleProfile()


def at(day: date, hour: int = 10) -> datetime:
    """A moment on `day` in Asia/Shanghai."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def fold(events: Iterable[Event], clocks: Clocks | None = None) -> Clocks:
    state: Clocks = clocks or {}
    for event in events:
        state = evolve_clocks(state, event)
    return state


def started(deadline_id: str, on: date, cal: WorkCalendar, *, anchor: date | None = None) -> DeadlineStarted:
    return start(deadline_id, on, occurred_at=at(on), cal=cal, profile=PROFILE, anchor=anchor)


# --- D10: 5 working days to request a hearing, across National Day 2025 --------------------------------


def test_hearing_request_window_skips_national_day_and_counts_the_sunday_make_up_day(
    real_calendar: WorkCalendar,
) -> None:
    # Served Fri 26 Sep: Sat 27 off; Sun 28 (1), Mon 29 (2), Tue 30 (3); 1–8 Oct off; Thu 9 (4), Fri 10 (5).
    event = started("D10", date(2025, 9, 26), real_calendar)
    assert (event.due_on, event.unit, event.length, event.provisional) == (
        date(2025, 10, 10), Unit.WORKING_DAYS, 5, False)
    assert event.source == "APL 64"


def test_hearing_request_window_counts_the_saturday_make_up_day_after_the_holiday(
    real_calendar: WorkCalendar,
) -> None:
    # Served Tue 30 Sep: Thu 9 (1), Fri 10 (2), Sat 11 make-up (3), Mon 13 (4), Tue 14 (5).
    assert started("D10", date(2025, 9, 30), real_calendar).due_on == date(2025, 10, 14)


def test_a_notice_served_on_a_saturday_counts_from_the_next_working_day(real_calendar: WorkCalendar) -> None:
    assert started("D10", date(2025, 9, 27), real_calendar).due_on == date(2025, 10, 10)


# --- D17: 7 working days to disclose, across Spring Festival 2024 ----------------------------------------


def test_disclosure_window_across_spring_festival_2024_ends_on_the_sunday_make_up_day(
    real_calendar: WorkCalendar,
) -> None:
    # Decided Fri 2 Feb: Sun 4 (1), 5 (2), 6 (3), 7 (4), 8 (5), Fri 9 (6); 10–17 off; Sun 18 (7).
    assert started("D17", date(2024, 2, 2), real_calendar).due_on == date(2024, 2, 18)


def test_disclosure_window_started_just_before_spring_festival_2024(real_calendar: WorkCalendar) -> None:
    # Decided Thu 8 Feb: Fri 9 (1), Sun 18 (2), 19 (3), 20 (4), 21 (5), 22 (6), Fri 23 (7).
    assert started("D17", date(2024, 2, 8), real_calendar).due_on == date(2024, 2, 23)


def test_disclosure_length_follows_the_rule_profile(real_calendar: WorkCalendar) -> None:
    event = start("D17", date(2024, 2, 2), occurred_at=at(date(2024, 2, 2)), cal=real_calendar,
                  profile=RuleProfile(disclosure_working_days=5))
    assert (event.length, event.due_on) == (5, date(2024, 2, 8))


# --- D7: 90 calendar days to decide ---------------------------------------------------------------------


def test_decision_deadline_is_ninety_calendar_days_after_filing(real_calendar: WorkCalendar) -> None:
    # Filed Wed 12 Feb 2025: 16 days to 28 Feb, 31 to 31 Mar, 30 to 30 Apr, 13 → Tue 13 May.
    assert started("D7", date(2025, 2, 12), real_calendar).due_on == date(2025, 5, 13)


def test_decision_deadline_falling_on_a_sunday_moves_to_monday(real_calendar: WorkCalendar) -> None:
    # Filed Mon 10 Mar 2025: day 90 is Sun 8 Jun → Mon 9 Jun.
    assert started("D7", date(2025, 3, 10), real_calendar).due_on == date(2025, 6, 9)


def test_decision_deadline_falling_on_national_day_moves_past_the_holiday(real_calendar: WorkCalendar) -> None:
    # Filed Thu 3 Jul 2025: day 90 is Wed 1 Oct → first working day Thu 9 Oct; warning 10 days before: Mon 29 Sep.
    event = started("D7", date(2025, 7, 3), real_calendar)
    assert (event.due_on, event.warn_on) == (date(2025, 10, 9), date(2025, 9, 29))


# --- D15: 15 calendar days to pay ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2025, 3, 3), date(2025, 3, 18)),  # Mon → Tue, a working day
        (date(2025, 9, 16), date(2025, 10, 9)),  # day 15 is 1 Oct → Thu 9 Oct
        (date(2025, 5, 17), date(2025, 6, 3)),  # day 15 is Sun 1 Jun, Mon 2 Jun is Dragon Boat → Tue 3 Jun
    ],
)
def test_payment_deadline_is_fifteen_calendar_days_after_receipt(
    real_calendar: WorkCalendar, received: date, due: date
) -> None:
    event = started("D15", received, real_calendar)
    assert (event.unit, event.due_on) == (Unit.CALENDAR_DAYS, due)


def test_payment_deadline_warns_two_working_days_before(real_calendar: WorkCalendar) -> None:
    # Due Tue 18 Mar: Mon 17 (1), Fri 14 (2).
    assert started("D15", date(2025, 3, 3), real_calendar).warn_on == date(2025, 3, 14)


# --- months --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_day", "months", "end"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 12, 15), 3, date(2026, 3, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
    ],
)
def test_months_end_on_the_corresponding_day_or_the_month_end(start_day: date, months: int, end: date) -> None:
    assert add_months(start_day, months) == end


def test_six_months_to_sue_may_end_on_a_saturday_make_up_day(real_calendar: WorkCalendar) -> None:
    # 31 Aug 2025 + 6 months → 28 Feb 2026 (no 31st), a Saturday worked in 2026.
    assert started("D23", date(2025, 8, 31), real_calendar).due_on == date(2026, 2, 28)
    # 4 Apr 2025 + 6 months → Sat 4 Oct, inside National Day → Thu 9 Oct.
    assert started("D23", date(2025, 4, 4), real_calendar).due_on == date(2025, 10, 9)


def test_limitation_is_two_years_or_five_with_harm(real_calendar: WorkCalendar) -> None:
    assert started("D1", date(2024, 3, 11), real_calendar).due_on == date(2026, 3, 11)
    assert started("D1H", date(2021, 3, 11), real_calendar).due_on == date(2026, 3, 11)


def test_an_hour_period_is_not_moved_by_a_holiday(real_calendar: WorkCalendar) -> None:
    assert started("D3", date(2025, 9, 30), real_calendar).due_on == date(2025, 10, 1)


# --- counting back and waiting periods ---------------------------------------------------------------------


def test_hearing_notice_is_due_seven_working_days_before_the_hearing(real_calendar: WorkCalendar) -> None:
    event = started("D11", date(2025, 9, 22), real_calendar, anchor=date(2025, 10, 14))
    # Latest notice Sun 28 Sep (a make-up working day); warning two working days earlier: Thu 25 Sep.
    assert (event.due_on, event.warn_on, event.anchor) == (date(2025, 9, 28), date(2025, 9, 25), date(2025, 10, 14))


def test_hearing_notice_needs_the_hearing_day() -> None:
    with pytest.raises(ValueError, match="D11 counts back from a fixed day"):
        started("D11", date(2025, 9, 22), WorkCalendar.weekends_only())


def test_court_enforcement_waits_ten_working_days_after_the_demand(real_calendar: WorkCalendar) -> None:
    # Demand served Fri 26 Sep: 28, 29, 30 Sep, 9, 10, 11, 13, 14, 15, 16 Oct → may apply from Fri 17 Oct.
    event = started("D24D", date(2025, 9, 26), real_calendar)
    assert (event.due_on, event.warn_on) == (date(2025, 10, 16), date(2025, 10, 16))
    clocks = fold([event])
    (timer,) = pending_timers(clocks)
    assert timer == Timer("D24D", TimerKind.ELAPSED, utc(2025, 10, 16, 16))
    (done,) = on_timer(clocks, timer, now=utc(2025, 10, 16, 16))
    assert isinstance(done, DeadlineSatisfied)
    assert fold([done], clocks)["D24D"].status is ClockStatus.SATISFIED


# --- warnings and breaches ---------------------------------------------------------------------------------


def test_warning_then_breach_timers_fire_at_midnight_in_shanghai(real_calendar: WorkCalendar) -> None:
    event = started("D10", date(2025, 9, 26), real_calendar)
    # Due Fri 10 Oct; two working days before: Thu 9 Oct (1), Tue 30 Sep (2).
    assert event.warn_on == date(2025, 9, 30)
    clocks = fold([event])
    assert pending_timers(clocks) == [Timer("D10", TimerKind.WARNING, utc(2025, 9, 29, 16))]

    assert on_timer(clocks, pending_timers(clocks)[0], now=utc(2025, 9, 29, 15, 59)) == []
    (warning,) = on_timer(clocks, pending_timers(clocks)[0], now=utc(2025, 9, 29, 16))
    assert isinstance(warning, DeadlineWarning)
    assert (warning.due_on, warning.occurred_at) == (date(2025, 10, 10), utc(2025, 9, 29, 16))
    clocks = fold([warning], clocks)
    assert clocks["D10"].status is ClockStatus.WARNED

    # The whole due day is in time: the breach fires at 00:00 Sat 11 Oct Shanghai = 16:00 UTC on the 10th.
    (breach_timer,) = pending_timers(clocks)
    assert breach_timer == Timer("D10", TimerKind.BREACH, utc(2025, 10, 10, 16))
    assert on_timer(clocks, breach_timer, now=utc(2025, 10, 10, 15, 59, 59)) == []
    (breach,) = on_timer(clocks, breach_timer, now=utc(2025, 10, 10, 16))
    assert isinstance(breach, DeadlineBreached)
    assert breach.occurred_at == utc(2025, 10, 10, 16)
    clocks = fold([breach], clocks)
    assert clocks["D10"].status is ClockStatus.BREACHED
    assert pending_timers(clocks) == []


def test_a_timer_for_a_stopped_clock_does_nothing(real_calendar: WorkCalendar) -> None:
    clocks = fold([started("D10", date(2025, 9, 26), real_calendar)])
    timer = pending_timers(clocks)[0]
    clocks = fold(satisfy(clocks, "D10", occurred_at=at(date(2025, 9, 28))), clocks)
    assert clocks["D10"].status is ClockStatus.SATISFIED
    assert on_timer(clocks, timer, now=utc(2025, 10, 20)) == []
    assert pending_timers(clocks) == []


def test_a_period_too_short_for_its_warning_lead_sets_only_the_breach_timer(real_calendar: WorkCalendar) -> None:
    # D31, one working day from Mon 3 Mar 2025: due Tue 4 Mar, no day to warn on.
    event = started("D31", date(2025, 3, 3), real_calendar)
    assert (event.due_on, event.warn_on) == (date(2025, 3, 4), date(2025, 3, 4))
    assert pending_timers(fold([event])) == [Timer("D31", TimerKind.BREACH, utc(2025, 3, 4, 16))]


def test_a_short_period_is_never_warned_on_its_start_day(real_calendar: WorkCalendar) -> None:
    # D14, two working days from Mon 3 Mar 2025: due Wed 5 Mar; the warning falls on Tue 4 Mar, not on the 3rd.
    event = started("D14", date(2025, 3, 3), real_calendar)
    assert (event.due_on, event.warn_on) == (date(2025, 3, 5), date(2025, 3, 4))


def test_timers_are_listed_in_firing_order(real_calendar: WorkCalendar) -> None:
    clocks = fold([
        started("D7", date(2025, 7, 3), real_calendar),
        started("D10", date(2025, 9, 26), real_calendar),
    ])
    assert pending_timers(clocks) == [
        Timer("D7", TimerKind.WARNING, utc(2025, 9, 28, 16)),
        Timer("D10", TimerKind.WARNING, utc(2025, 9, 29, 16)),
    ]


# --- pause and resume ----------------------------------------------------------------------------------------


def test_a_pause_moves_a_calendar_day_deadline_by_the_paused_days(real_calendar: WorkCalendar) -> None:
    clocks = fold([started("D7", date(2025, 2, 12), real_calendar)])  # due Tue 13 May
    clocks = fold(pause(clocks, "D7", occurred_at=at(date(2025, 3, 3)), reason="appraisal"), clocks)
    assert clocks["D7"].status is ClockStatus.PAUSED
    assert pending_timers(clocks) == []
    (resumed,) = resume(clocks, "D7", occurred_at=at(date(2025, 3, 13)), cal=real_calendar, profile=PROFILE)
    assert isinstance(resumed, DeadlineResumed)
    # 10 days paused: 13 May + 10 = Fri 23 May; warning 10 days before: Tue 13 May.
    assert (resumed.due_on, resumed.warn_on, resumed.paused_days) == (date(2025, 5, 23), date(2025, 5, 13), 10)
    clocks = fold([resumed], clocks)
    assert (clocks["D7"].status, clocks["D7"].due_on, clocks["D7"].paused_days) == (
        ClockStatus.RUNNING, date(2025, 5, 23), 10)
    assert pending_timers(clocks) == [Timer("D7", TimerKind.WARNING, utc(2025, 5, 12, 16))]


def test_a_pause_shifts_the_nominal_end_before_it_is_moved_off_a_weekend(real_calendar: WorkCalendar) -> None:
    # Filed Mon 10 Mar 2025: day 90 is Sun 8 Jun. Paused five days: day 95 is Fri 13 Jun, a working day.
    clocks = fold([started("D7", date(2025, 3, 10), real_calendar)])
    clocks = fold(pause(clocks, "D7", occurred_at=at(date(2025, 4, 1)), reason="testing"), clocks)
    (resumed,) = resume(clocks, "D7", occurred_at=at(date(2025, 4, 6)), cal=real_calendar, profile=PROFILE)
    assert isinstance(resumed, DeadlineResumed)
    assert resumed.due_on == date(2025, 6, 13)


def test_pauses_of_a_working_day_clock_exclude_working_days(real_calendar: WorkCalendar) -> None:
    clocks = fold([started("D10", date(2025, 9, 26), real_calendar)])  # due Fri 10 Oct
    clocks = fold(pause(clocks, "D10", occurred_at=at(date(2025, 9, 29), 9), reason="x"), clocks)
    events = resume(clocks, "D10", occurred_at=at(date(2025, 10, 9), 9), cal=real_calendar, profile=PROFILE)
    # Counted before the pause: Sun 28, Mon 29. Excluded: Tue 30 Sep and Thu 9 Oct (2 working days).
    # Counting restarts Fri 10 (3), Sat 11 make-up (4), Mon 13 (5).
    (resumed,) = events
    assert isinstance(resumed, DeadlineResumed)
    assert (resumed.due_on, resumed.paused_days) == (date(2025, 10, 13), 2)
    clocks = fold(events, clocks)
    assert clocks["D10"].paused_days == 2

    # A second pause on Fri 10 Oct, resumed Sat 11 Oct (a make-up working day): one more day excluded.
    clocks = fold(pause(clocks, "D10", occurred_at=at(date(2025, 10, 10)), reason="y"), clocks)
    (again,) = resume(clocks, "D10", occurred_at=at(date(2025, 10, 11)), cal=real_calendar, profile=PROFILE)
    assert isinstance(again, DeadlineResumed)
    assert (again.due_on, again.paused_days) == (date(2025, 10, 14), 3)


def test_the_old_breach_timer_is_stale_after_a_resume_moved_the_due_date(real_calendar: WorkCalendar) -> None:
    clocks = fold([started("D10", date(2025, 9, 26), real_calendar)])
    old_breach = Timer("D10", TimerKind.BREACH, utc(2025, 10, 10, 16))
    clocks = fold(pause(clocks, "D10", occurred_at=at(date(2025, 9, 29), 9), reason="x"), clocks)
    clocks = fold(resume(clocks, "D10", occurred_at=at(date(2025, 10, 9), 9), cal=real_calendar, profile=PROFILE),
                  clocks)
    assert clocks["D10"].due_on == date(2025, 10, 13)
    assert on_timer(clocks, old_breach, now=utc(2025, 10, 10, 16)) == []
    # The warning moves too: two working days before Mon 13 are Sat 11 (make-up) and Fri 10.
    assert pending_timers(clocks) == [Timer("D10", TimerKind.WARNING, utc(2025, 10, 9, 16))]


def test_an_extension_survives_a_later_pause(real_calendar: WorkCalendar) -> None:
    # Sealing from Mon 1 Sep 2025: day 30 is 1 Oct → Thu 9 Oct. Extended by 30: day 60 is Fri 31 Oct.
    clocks = fold([started("D5", date(2025, 9, 1), real_calendar)])
    assert clocks["D5"].due_on == date(2025, 10, 9)
    (extended,) = extend(clocks, "D5", days=30, occurred_at=at(date(2025, 9, 20)), cal=real_calendar,
                         profile=PROFILE)
    assert isinstance(extended, DeadlineRecomputed)
    assert (extended.due_on, extended.warn_on, extended.length) == (date(2025, 10, 31), date(2025, 10, 21), 60)
    clocks = fold([extended], clocks)
    # Paused Fri 10 Oct, resumed Mon 13 Oct: three days more → Mon 3 Nov; warning Fri 24 Oct.
    clocks = fold(pause(clocks, "D5", occurred_at=at(date(2025, 10, 10)), reason="x"), clocks)
    (resumed,) = resume(clocks, "D5", occurred_at=at(date(2025, 10, 13)), cal=real_calendar, profile=PROFILE)
    assert isinstance(resumed, DeadlineResumed)
    assert (resumed.due_on, resumed.warn_on) == (date(2025, 11, 3), date(2025, 10, 24))
    with pytest.raises(ValueError, match="an extension adds days"):
        extend(clocks, "D5", days=0, occurred_at=at(date(2025, 10, 14)), cal=real_calendar, profile=PROFILE)


def test_resume_of_a_clock_that_is_not_paused_does_nothing(real_calendar: WorkCalendar) -> None:
    clocks = fold([started("D10", date(2025, 9, 26), real_calendar)])
    assert resume(clocks, "D10", occurred_at=at(date(2025, 9, 29)), cal=real_calendar, profile=PROFILE) == []
    assert resume(clocks, "nope", occurred_at=at(date(2025, 9, 29)), cal=real_calendar, profile=PROFILE) == []


def test_a_resume_event_from_before_paused_days_existed_still_folds() -> None:
    registry = EventRegistry([DeadlineResumed])
    old = registry.decode("DeadlineResumed", 1, {
        "occurred_at": "2025-03-13T02:00:00.000000+00:00", "actors": ["system"], "clock_key": "D7",
        "deadline_id": "D7", "due_on": "2025-05-23", "warn_on": "2025-05-13", "provisional": False})
    assert isinstance(old, DeadlineResumed) and old.paused_days is None
    clock = Clock(key="D7", deadline_id="D7", started_on=date(2025, 2, 12), length=90, unit=Unit.CALENDAR_DAYS,
                  due_on=date(2025, 5, 13), warn_on=date(2025, 5, 3), provisional=False,
                  status=ClockStatus.PAUSED, paused_on=date(2025, 3, 3))
    assert fold([old], {"D7": clock})["D7"].paused_days == 10


def test_cancel_all_stops_open_clocks_only(real_calendar: WorkCalendar) -> None:
    clocks = fold([started("D10", date(2025, 9, 26), real_calendar), started("D7", date(2025, 7, 3), real_calendar)])
    clocks = fold(satisfy(clocks, "D10", occurred_at=at(date(2025, 9, 28))), clocks)
    events = cancel_all(clocks, occurred_at=at(date(2025, 9, 29)), reason="withdrawn")
    assert [e.clock_key for e in events] == ["D7"]  # type: ignore[attr-defined]
    assert fold(events, clocks)["D7"].status is ClockStatus.CANCELLED


# --- provisional dates and recomputation ---------------------------------------------------------------------

# A TEST FIXTURE, not the 2027 notice (unpublished when this was written): only 1 January, which the national
# holiday regulation fixes every year, so the recomputation has something to find.
FIXTURE_2027 = """{"notices": [{"year": 2027, "reference": "test fixture, not a State Council notice",
  "holidays": [{"name": "元旦", "first": "2027-01-01", "last": "2027-01-01"}], "makeup_workdays": []}]}"""


@pytest.fixture
def calendar_with_2027(tmp_path: Path) -> WorkCalendar:
    path = tmp_path / "overrides.json"
    path.write_text(FIXTURE_2027, encoding="utf-8")
    return load_work_calendar(path)


def test_a_deadline_in_a_year_without_holiday_data_is_provisional_and_counts_weekends_only(
    real_calendar: WorkCalendar,
) -> None:
    assert 2027 not in real_calendar.covered_years
    # Served Wed 30 Dec 2026: Thu 31 (1), Fri 1 Jan (2, no data), Mon 4 (3), Tue 5 (4), Wed 6 (5).
    event = started("D10", date(2026, 12, 30), real_calendar)
    assert (event.due_on, event.warn_on, event.provisional) == (date(2027, 1, 6), date(2027, 1, 4), True)


def test_recompute_moves_a_provisional_deadline_when_the_year_s_data_arrives(
    real_calendar: WorkCalendar, calendar_with_2027: WorkCalendar
) -> None:
    clocks = fold([started("D10", date(2026, 12, 30), real_calendar)])
    assert recompute(clocks, occurred_at=at(date(2026, 12, 31)), cal=real_calendar, profile=PROFILE) == []
    (event,) = recompute(clocks, occurred_at=at(date(2026, 12, 31)), cal=calendar_with_2027, profile=PROFILE)
    # With 1 Jan off: Thu 31 (1), Mon 4 (2), Tue 5 (3), Wed 6 (4), Thu 7 (5); warning Tue 5.
    assert isinstance(event, DeadlineRecomputed)
    assert (event.due_on, event.warn_on, event.provisional) == (date(2027, 1, 7), date(2027, 1, 5), False)
    clocks = fold([event], clocks)
    assert (clocks["D10"].due_on, clocks["D10"].provisional) == (date(2027, 1, 7), False)
    assert pending_timers(clocks) == [Timer("D10", TimerKind.WARNING, utc(2027, 1, 4, 16))]
    assert recompute(clocks, occurred_at=at(date(2026, 12, 31)), cal=calendar_with_2027, profile=PROFILE) == []


def test_recompute_clears_the_provisional_mark_even_when_the_date_stays(
    real_calendar: WorkCalendar, calendar_with_2027: WorkCalendar
) -> None:
    # Filed Tue 1 Dec 2026: day 90 is Mon 1 Mar 2027.
    event = started("D7", date(2026, 12, 1), real_calendar)
    assert (event.due_on, event.provisional) == (date(2027, 3, 1), True)
    (recomputed,) = recompute(fold([event]), occurred_at=at(date(2026, 12, 2)), cal=calendar_with_2027,
                              profile=PROFILE)
    assert isinstance(recomputed, DeadlineRecomputed)
    assert (recomputed.due_on, recomputed.provisional) == (date(2027, 3, 1), False)


def test_a_calendar_day_period_depends_only_on_the_data_of_its_end(real_calendar: WorkCalendar) -> None:
    # A 2-year limitation from 2025 ends in 2027 (provisional); one from 2024 ends in 2026 (not).
    assert started("D1", date(2025, 3, 10), real_calendar).provisional
    assert not started("D1", date(2024, 3, 11), real_calendar).provisional


def test_recompute_leaves_paused_clocks_paused(real_calendar: WorkCalendar, calendar_with_2027: WorkCalendar) -> None:
    clocks = fold([started("D10", date(2026, 12, 30), real_calendar)])
    clocks = fold(pause(clocks, "D10", occurred_at=at(date(2026, 12, 31)), reason="x"), clocks)
    events = recompute(clocks, occurred_at=at(date(2026, 12, 31), 12), cal=calendar_with_2027, profile=PROFILE)
    clocks = fold(events, clocks)
    assert (clocks["D10"].status, clocks["D10"].due_on, clocks["D10"].provisional) == (
        ClockStatus.PAUSED, date(2027, 1, 7), False)


def test_clock_events_are_ignored_for_unknown_clocks_and_other_events_pass_through(
    real_calendar: WorkCalendar,
) -> None:
    clocks = fold([started("D10", date(2025, 9, 26), real_calendar)])
    stray = DeadlinePaused(occurred_at=at(date(2025, 9, 29)), actors=("system",), clock_key="D99",
                           deadline_id="D99", reason="x")
    assert evolve_clocks(clocks, stray) is clocks
