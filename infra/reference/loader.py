"""Load the reference data (`ReferenceData`) and the per-town rule profiles from a directory of JSON files, and
the demo set shipped in `infra/reference/data` (three towns of 西青区: 张家窝镇, 大寺镇, 杨柳青镇).

Files: towns.json, officers.json, violation_types.json, catalog.json, benchmarks.json, soft_list.json,
profiles.json. Any bad file raises `ReferenceDataError` naming the file, the record and the field.
"""

from __future__ import annotations

import functools
from pathlib import Path
from types import MappingProxyType

from domain.profile import RuleProfile
from domain.reference import ReferenceData
from infra.reference.benchmarks import load_benchmarks
from infra.reference.catalog import load_catalog
from infra.reference.officers import load_officers
from infra.reference.profiles import load_profiles
from infra.reference.soft_list import load_soft_list
from infra.reference.towns import load_places
from infra.reference.violation_types import load_violation_types

DEMO_DIRECTORY = Path(__file__).resolve().parent / "data"


def load_reference(directory: Path) -> ReferenceData:
    places = load_places(directory)
    officers = load_officers(directory, places)
    violation_types = load_violation_types(directory)
    catalog = load_catalog(directory, violation_types)
    benchmarks = load_benchmarks(directory, catalog.items)
    soft_list = load_soft_list(directory, catalog.items, places.towns)
    return ReferenceData(
        towns=MappingProxyType(places.towns),
        officers=MappingProxyType(officers),
        violation_types=MappingProxyType(violation_types),
        items=MappingProxyType(catalog.items),
        benchmarks=MappingProxyType(benchmarks),
        soft_list=MappingProxyType(soft_list),
        districts=MappingProxyType(places.districts),
        catalog_version=catalog.version,
        catalog_effective_from=catalog.effective_from,
    )


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
