"""The registers of the reference data, each a list of records in the shape of its reference data file, and who
keeps which: districts and the violation-type vocabulary belong to the installation; everything else to the
district whose towns it concerns (an administrator changes only their own district's records)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

INSTALLATION = ""  # the keeper of the installation-wide registers (not a district)


@dataclass(frozen=True)
class Register:
    name: str
    file: str  # the reference data file whose list it is
    key: str  # the list's key in that file
    id_field: str
    installation: bool = False  # kept by the installation, not by a district

    def id_of(self, record: Mapping[str, Any]) -> str:
        value = record.get(self.id_field)
        return value if isinstance(value, str) else ""


REGISTERS: Mapping[str, Register] = {r.name: r for r in (
    Register("districts", "towns.json", "districts", "code", installation=True),
    Register("violation_types", "violation_types.json", "violation_types", "code", installation=True),
    Register("towns", "towns.json", "towns", "code"),
    Register("officers", "officers.json", "officers", "id"),
    Register("catalogs", "catalog.json", "catalogs", "id"),
    Register("benchmarks", "benchmarks.json", "benchmarks", "id"),
    Register("soft_lists", "soft_list.json", "lists", "list_version"),
    Register("profiles", "profiles.json", "profiles", "town"),
)}

# Headers a file needs besides its lists (the register keeps the lists; a file's version header is the register's).
FILE_HEADERS: Mapping[str, Mapping[str, Any]] = {"benchmarks.json": {"benchmark_version": "register"}}


def stream_of(keeper: str) -> str:
    """The event stream of a keeper's changes (the installation's, or one district's)."""
    return "reference" if keeper == INSTALLATION else f"reference:{keeper}"


def register_named(name: str) -> Register:
    try:
        return REGISTERS[name]
    except KeyError:
        raise ValueError(f"unknown register {name!r}; expected one of {', '.join(REGISTERS)}") from None
