"""profiles.json: the rule profile (`RuleProfile`) each township runs under — the values DOMAIN.md marks U.

Fields are set by name; a field left out keeps the RuleProfile default; an unknown field is an error.
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from typing import Any

from domain.profile import RuleProfile
from infra.reference.records import Record, Source, read_document, read_records
from infra.reference.towns import load_places

PROFILES_FILE = "profiles.json"


def load_profiles(source: Source) -> dict[str, RuleProfile]:
    """Town code → profile; every town named must exist in the directory's towns.json."""
    towns = load_places(source).towns
    document = read_document(source, PROFILES_FILE, allowed=("notice", "profiles"))
    profiles: dict[str, RuleProfile] = {}
    for record in read_records(document, PROFILES_FILE, "profiles", "town"):
        if record.id not in towns:
            raise record.fail("town", f"unknown town {record.id!r}")
        profiles[record.id] = _profile(record)
    return profiles


def _profile(record: Record) -> RuleProfile:
    hints = typing.get_type_hints(RuleProfile)
    fields = [f.name for f in dataclasses.fields(RuleProfile)]
    record.only("town", *fields)
    values: dict[str, Any] = {}
    for name in fields:
        if name in record.data:
            values[name] = _value(record, name, hints[name])
    return RuleProfile(**values)


def _value(record: Record, name: str, hint: Any) -> Any:
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return record.choice(name, hint)
    if hint is int:
        return record.integer(name)
    if hint is str:
        return record.text(name)
    raise TypeError(f"RuleProfile.{name}: no reader for {hint!r}")
