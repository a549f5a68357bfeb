"""Who is calling: the verified token's officer, roles and the towns they may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.reference import ReferenceData
from infra.auth import Claims


@dataclass(frozen=True)
class Caller:
    officer_id: str
    roles: frozenset[str]
    towns: tuple[str, ...]  # a township user: its own town; a district user: the district's towns

    def holds_any(self, roles: Iterable[str]) -> bool:
        return not self.roles.isdisjoint(roles)

    def sees(self, town: str) -> bool:
        return town in self.towns


def caller_from_claims(claims: Claims, reference: ReferenceData) -> Caller:
    if claims.towns:
        towns = claims.towns
    else:
        towns = tuple(sorted(code for code, town in reference.towns.items() if town.district == claims.district))
    return Caller(officer_id=claims.subject, roles=claims.roles, towns=tuple(sorted(set(towns))))
