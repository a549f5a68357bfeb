"""A change to a register is an event: whole records put (as they stand from `effective_from`) and ids retired
from that day. The register as of a day folds every change effective by then, in the order of effect and,
within a day, of recording; the documents it yields are the reference data files the loaders validate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.administration.registers import FILE_HEADERS, REGISTERS, register_named
from domain.messages import Event, EventRegistry


@dataclass(frozen=True, kw_only=True)
class ReferenceChanged(Event):
    """Who changed which register's records, from which day, and what the change came from (a workbook's name
    and hash, a mutation, a directory): the register's history."""

    register: str
    effective_from: date
    keeper: str  # "" = the installation, else the district code
    puts: tuple[Mapping[str, Any], ...] = ()
    retires: tuple[str, ...] = ()
    reason: str = ""
    source: str = ""


ADMINISTRATION_EVENTS = EventRegistry([ReferenceChanged])

Records = dict[str, dict[str, Mapping[str, Any]]]  # register → id → record


def fold(changes: Iterable[ReferenceChanged], as_of: date) -> Records:
    """The records in force on `as_of` (changes listed in the order they were recorded)."""
    state: Records = {name: {} for name in REGISTERS}
    effective = [c for c in changes if c.effective_from <= as_of]
    for change in sorted(effective, key=lambda c: c.effective_from):  # stable: recording order within a day
        apply(state, change)
    return state


def apply(state: Records, change: ReferenceChanged) -> None:
    register = register_named(change.register)
    records = state.setdefault(register.name, {})
    for record in change.puts:
        records[register.id_of(record)] = record
    for retired in change.retires:
        records.pop(retired, None)


def documents(state: Records) -> dict[str, dict[str, Any]]:
    """The reference data files the records make (each list sorted by id, so equal states give equal files)."""
    files: dict[str, dict[str, Any]] = {}
    for name, register in REGISTERS.items():
        document = files.setdefault(register.file, dict(FILE_HEADERS.get(register.file, {})))
        document[register.key] = [state.get(name, {})[key] for key in sorted(state.get(name, {}))]
    return files


def effective_days(changes: Sequence[ReferenceChanged], *, since: date) -> list[date]:
    """The days from `since` on where the register's content changes (each must hold together)."""
    return sorted({c.effective_from for c in changes if c.effective_from >= since} | {since})


def keeper_of(register: str, record: Mapping[str, Any], state: Records) -> str:
    """Whose record it is: the installation's vocabulary and districts, else the district of its town."""
    if REGISTERS[register].installation:
        return ""
    if register in ("towns", "catalogs"):
        return str(record.get("district", ""))
    town = str(record.get("town", ""))
    if town in state.get("districts", {}):
        return town
    return str(state.get("towns", {}).get(town, {}).get("district", ""))


def misplaced(change: ReferenceChanged, state: Records) -> tuple[str, str] | None:
    """The first record (id, whose it is) that the change's keeper may not put or retire, if any."""
    register = register_named(change.register)
    for record in change.puts:
        owner = keeper_of(register.name, record, state)
        if owner != change.keeper:
            return register.id_of(record), owner
    for retired in change.retires:
        current = state.get(register.name, {}).get(retired)
        owner = keeper_of(register.name, current, state) if current is not None else change.keeper
        if owner != change.keeper:
            return retired, owner
    return None
