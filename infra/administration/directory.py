"""A directory of reference data files (the shipped demo set, a ZHIFA_REFERENCE_DIR) as changes to the register:
every record put from one day, each by its keeper. The one-catalog form becomes a catalog of each district."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from domain.administration.changes import Records, ReferenceChanged, keeper_of
from domain.administration.registers import REGISTERS
from infra.reference.loader import load_reference
from infra.reference.profiles import load_profiles
from infra.reference.records import Directory, Source, source_of


def directory_changes(where: Source, *, effective_from: date, actor: str, at: datetime, source: str
                      ) -> list[ReferenceChanged]:
    """Validate the files as they stand (so a bad file is refused naming it), then turn them into changes."""
    load_reference(where), load_profiles(where)
    state = _records(source_of(where))
    return [change for name in REGISTERS for change in
            _changes_of(name, state, effective_from=effective_from, actor=actor, at=at, source=source)]


def _records(files: Directory | Any) -> Records:
    state: Records = {}
    for name, register in REGISTERS.items():
        raw = files.raw(register.file)
        state[name] = {register.id_of(r): r for r in raw.get(register.key, [])}
    state["catalogs"] = {**state["catalogs"], **_district_catalogs(files.raw("catalog.json"), state)}
    return state


def _district_catalogs(catalog: Mapping[str, Any], state: Records) -> dict[str, Mapping[str, Any]]:
    if "items" not in catalog:
        return {}
    version, start = catalog["catalog_version"], catalog["effective_from"]
    return {f"{district}-{version}": {"id": f"{district}-{version}", "district": district, "version": version,
                                      "effective_from": start, "items": catalog["items"]}
            for district in sorted(state["districts"])}


def _changes_of(name: str, state: Records, *, effective_from: date, actor: str, at: datetime, source: str
                ) -> list[ReferenceChanged]:
    by_keeper: dict[str, list[Mapping[str, Any]]] = {}
    for record_id in sorted(state[name]):
        record = state[name][record_id]
        by_keeper.setdefault(keeper_of(name, record, state), []).append(record)
    return [ReferenceChanged(occurred_at=at, actors=(actor,), register=name, effective_from=effective_from,
                             keeper=keeper, puts=tuple(records), source=source)
            for keeper, records in sorted(by_keeper.items())]
