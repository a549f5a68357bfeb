"""Who is calling: the verified token's officer, roles and the towns they may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from api.security import Origin
from domain.reference import Officer, ReferenceData
from domain.security_log import SecurityKind, SecurityRecord
from infra.auth import Claims


@dataclass(frozen=True)
class Caller:
    officer_id: str
    roles: frozenset[str]
    towns: tuple[str, ...]  # a township user: its own town; a district user: the district's towns
    district: str | None = None  # the district the caller belongs to (whose security log a supervisor reads)
    district_wide: bool = False  # district staff (supervisors, auditors, operators), not a town's

    def holds_any(self, roles: Iterable[str]) -> bool:
        return not self.roles.isdisjoint(roles)

    def sees(self, town: str) -> bool:
        return town in self.towns

    @property
    def home_town(self) -> str | None:
        return self.towns[0] if len(self.towns) == 1 else None


def home_district(reference: ReferenceData, officer: Officer | None) -> str | None:
    """The district an officer of the roster belongs to (their own, or their town's); None for nobody known."""
    if officer is None:
        return None
    if officer.town in reference.districts:
        return officer.town
    town = reference.towns.get(officer.town)
    return town.district if town is not None else None


def caller_from_claims(claims: Claims, reference: ReferenceData) -> Caller:
    if claims.towns:
        towns = claims.towns
    else:
        towns = tuple(sorted(code for code, town in reference.towns.items() if town.district == claims.district))
    district = claims.district or home_district(reference, reference.officer(claims.subject))
    return Caller(officer_id=claims.subject, roles=claims.roles, towns=tuple(sorted(set(towns))), district=district,
                  district_wide=claims.district is not None)


def record_of(kind: SecurityKind, caller: Caller, origin: Origin, operation: str, reason: str, *,
              town: str | None = None, detail: dict[str, object] | None = None) -> SecurityRecord:
    """A security log entry about what this caller did or was refused, from where."""
    return SecurityRecord(kind=kind, operation=operation, reason=reason, actor=caller.officer_id,
                          district=caller.district, town=town or caller.home_town, client_ip=origin.client_ip,
                          request_id=origin.request_id, detail=detail or {})
