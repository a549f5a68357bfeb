"""One year's holiday arrangement (放假调休安排) as the State Council's notice states it, and the project's
override table of such notices (`overrides.json`)."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DEFAULT_OVERRIDES = Path(__file__).with_name("overrides.json")


class CalendarSource(enum.StrEnum):
    PACKAGE = "PACKAGE"  # the chinesecalendar package
    OVERRIDE = "OVERRIDE"  # the project's override table


@dataclass(frozen=True)
class HolidayNotice:
    """The days off and make-up workdays one year's notice fixes (dates mapped to the holiday's name)."""

    year: int
    source: CalendarSource
    reference: str  # the notice, or the package and version the data came from
    holidays: Mapping[date, str]  # days off, weekend days inside a holiday span included
    makeup_workdays: Mapping[date, str]  # weekend days worked in exchange (调休上班)


class OverrideError(ValueError):
    """The override table is malformed; the message names the file and the entry."""


def read_overrides(path: Path = DEFAULT_OVERRIDES) -> list[HolidayNotice]:
    """The notices in an override file, checked: every span in order and near its year, make-up workdays on
    weekends, no day both off and worked, no year twice."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise OverrideError(f"{path}: cannot read the override table: {exc}") from exc
    entries = data.get("notices") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise OverrideError(f"{path}: expected an object with a 'notices' list")
    notices: list[HolidayNotice] = []
    for entry in entries:
        notice = _notice(path, entry)
        if any(n.year == notice.year for n in notices):
            raise OverrideError(f"{path}: year {notice.year} is listed twice")
        notices.append(notice)
    return notices


def _notice(path: Path, entry: Any) -> HolidayNotice:
    try:
        year = int(entry["year"])
        reference = str(entry["reference"]).strip()
        holidays: dict[date, str] = {}
        for span in entry["holidays"]:
            first, last = date.fromisoformat(span["first"]), date.fromisoformat(span["last"])
            if last < first:
                raise OverrideError(f"{path}: {year}: holiday {span['name']} ends before it starts")
            day = first
            while day <= last:
                holidays[_in_year(path, year, day)] = str(span["name"])
                day += timedelta(days=1)
        makeup: dict[date, str] = {}
        for item in entry["makeup_workdays"]:
            day = _in_year(path, year, date.fromisoformat(item["date"]))
            if day.weekday() < 5:
                raise OverrideError(f"{path}: {year}: make-up workday {day} is not a Saturday or Sunday")
            makeup[day] = str(item["name"])
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, OverrideError):
            raise
        raise OverrideError(f"{path}: malformed notice entry {entry!r}: {exc!r}") from exc
    if not reference:
        raise OverrideError(f"{path}: {year}: the notice reference is empty")
    both = sorted(set(holidays) & set(makeup))
    if both:
        raise OverrideError(f"{path}: {year}: {both[0]} is both a holiday and a make-up workday")
    return HolidayNotice(year, CalendarSource.OVERRIDE, reference, holidays, makeup)


def _in_year(path: Path, year: int, day: date) -> date:
    # A notice may start its New Year span in the last days of the year before (2024: 2023-12-30 to 2024-01-01).
    if not date(year - 1, 12, 1) <= day <= date(year, 12, 31):
        raise OverrideError(f"{path}: {year}: {day} lies outside the notice's year")
    return day
