"""Field checks shared by the ledger deciders; every rejection names its field."""

from __future__ import annotations

from domain.errors import ValidationError
from domain.reference import ReferenceData


def required(value: str, field: str) -> None:
    if not value.strip():
        raise ValidationError(f"{field} is required", rule="REQUIRED_FIELD", field=field)


def at_least(value: int, minimum: int, field: str) -> None:
    if value < minimum:
        raise ValidationError(f"{field} must be at least {minimum}, got {value}", rule="RANGE", field=field)


def town_of_unit(reference: ReferenceData, unit: str) -> str:
    for town in (*reference.towns.values(), *reference.districts.values()):
        if any(u.code == unit for u in town.units):
            return town.code
    raise ValidationError(f"unknown enforcement unit {unit!r}", rule="UNKNOWN_UNIT", field="unit")
