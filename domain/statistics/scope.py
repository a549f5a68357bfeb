"""What a statistics scope covers: a town, one enforcement unit, or a district (every town in it; two units of
one town roll up once, since every event belongs to exactly one town)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.reference import ReferenceData


@dataclass(frozen=True)
class Scope:
    code: str
    name: str
    towns: frozenset[str]
    unit: str | None = None  # set: only this enforcement unit's events

    def covers(self, town: str, unit: str) -> bool:
        return unit == self.unit if self.unit is not None else town in self.towns


class UnknownScope(ValueError):
    pass


def resolve_scope(reference: ReferenceData, code: str) -> Scope:
    town = reference.towns.get(code)
    if town is not None:
        return Scope(code, town.name, frozenset({code}))
    for candidate in reference.towns.values():
        for unit in candidate.units:
            if unit.code == code:
                return Scope(code, unit.name, frozenset({candidate.code}), unit=code)
    towns = frozenset(t.code for t in reference.towns.values() if t.district == code)
    if towns:
        district = reference.districts.get(code)
        return Scope(code, district.name if district else code, towns)
    raise UnknownScope(f"{code!r} is neither a town, an enforcement unit nor a district")
