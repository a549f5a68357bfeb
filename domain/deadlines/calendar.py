"""The working-day calendar: Mon–Fri minus statutory holidays plus make-up working days (调休).

Holiday data is a parameter (infra loads it from chinesecalendar and the project's override table), so the
same calendar runs in Temporal's sandbox and in unit tests. A year with no holiday data still computes on
weekends only, and every date in it is reported as provisional so the caller can recompute later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = frozenset()  # statutory days off (法定节假日), weekday or weekend
    makeup_workdays: frozenset[date] = frozenset()  # weekend days worked in exchange (调休上班)
    covered_years: frozenset[int] = frozenset()  # years whose State Council holiday notice is loaded

    @classmethod
    def weekends_only(cls) -> WorkCalendar:
        return cls()

    def is_provisional(self, day: date) -> bool:
        """True when `day` lies in a year whose holiday notice is not loaded: results may change."""
        return day.year not in self.covered_years

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def add_working_days(self, start: date, count: int) -> date:
        """The day on which a period of `count` working days that starts on `start` ends.

        CPL 85: the start day is not counted; only working days count.
        """
        if count < 0:
            raise ValueError("a period cannot be negative")
        day = start
        remaining = count
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def subtract_working_days(self, end: date, count: int) -> date:
        """The latest day from which a period of `count` working days still ends by `end`: the inverse of
        `add_working_days` for a period that must lie before a fixed day (APL 64: notify the hearing ≥ 7 days
        before it). `add_working_days(subtract_working_days(end, n), n) <= end` always holds, and the day after
        the result no longer satisfies it."""
        if count < 0:
            raise ValueError("a period cannot be negative")
        day = end
        remaining = count
        while remaining:
            if self.is_working_day(day):
                remaining -= 1
            day -= timedelta(days=1)
        return day

    def add_calendar_days(self, start: date, count: int) -> date:
        """The end of a period of `count` calendar days: the start day is not counted, and a period whose last
        day is a day off ends on the next working day (CPL 85)."""
        if count < 0:
            raise ValueError("a period cannot be negative")
        return self.next_working_day(start + timedelta(days=count))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 if end <= start)."""
        n = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n += 1
        return n

    def uncovered_years(self, first: date, last: date) -> tuple[int, ...]:
        """The years between `first` and `last` (inclusive) without holiday data."""
        return tuple(y for y in range(first.year, last.year + 1) if y not in self.covered_years)

    def merged(self, other: WorkCalendar) -> WorkCalendar:
        """Combine two sources; for a year both cover, `other` wins (the project's override table)."""
        years = other.covered_years
        return WorkCalendar(
            holidays=frozenset(d for d in self.holidays if d.year not in years) | other.holidays,
            makeup_workdays=frozenset(d for d in self.makeup_workdays if d.year not in years)
            | other.makeup_workdays,
            covered_years=self.covered_years | other.covered_years,
        )
