"""Load the reference data (`ReferenceData`) and the per-town rule profiles from a directory of JSON files, and
the demo set shipped in `infra/reference/data` (three towns of 西青区: 张家窝镇, 大寺镇, 杨柳青镇).

Files: towns.json, officers.json, violation_types.json, catalog.json, benchmarks.json, soft_list.json,
profiles.json. Any bad file raises `ReferenceDataError` naming the file, the record and the field.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from domain.profile import RuleProfile
from domain.reference import ReferenceData, Town
from infra.reference.benchmarks import load_benchmarks
from infra.reference.catalog import LEGACY_CATALOG, Catalogs, load_catalog
from infra.reference.errors import ReferenceDataError
from infra.reference.officers import load_officers
from infra.reference.profiles import load_profiles
from infra.reference.records import Source
from infra.reference.soft_list import load_soft_list
from infra.reference.towns import TOWNS_FILE, load_places
from infra.reference.violation_types import load_violation_types

DEMO_DIRECTORY = Path(__file__).resolve().parent / "data"


def load_reference(source: Source) -> ReferenceData:
    places = load_places(source)
    officers = load_officers(source, places)
    violation_types = load_violation_types(source)
    catalogs = load_catalog(source, violation_types, places.districts)
    towns = adopt_catalogs(places.towns, catalogs)
    items = catalogs.items
    own_items = {code: catalogs.catalogs[town.catalog].items for code, town in towns.items()}
    benchmarks = load_benchmarks(source, items, own_items)
    soft_list = load_soft_list(source, items, towns)
    return ReferenceData(
        towns=MappingProxyType(towns),
        officers=MappingProxyType(officers),
        violation_types=MappingProxyType(violation_types),
        items=MappingProxyType(items),
        benchmarks=MappingProxyType(benchmarks),
        soft_list=MappingProxyType(soft_list),
        districts=MappingProxyType(places.districts),
        catalog_version=catalogs.legacy.version if catalogs.legacy else "",
        catalog_effective_from=catalogs.legacy.effective_from if catalogs.legacy else None,
        catalogs=MappingProxyType(catalogs.catalogs),
    )


def adopt_catalogs(towns: dict[str, Town], catalogs: Catalogs) -> dict[str, Town]:
    """Each town's catalog: the version it names (of its own district), else its district's newest, else the
    installation's one catalog."""
    return {code: replace(town, catalog=_adopted(town, catalogs)) for code, town in towns.items()}


def _adopted(town: Town, catalogs: Catalogs) -> str:
    if town.catalog:
        chosen = catalogs.catalogs.get(town.catalog)
        if chosen is None or chosen.district != town.district:
            raise ReferenceDataError(TOWNS_FILE, town.code, "catalog",
                                     f"{town.catalog!r} is not a catalog of district {town.district!r}")
        return town.catalog
    latest = catalogs.latest_of(town.district)
    if latest is not None:
        return latest.id
    if catalogs.legacy is None:
        raise ReferenceDataError(TOWNS_FILE, town.code, "catalog",
                                 f"district {town.district!r} has no enforcement item catalog")
    return LEGACY_CATALOG


@functools.cache
def demo_reference() -> ReferenceData:
    """The shipped demo set (read once; the result is immutable)."""
    return load_reference(DEMO_DIRECTORY)


def demo_profiles() -> dict[str, RuleProfile]:
    """Town code → rule profile of the demo set (a fresh dict; the profiles themselves are frozen)."""
    return dict(_demo_profiles())


@functools.cache
def _demo_profiles() -> MappingProxyType[str, RuleProfile]:
    return MappingProxyType(load_profiles(DEMO_DIRECTORY))
