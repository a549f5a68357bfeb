"""Holiday data from the chinesecalendar package (import name `chinese_calendar`), one notice per year.

The package lists, per day, the days off (weekend days inside a holiday span included) and the make-up workdays.
It extends its range when a new notice is published; a year counts as covered only when the package holds that
year's notice, which always fixes both the Spring Festival and the National Day holidays — a year with only a few
stray dates (a New Year span reaching back into late December) is not covered.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import chinese_calendar

from infra.calendar.notices import CalendarSource, HolidayNotice

_SPRING_FESTIVAL = chinese_calendar.Holiday.spring_festival.value
_NATIONAL_DAY = chinese_calendar.Holiday.national_day.value


def package_reference() -> str:
    return f"chinesecalendar {getattr(chinese_calendar, '__version__', 'unknown version')}"


def package_notices() -> list[HolidayNotice]:
    """Every year the package has data for, with `covered` years first-class notices (see `is_covered`)."""
    holidays: defaultdict[int, dict[date, str]] = defaultdict(dict)
    makeup: defaultdict[int, dict[date, str]] = defaultdict(dict)
    for day, name in chinese_calendar.holidays.items():
        holidays[day.year][day] = str(name)
    for day, name in chinese_calendar.workdays.items():
        makeup[day.year][day] = str(name)
    reference = package_reference()
    return [
        HolidayNotice(year, CalendarSource.PACKAGE, reference, holidays[year], makeup[year])
        for year in sorted(set(holidays) | set(makeup))
    ]


def is_covered(notice: HolidayNotice) -> bool:
    names = set(notice.holidays.values())
    return _SPRING_FESTIVAL in names and _NATIONAL_DAY in names
