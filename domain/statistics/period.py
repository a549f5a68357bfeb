"""The counting period of a year-end figure: `[Jan 1, as_of]` in local (Asia/Shanghai) days, as UTC instants
`[start, end)`; events are attributed by their `occurred_at`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Shanghai")
LEDGER_PREFIX = "LEDGER:"  # the stream kinds of ledgers; every other stream is a case, inspection, disclosure …


@dataclass(frozen=True)
class Period:
    year: int
    as_of: date
    start: datetime  # first instant of Jan 1 (UTC)
    end: datetime  # first instant after as_of (UTC), exclusive

    @classmethod
    def of(cls, year: int, as_of: date) -> Period:
        if as_of.year != year:
            raise ValueError(f"as_of {as_of.isoformat()} is not in {year}")
        start = datetime.combine(date(year, 1, 1), time(), LOCAL).astimezone(UTC)
        end = datetime.combine(as_of + timedelta(days=1), time(), LOCAL).astimezone(UTC)
        return cls(year, as_of, start, end)

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def previous_year(self) -> Period:
        """The whole previous year (for the year-over-year comparison)."""
        return Period.of(self.year - 1, date(self.year - 1, 12, 31))


def local_day(instant: datetime) -> date:
    return instant.astimezone(LOCAL).date()
