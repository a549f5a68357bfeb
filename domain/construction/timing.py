"""ACL 43: no administrative compulsory execution at night or on days off, unless in an emergency.

Night is 20:00–06:00 Asia/Shanghai; a day off is any day the working-day calendar says is not a working day
(statutory holidays and weekends, make-up working days count as working days)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.local_time import SHANGHAI
from domain.errors import RuleViolation

DAY_STARTS = time(6, 0)
NIGHT_STARTS = time(20, 0)


def require_daytime_on_working_days(started_at: datetime, ended_at: datetime, cal: WorkCalendar) -> None:
    for moment, field in ((started_at, "started_at"), (ended_at, "occurred_at")):
        local = moment.astimezone(SHANGHAI)
        if not DAY_STARTS <= local.time() < NIGHT_STARTS:
            raise RuleViolation(
                f"no forced demolition at night: {local.strftime('%Y-%m-%d %H:%M')} lies between 20:00 and 06:00",
                rule="NO_NIGHT_EXECUTION", field=field, article="ACL 43")
    day = started_at.astimezone(SHANGHAI).date()
    last = ended_at.astimezone(SHANGHAI).date()
    while day <= last:
        if not cal.is_working_day(day):
            raise RuleViolation(f"no forced demolition on a day off: {day.isoformat()} is not a working day",
                                rule="NO_HOLIDAY_EXECUTION", field="occurred_at", article="ACL 43")
        day += timedelta(days=1)
