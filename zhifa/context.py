"""The decision context each stream workflow validates against, assembled from infra for one town.

A snapshot carries only what the aggregate's rules consult, because it is recorded in every workflow's start
input: inspections (thousands a year), rectification orders and disclosures get officers, the catalog's items and
the soft list; cases also get the discretion benchmarks (only the case proposal's rules read them). The calendar
is cut to the years a stream can touch. The catalogs travel as the town's items only: the rules read `reference.items`
(the adopted catalog's, else the installation's), so repeating every catalog under `catalogs` doubled the largest
part of the snapshot for nothing (`items_for(town)` answers the same either way).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from domain.deadlines.calendar import WorkCalendar
from domain.profile import RuleProfile
from domain.reference import Catalog, ReferenceData
from workflows.context import Snapshot

LIGHT_KINDS = frozenset({"INSPECTION", "RECTIFICATION", "PLATFORM_WARNING", "DISCLOSURE"})
YEARS_BACK, YEARS_AHEAD = 2, 3


def town_slice(reference: ReferenceData, town: str, *, with_benchmarks: bool) -> ReferenceData:
    """The part of the reference data a town's streams decide with: its own officers and the district's users,
    its adopted catalog, and the benchmarks and soft-list entries of its items (its own and those for all)."""
    district = reference.towns[town].district if town in reference.towns else ""
    catalog = reference.catalog_of(town)
    items = catalog.items if catalog is not None else reference.items
    return replace(
        reference,
        towns={code: t for code, t in reference.towns.items() if code == town},
        districts={code: d for code, d in reference.districts.items() if code == district},
        officers={oid: o for oid, o in reference.officers.items() if o.town in (town, district)},
        soft_list={sid: s for sid, s in reference.soft_list.items() if s.town in ("", town) and s.item_code in items},
        benchmarks={bid: b for bid, b in reference.benchmarks.items() if b.town in ("", town) and b.item_code in items}
        if with_benchmarks else {},
        catalogs={},
        **(_adopted_catalog(catalog) if catalog is not None else {}),
    )


def _adopted_catalog(catalog: Catalog) -> dict[str, Any]:
    return {"items": catalog.items, "catalog_version": catalog.version,
            "catalog_effective_from": catalog.effective_from}


def calendar_window(calendar: WorkCalendar, first_year: int, last_year: int) -> WorkCalendar:
    def keep(years: frozenset[int]) -> frozenset[int]:
        return frozenset(y for y in years if first_year <= y <= last_year)

    return WorkCalendar(
        holidays=frozenset(d for d in calendar.holidays if first_year <= d.year <= last_year),
        makeup_workdays=frozenset(d for d in calendar.makeup_workdays if first_year <= d.year <= last_year),
        covered_years=keep(calendar.covered_years),
    )


class ReferenceContextSource:
    """Implements `workflows.client.ContextSource` over loaded reference data, calendar and profiles."""

    def __init__(
        self,
        reference: ReferenceData,
        calendar: WorkCalendar,
        profiles: Mapping[str, RuleProfile],
        *,
        today: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._reference = reference
        self._calendar = calendar
        self._profiles = profiles
        self._today = today
        self._cache: dict[tuple[str, str, int], Snapshot] = {}

    def replace_data(self, reference: ReferenceData, profiles: Mapping[str, RuleProfile]) -> None:
        """New reference data (the register changed): later snapshots are cut from it, so the next step of a
        stream carries the new version to its workflow."""
        self._reference, self._profiles = reference, profiles
        self._cache = {}

    async def snapshot(self, town: str, kind: str) -> Snapshot:
        year = self._today().year
        key = (town, kind, year)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = Snapshot(
                reference=town_slice(self._reference, town, with_benchmarks=kind not in LIGHT_KINDS),
                calendar=calendar_window(self._calendar, year - YEARS_BACK, year + YEARS_AHEAD),
                profile=self._profiles.get(town, RuleProfile()),
            )
        return cached
