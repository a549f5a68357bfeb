"""Computing a period's dates on the working-day calendar: its length under the rule profile, its due date,
the day a NOTICE_BEFORE period must be given by, its warning day, and whether it rests on a year without holiday
data (provisional)."""

from __future__ import annotations

import calendar as _gregorian
from datetime import date, timedelta

from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.rules import DeadlineRule, Unit
from domain.profile import RuleProfile


def rule_length(rule: DeadlineRule, profile: RuleProfile) -> int:
    if rule.profile_field is None:
        return rule.length
    value = getattr(profile, rule.profile_field)
    assert isinstance(value, int)
    return value


def add_months(start: date, months: int) -> date:
    """The corresponding day `months` later; a month without it ends the period on its last day (Civil Code
    202: 到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _gregorian.monthrange(year, month)[1])
    return date(year, month, day)


def nominal_end(unit: Unit, started_on: date, length: int) -> date:
    """The last day of a calendar-day, month or hour period before CPL 85 moves it off a day off."""
    if unit is Unit.CALENDAR_DAYS:
        return started_on + timedelta(days=length)
    if unit is Unit.MONTHS:
        return add_months(started_on, length)
    if unit is Unit.HOURS:
        # The clock is kept in days: a 24-hour period started on a day is due the next day.
        return started_on + timedelta(days=max(1, -(-length // 24)))
    raise ValueError("a working-day period has no nominal end independent of the calendar")


def due_date(unit: Unit, started_on: date, length: int, cal: WorkCalendar) -> date:
    """CPL 85: the start day is not counted; a period ending on a day off ends on the next working day.

    Hour periods run by the clock, not by days, so a holiday does not move them."""
    if length < 0:
        raise ValueError("a period cannot be negative")
    if unit is Unit.WORKING_DAYS:
        return cal.add_working_days(started_on, length)
    if unit is Unit.HOURS:
        return nominal_end(unit, started_on, length)
    return cal.next_working_day(nominal_end(unit, started_on, length))


def latest_day_before(unit: Unit, anchor: date, length: int, cal: WorkCalendar) -> date:
    """The last day on which an act that must come at least `length` before `anchor` can still happen
    (APL 64: the hearing is notified seven days before it is held)."""
    if unit is Unit.WORKING_DAYS:
        return cal.subtract_working_days(anchor, length)
    if unit is Unit.CALENDAR_DAYS:
        return anchor - timedelta(days=length)
    if unit is Unit.MONTHS:
        return add_months(anchor, -length)
    return anchor - timedelta(days=max(1, -(-length // 24)))


def _is_long(unit: Unit, started_on: date, due_on: date, length: int | None) -> bool:
    if unit is Unit.MONTHS:
        return True
    if unit is not Unit.CALENDAR_DAYS:
        return False
    return (length if length is not None else (due_on - started_on).days) > 30


def warning_date(
    unit: Unit, started_on: date, due_on: date, cal: WorkCalendar, profile: RuleProfile, *, length: int | None = None
) -> date:
    """When to warn (预警): `warning_lead_working_days` working days before a short period ends, and for a long
    one (months, or more than 30 calendar days) `warning_lead_calendar_days` before it, on the working day at
    or before that. Never on the start day itself; a period too short for a warning returns `due_on` (no
    warning timer is set then)."""
    if _is_long(unit, started_on, due_on, length):
        warn = cal.previous_working_day(due_on - timedelta(days=profile.warning_lead_calendar_days))
    else:
        warn = due_on
        lead = profile.warning_lead_working_days
        while lead and warn > started_on:
            warn -= timedelta(days=1)
            if cal.is_working_day(warn):
                lead -= 1
    if warn <= started_on:
        warn = cal.next_working_day(started_on + timedelta(days=1))
    return min(warn, due_on)


def provisional_years(unit: Unit, started_on: date, length: int, due_on: date, cal: WorkCalendar) -> tuple[int, ...]:
    """The years without holiday data that the due date depends on: every counted day of a working-day period,
    only the days from the nominal end to the due date of any other period."""
    if unit is Unit.WORKING_DAYS:
        first = min(started_on + timedelta(days=1), due_on)
    elif unit is Unit.HOURS:
        return ()
    else:
        first = min(nominal_end(unit, started_on, length), due_on)
    return cal.uncovered_years(first, due_on)


def is_provisional(unit: Unit, started_on: date, length: int, due_on: date, cal: WorkCalendar) -> bool:
    return bool(provisional_years(unit, started_on, length, due_on, cal))
