"""APL 42: administrative penalties are enforced by at least two officers holding valid enforcement
certificates (执法证); auxiliary staff never count as one of them (invariant 1). The officers act for the
township whose case it is: an officer of another town holds no power there, so a field action names officers of
the case's own town only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.errors import RuleViolation, ValidationError
from domain.reference import ReferenceData, Role


def require_two_certified(officer_ids: Sequence[str], on: date, reference: ReferenceData, *, town: str = "") -> None:
    """At least two of `officer_ids` hold a valid certificate on `on`; with a known `town`, every one belongs to it
    (an unknown town is the procedure's own rejection, KNOWN_TOWN, not this one's)."""
    if len(set(officer_ids)) != len(officer_ids):
        raise ValidationError("the same officer is named twice", rule="DISTINCT_OFFICERS", field="actors")
    certified = []
    for officer_id in officer_ids:
        officer = reference.officer(officer_id)
        if officer is None:
            raise ValidationError(f"unknown officer {officer_id}", rule="KNOWN_OFFICER", field="actors")
        if town in reference.towns and officer.town != town:
            raise RuleViolation(f"{officer.name} ({officer_id}) is an officer of {officer.town}, not of {town} "
                                "whose case this is", rule="OFFICERS_OF_TOWN", field="actors", article="APL 42")
        if officer.certified_on(on):
            certified.append(officer_id)
    if len(certified) < 2:
        uncertified = [o for o in officer_ids if o not in certified]
        detail = f"; without a valid certificate on {on.isoformat()}: {', '.join(uncertified)}" if uncertified else ""
        raise RuleViolation(
            f"at least two certified officers must act, {len(certified)} named{detail}",
            rule="TWO_CERTIFIED_OFFICERS",
            field="actors",
            article="APL 42",
        )


def require_role(officer_id: str, role: Role, reference: ReferenceData, *, field: str = "actors") -> None:
    officer = reference.officer(officer_id)
    if officer is None:
        raise ValidationError(f"unknown officer {officer_id}", rule="KNOWN_OFFICER", field=field)
    if not officer.has_role(role):
        raise RuleViolation(
            f"{officer.name} ({officer_id}) does not hold the role {role.value}",
            rule=f"ROLE_{role.value.upper()}",
            field=field,
        )
