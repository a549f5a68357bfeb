"""The holiday data loader: chinesecalendar merged with the project's override table."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from infra.calendar import (
    CalendarSource,
    OverrideError,
    calendar_coverage,
    load_work_calendar,
    read_overrides,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "overrides.json"
    path.write_text(text, encoding="utf-8")
    return path


def entry(year: int, holidays: str, makeup: str = "[]") -> str:
    return f'{{"year": {year}, "reference": "test fixture", "holidays": {holidays}, "makeup_workdays": {makeup}}}'


def notice(year: int, holidays: str, makeup: str = "[]") -> str:
    """An override table with one (fixture) notice."""
    return f'{{"notices": [{entry(year, holidays, makeup)}]}}'


def test_every_day_from_2004_to_2026_agrees_with_chinesecalendar() -> None:
    cal = load_work_calendar()
    day, differences = date(2004, 1, 1), []
    while day <= date(2026, 12, 31):
        if cal.is_working_day(day) != chinese_calendar.is_workday(day):
            differences.append(day)
        day += timedelta(days=1)
    assert differences == []


def test_years_2004_to_2026_are_covered_and_2027_is_not() -> None:
    cal = load_work_calendar()
    assert cal.covered_years == frozenset(range(2004, 2027))
    assert cal.is_provisional(date(2027, 1, 4))
    assert not cal.is_provisional(date(2004, 1, 1))


def test_weekend_days_inside_a_holiday_span_are_days_off_and_make_up_days_are_worked() -> None:
    cal = load_work_calendar()
    assert date(2025, 10, 4) in cal.holidays  # Saturday inside National Day
    assert not cal.is_working_day(date(2025, 10, 4))
    assert cal.is_working_day(date(2024, 2, 18))  # Sunday worked after Spring Festival 2024
    assert not cal.is_working_day(date(2024, 2, 12))  # Monday inside Spring Festival 2024


def test_coverage_names_the_source_of_every_year() -> None:
    coverage = {c.year: c for c in calendar_coverage()}
    assert sorted(coverage) == list(range(2004, 2027))
    assert coverage[2024].source is CalendarSource.PACKAGE
    assert coverage[2024].reference.startswith("chinesecalendar ")
    assert coverage[2025].source is CalendarSource.OVERRIDE
    assert "国办发明电〔2024〕12号" in coverage[2025].reference
    assert coverage[2026].source is CalendarSource.OVERRIDE
    assert coverage[2026].reference == "国务院办公厅关于2026年部分节假日安排的通知"


def test_the_shipped_table_lists_the_2025_and_2026_notices_with_names() -> None:
    by_year = {n.year: n for n in read_overrides()}
    assert sorted(by_year) == [2025, 2026]
    assert by_year[2025].holidays[date(2025, 10, 6)] == "国庆节、中秋节"
    assert by_year[2025].makeup_workdays == {
        date(2025, 1, 26): "春节", date(2025, 2, 8): "春节", date(2025, 4, 27): "劳动节",
        date(2025, 9, 28): "国庆节、中秋节", date(2025, 10, 11): "国庆节、中秋节"}
    assert len(by_year[2026].holidays) == 3 + 9 + 3 + 5 + 3 + 3 + 7


def test_the_override_wins_for_a_year_it_lists(tmp_path: Path) -> None:
    # A fixture that replaces 2024 with New Year alone: Spring Festival 2024 is no longer known.
    path = write(tmp_path, notice(2024, '[{"name": "元旦", "first": "2024-01-01", "last": "2024-01-01"}]'))
    cal = load_work_calendar(path)
    assert cal.is_working_day(date(2024, 2, 12))
    assert not cal.is_working_day(date(2024, 2, 18))
    assert not cal.is_working_day(date(2024, 1, 1))
    assert not cal.is_working_day(date(2023, 10, 2))  # other years keep the package data
    assert {c.year: c.source for c in calendar_coverage(path)}[2024] is CalendarSource.OVERRIDE


def test_an_override_year_beyond_the_package_becomes_covered(tmp_path: Path) -> None:
    path = write(tmp_path, notice(2027, '[{"name": "元旦", "first": "2027-01-01", "last": "2027-01-01"}]'))
    cal = load_work_calendar(path)
    assert 2027 in cal.covered_years
    assert not cal.is_working_day(date(2027, 1, 1))
    assert {c.year: c.reference for c in calendar_coverage(path)}[2027] == "test fixture"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (notice(2027, "[]", '[{"name": "x", "date": "2027-01-04"}]'),
         "make-up workday 2027-01-04 is not a Saturday or Sunday"),
        (notice(2027, '[{"name": "x", "first": "2027-01-03", "last": "2027-01-01"}]'),
         "holiday x ends before it starts"),
        (notice(2027, '[{"name": "x", "first": "2028-01-01", "last": "2028-01-01"}]'),
         "2028-01-01 lies outside the notice's year"),
        (notice(2027, '[{"name": "x", "first": "2027-01-02", "last": "2027-01-03"}]',
                '[{"name": "x", "date": "2027-01-02"}]'),
         "2027-01-02 is both a holiday and a make-up workday"),
        (f'{{"notices": [{entry(2027, "[]")}, {entry(2027, "[]")}]}}',
         "year 2027 is listed twice"),
        (notice(2027, '[{"name": "x", "first": "not a date", "last": "2027-01-01"}]'), "malformed notice entry"),
        ("[]", "expected an object with a 'notices' list"),
        ("{", "cannot read the override table"),
    ],
)
def test_a_malformed_override_table_is_rejected_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(OverrideError, match=message) as info:
        read_overrides(path)
    assert str(path) in str(info.value)


def test_a_new_year_span_may_begin_in_the_last_days_of_the_previous_year(tmp_path: Path) -> None:
    path = write(tmp_path, notice(2027, '[{"name": "元旦", "first": "2026-12-31", "last": "2027-01-01"}]'))
    (parsed,) = read_overrides(path)
    assert set(parsed.holidays) == {date(2026, 12, 31), date(2027, 1, 1)}
