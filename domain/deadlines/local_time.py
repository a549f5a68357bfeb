"""Local days: deadlines count in days of Asia/Shanghai, and timers fire at the start of a local day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

# Asia/Shanghai has had no daylight saving since 1991: a fixed offset keeps the domain free of tz-database IO.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


def local_date(moment: datetime) -> date:
    """The date in Asia/Shanghai of an aware moment (deadlines count in local days)."""
    return moment.astimezone(SHANGHAI).date()


def start_of_local_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=SHANGHAI).astimezone(UTC)
