"""Who is calling: the verified token's officer, with the roles and towns the roster gives them today.

The roster (the reference data's officers with their certificate history) decides, as of the request's day, not
the token: an officer no longer on it is refused outright, and one whose 执法证 has lapsed or been cancelled
loses the enforcement roles (officer, case lead, hearing host: the field steps) at once, whatever a token minted
earlier says. A token may only narrow the roster's grant (roles and towns it names), never widen it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from api.security import Origin
from domain.reference import Officer, ReferenceData
from domain.security_log import SecurityKind, SecurityRecord
from infra.auth import Claims, TokenError
from infra.reference.officers import CERTIFIED_ROLES


@dataclass(frozen=True)
class Caller:
    officer_id: str
    roles: frozenset[str]
    towns: tuple[str, ...]  # a township user: its own town; a district user: the district's towns
    district: str | None = None  # the district the caller belongs to (whose security log a supervisor reads)
    district_wide: bool = False  # district staff (supervisors, auditors, operators), not a town's
    withdrawn: Mapping[str, str] = field(default_factory=dict)  # roster roles not held today, and why

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


def caller_from_roster(claims: Claims, reference: ReferenceData, today: date) -> Caller:
    """The caller as the roster has them on `today`; `TokenError` for an officer the roster does not know."""
    officer = reference.officer(claims.subject)
    if officer is None:
        raise TokenError(f"officer {claims.subject!r} is not on the roster", "UNKNOWN_OFFICER")
    if not officer.serving_on(today):
        raise TokenError(f"officer {claims.subject!r} is not serving on {today.isoformat()} (joined "
                         f"{officer.joined_on or '-'}, left {officer.left_on or '-'})", "NOT_SERVING")
    withdrawn: dict[str, str] = {}
    if not officer.certified_on(today):
        why = f"{officer.id}'s enforcement certificate (执法证) is not valid on {today.isoformat()}"
        withdrawn = {role.value: why for role in officer.roles & CERTIFIED_ROLES}
    roles = frozenset(r.value for r in officer.roles) - withdrawn.keys()
    if claims.roles is not None:
        roles &= claims.roles
    district_wide = officer.town in reference.districts
    towns = _district_towns(reference, officer.town) if district_wide else (officer.town,)
    asked = claims.towns or (_district_towns(reference, claims.district) if claims.district else ())
    if asked:
        towns = tuple(t for t in towns if t in asked)
    return Caller(officer_id=officer.id, roles=roles, towns=tuple(sorted(set(towns))),
                  district=home_district(reference, officer), district_wide=district_wide, withdrawn=withdrawn)


def _district_towns(reference: ReferenceData, district: str) -> tuple[str, ...]:
    return tuple(sorted(code for code, town in reference.towns.items() if town.district == district))


def record_of(kind: SecurityKind, caller: Caller, origin: Origin, operation: str, reason: str, *,
              town: str | None = None, detail: dict[str, object] | None = None) -> SecurityRecord:
    """A security log entry about what this caller did or was refused, from where."""
    return SecurityRecord(kind=kind, operation=operation, reason=reason, actor=caller.officer_id,
                          district=caller.district, town=town or caller.home_town, client_ip=origin.client_ip,
                          request_id=origin.request_id, detail=detail or {})
