"""WorkCalendar arithmetic: CPL 85 counting on hand-made calendars and on the real one."""

from __future__ import annotations

from datetime import date

import pytest

from domain.deadlines.calendar import WorkCalendar

# 2024-01-01 is a Monday. A hand-made week: Monday 8 January off, Sunday 7 January worked in exchange.
SWAP = WorkCalendar(
    holidays=frozenset({date(2024, 1, 8)}),
    makeup_workdays=frozenset({date(2024, 1, 7)}),
    covered_years=frozenset({2024}),
)
WEEKENDS = WorkCalendar.weekends_only()


def test_the_start_day_is_not_counted_and_weekends_are_skipped() -> None:
    assert WEEKENDS.add_working_days(date(2024, 1, 5), 1) == date(2024, 1, 8)
    assert WEEKENDS.add_working_days(date(2024, 1, 1), 5) == date(2024, 1, 8)


def test_a_period_started_on_a_weekend_counts_from_the_next_working_day() -> None:
    assert WEEKENDS.add_working_days(date(2024, 1, 6), 1) == date(2024, 1, 8)


def test_a_zero_period_ends_on_its_start_day() -> None:
    assert WEEKENDS.add_working_days(date(2024, 1, 6), 0) == date(2024, 1, 6)


def test_make_up_workdays_count_and_holidays_do_not() -> None:
    assert SWAP.is_working_day(date(2024, 1, 7))
    assert not SWAP.is_working_day(date(2024, 1, 8))
    assert SWAP.add_working_days(date(2024, 1, 5), 1) == date(2024, 1, 7)
    assert SWAP.add_working_days(date(2024, 1, 5), 2) == date(2024, 1, 9)


def test_a_calendar_day_period_ending_on_a_day_off_moves_to_the_next_working_day() -> None:
    assert WEEKENDS.add_calendar_days(date(2024, 1, 1), 4) == date(2024, 1, 5)
    assert WEEKENDS.add_calendar_days(date(2024, 1, 5), 1) == date(2024, 1, 8)
    assert SWAP.add_calendar_days(date(2024, 1, 5), 3) == date(2024, 1, 9)
    assert SWAP.add_calendar_days(date(2024, 1, 5), 2) == date(2024, 1, 7)


def test_next_and_previous_working_day() -> None:
    assert SWAP.next_working_day(date(2024, 1, 6)) == date(2024, 1, 7)
    assert SWAP.next_working_day(date(2024, 1, 8)) == date(2024, 1, 9)
    assert SWAP.previous_working_day(date(2024, 1, 8)) == date(2024, 1, 7)
    assert WEEKENDS.previous_working_day(date(2024, 1, 7)) == date(2024, 1, 5)
    assert WEEKENDS.previous_working_day(date(2024, 1, 5)) == date(2024, 1, 5)


def test_working_days_between_counts_after_the_start_up_to_the_end() -> None:
    assert WEEKENDS.working_days_between(date(2024, 1, 5), date(2024, 1, 8)) == 1
    assert SWAP.working_days_between(date(2024, 1, 5), date(2024, 1, 9)) == 2
    assert WEEKENDS.working_days_between(date(2024, 1, 8), date(2024, 1, 8)) == 0
    assert WEEKENDS.working_days_between(date(2024, 1, 9), date(2024, 1, 8)) == 0


def test_subtract_working_days_gives_the_latest_start_that_still_ends_in_time() -> None:
    # Monday 15 January: one working day before it may start as late as Sunday the 14th.
    assert WEEKENDS.subtract_working_days(date(2024, 1, 15), 1) == date(2024, 1, 14)
    assert WEEKENDS.subtract_working_days(date(2024, 1, 13), 1) == date(2024, 1, 11)
    assert WEEKENDS.subtract_working_days(date(2024, 1, 12), 0) == date(2024, 1, 12)
    # From Saturday the 6th, two working days are Sunday the 7th (make-up) and Tuesday the 9th.
    assert SWAP.subtract_working_days(date(2024, 1, 9), 2) == date(2024, 1, 6)


def test_seven_working_days_before_a_hearing_after_national_day_2025(real_calendar: WorkCalendar) -> None:
    # Hearing Tue 2025-10-14; back: 14, 13, Sat 11 (make-up), 10, 9, [1–8 off], Sep 30, Sep 29 → from Sun 28 on.
    assert real_calendar.subtract_working_days(date(2025, 10, 14), 7) == date(2025, 9, 28)


def test_negative_periods_are_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        WEEKENDS.add_working_days(date(2024, 1, 1), -1)
    with pytest.raises(ValueError, match="negative"):
        WEEKENDS.add_calendar_days(date(2024, 1, 1), -1)
    with pytest.raises(ValueError, match="negative"):
        WEEKENDS.subtract_working_days(date(2024, 1, 1), -1)


def test_a_year_without_holiday_data_is_provisional() -> None:
    assert not SWAP.is_provisional(date(2024, 6, 1))
    assert SWAP.is_provisional(date(2025, 6, 1))
    assert SWAP.uncovered_years(date(2023, 12, 30), date(2025, 1, 2)) == (2023, 2025)


def test_merging_lets_the_override_replace_a_year_it_covers() -> None:
    base = WorkCalendar(
        holidays=frozenset({date(2024, 1, 8), date(2025, 1, 1)}),
        makeup_workdays=frozenset({date(2024, 1, 7)}),
        covered_years=frozenset({2024, 2025}),
    )
    override = WorkCalendar(holidays=frozenset({date(2024, 1, 9)}), covered_years=frozenset({2024}))
    merged = base.merged(override)
    assert merged.holidays == {date(2024, 1, 9), date(2025, 1, 1)}
    assert merged.makeup_workdays == frozenset()
    assert merged.covered_years == {2024, 2025}
    assert merged.is_working_day(date(2024, 1, 8))
    assert not merged.is_working_day(date(2024, 1, 7))


def test_real_calendar_knows_the_2025_national_day_arrangement(real_calendar: WorkCalendar) -> None:
    assert [real_calendar.is_working_day(date(2025, 9, d)) for d in (27, 28, 29, 30)] == [False, True, True, True]
    assert not any(real_calendar.is_working_day(date(2025, 10, d)) for d in range(1, 9))
    assert [real_calendar.is_working_day(date(2025, 10, d)) for d in (9, 10, 11, 12)] == [True, True, True, False]
