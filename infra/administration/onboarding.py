"""Onboarding from a workbook: its records become changes to the register, from one day, each by its keeper
(or all by the administrator's district, which the register then holds them to); a record the register refuses
is named by its cell. Records equal to what is in force that day are left out, so a re-run changes nothing."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.administration.changes import Records, ReferenceChanged, fold, keeper_of
from domain.administration.registers import REGISTERS
from infra.administration.register import ReferenceRegister
from infra.administration.workbook import Origin, Read, WorkbookRejected, read_workbook
from infra.reference.errors import ReferenceDataError

NESTED_FIELD = re.compile(r"^(\w+)\[(\d+)\]\.(.+)$")


@dataclass(frozen=True)
class Imported:
    changes: tuple[ReferenceChanged, ...]
    dry_run: bool

    @property
    def counts(self) -> dict[str, int]:
        """Records put per register (what the import changes)."""
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.register] = counts.get(change.register, 0) + len(change.puts)
        return counts


@dataclass(frozen=True)
class Workbook:
    data: bytes
    name: str = "workbook.xlsx"

    @property
    def source(self) -> str:
        return f"{self.name} sha256:{hashlib.sha256(self.data).hexdigest()}"


async def import_workbook(register: ReferenceRegister, workbook: Workbook, *, effective_from: date, actor: str,
                          at: datetime, keeper: str | None = None, dry_run: bool = False) -> Imported:
    """All or nothing: a cell that cannot be read or a record the register refuses raises WorkbookRejected."""
    read = read_workbook(workbook.data)
    current = fold([r.change for r in await register.history()], effective_from)
    changes = workbook_changes(read, current, effective_from=effective_from, actor=actor, at=at,
                               source=workbook.source, keeper=keeper)
    try:
        if changes:
            await register.record(changes, dry_run=dry_run)
    except ReferenceDataError as refused:
        raise locate(refused, read) or refused from None
    return Imported(tuple(changes), dry_run)


def workbook_changes(read: Read, current: Records, *, effective_from: date, actor: str, at: datetime,
                     source: str, keeper: str | None = None) -> list[ReferenceChanged]:
    state = {name: {**current.get(name, {}), **read.records.get(name, {})} for name in REGISTERS}
    changes: list[ReferenceChanged] = []
    for name in REGISTERS:
        by_keeper: dict[str, list[Mapping[str, Any]]] = {}
        for record_id, record in sorted(read.records.get(name, {}).items()):
            if current.get(name, {}).get(record_id) != record:
                owner = keeper if keeper is not None else keeper_of(name, record, state)
                by_keeper.setdefault(owner, []).append(record)
        changes.extend(ReferenceChanged(occurred_at=at, actors=(actor,), register=name, keeper=owner,
                                        effective_from=effective_from, puts=tuple(puts), source=source)
                       for owner, puts in sorted(by_keeper.items()))
    return changes


def locate(refused: ReferenceDataError, read: Read) -> WorkbookRejected | None:
    """The cell a refusal of the register is about, when the record came from this workbook."""
    registers = [n for n, r in REGISTERS.items() if refused.file in (r.file, n)]
    for name in registers:
        origin = read.origins.get((name, refused.record or ""))
        if origin is not None:
            return _within(origin, refused.field, refused.reason)
    return _nested_by_position(refused, read, registers)


def _within(origin: Origin, field: str | None, reason: str) -> WorkbookRejected:
    nested = NESTED_FIELD.match(field or "")
    if nested is not None and nested[1] in origin.nested and int(nested[2]) < len(origin.nested[nested[1]]):
        return origin.nested[nested[1]][int(nested[2])].rejected(nested[3], reason)
    return origin.rejected(field, reason)


def _nested_by_position(refused: ReferenceDataError, read: Read, registers: Sequence[str]
                        ) -> WorkbookRejected | None:
    """A nested record named by its own id (a catalog's item): found by its list and position."""
    nested = NESTED_FIELD.match(refused.field or "")
    if nested is None:
        return None
    into, index = nested[1], int(nested[2])
    for (name, record_id), origin in read.origins.items():
        items = read.records.get(name, {}).get(record_id, {}).get(into)
        if name in registers and isinstance(items, list) and index < len(items) and refused.record in (
                items[index].get("code"), items[index].get("id"), items[index].get("number")):
            return origin.nested[into][index].rejected(nested[3], refused.reason)
    return None
