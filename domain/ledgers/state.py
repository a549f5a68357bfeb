"""What a ledger stream remembers to validate the next entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from domain.ledgers.values import EquipmentKind
from domain.reference import StaffCategory


@dataclass(frozen=True)
class Certificate:
    person_id: str
    cancelled: bool = False


@dataclass(frozen=True)
class LedgerState:
    town: str = ""
    unit: str = ""
    entry_ids: frozenset[str] = frozenset()
    in_post: Mapping[str, StaffCategory] = field(default_factory=dict)  # person id → category
    certificates: Mapping[str, Certificate] = field(default_factory=dict)  # number → holder
    equipment: Mapping[EquipmentKind, int] = field(default_factory=dict)  # in service
    open_warnings: frozenset[str] = frozenset()
    last_violation_type: str | None = None  # the typed column of a campaign tally
