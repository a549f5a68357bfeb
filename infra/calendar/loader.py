"""Build the domain's `WorkCalendar` from the chinesecalendar package merged with the project's override table
(the override wins for every year it lists), and say where each covered year's data came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.deadlines.calendar import WorkCalendar
from infra.calendar.notices import DEFAULT_OVERRIDES, CalendarSource, HolidayNotice, read_overrides
from infra.calendar.package_data import is_covered, package_notices


@dataclass(frozen=True)
class YearCoverage:
    year: int
    source: CalendarSource
    reference: str  # the notice (override table) or "chinesecalendar <version>"


def _calendar(notices: list[HolidayNotice], covered: frozenset[int]) -> WorkCalendar:
    return WorkCalendar(
        holidays=frozenset(d for n in notices for d in n.holidays),
        makeup_workdays=frozenset(d for n in notices for d in n.makeup_workdays),
        covered_years=covered,
    )


def load_work_calendar(override_path: Path | None = None) -> WorkCalendar:
    """The working-day calendar: package data for the years it covers, the override table's notices for the
    years it lists (replacing the package's), weekends only elsewhere (those dates count as provisional)."""
    package = package_notices()
    base = _calendar(package, frozenset(n.year for n in package if is_covered(n)))
    overrides = read_overrides(override_path or DEFAULT_OVERRIDES)
    return base.merged(_calendar(overrides, frozenset(n.year for n in overrides)))


def calendar_coverage(override_path: Path | None = None) -> list[YearCoverage]:
    """Every covered year, oldest first, with the source its holiday data comes from."""
    by_year = {n.year: YearCoverage(n.year, n.source, n.reference) for n in package_notices() if is_covered(n)}
    for n in read_overrides(override_path or DEFAULT_OVERRIDES):
        by_year[n.year] = YearCoverage(n.year, n.source, n.reference)
    return [by_year[y] for y in sorted(by_year)]
