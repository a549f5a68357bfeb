"""Holiday data for the working-day calendar: the chinesecalendar package plus the project's override table."""

from infra.calendar.loader import YearCoverage, calendar_coverage, load_work_calendar
from infra.calendar.notices import DEFAULT_OVERRIDES, CalendarSource, HolidayNotice, OverrideError, read_overrides

__all__ = [
    "DEFAULT_OVERRIDES",
    "CalendarSource",
    "HolidayNotice",
    "OverrideError",
    "YearCoverage",
    "calendar_coverage",
    "load_work_calendar",
    "read_overrides",
]
