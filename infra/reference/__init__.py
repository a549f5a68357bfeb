"""Reference data loaded from JSON files (towns, officers, violation types, the enforcement item catalog,
discretion benchmarks, soft-enforcement lists) and the per-town rule profiles."""

from infra.reference.errors import ReferenceDataError
from infra.reference.loader import DEMO_DIRECTORY, demo_profiles, demo_reference, load_reference
from infra.reference.profiles import load_profiles

__all__ = [
    "DEMO_DIRECTORY",
    "ReferenceDataError",
    "demo_profiles",
    "demo_reference",
    "load_profiles",
    "load_reference",
]
