"""Guards on what an officer enters: reference data must know the town, unit, item and violation type, and
required texts must be given. Shared by the field procedures (inspection, rectification, simple, construction).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.errors import RuleViolation, ValidationError
from domain.reference import EnforcementItem, ReferenceData


def require_text(value: str, *, field: str, rule: str, what: str, article: str | None = None) -> None:
    if not value.strip():
        raise ValidationError(f"{what} must be given", rule=rule, field=field, article=article)


def require_town_unit(town: str, unit: str, reference: ReferenceData) -> None:
    known = reference.towns.get(town)
    if known is None:
        raise ValidationError(f"unknown town {town}", rule="KNOWN_TOWN", field="town")
    if unit not in {u.code for u in known.units}:
        raise ValidationError(f"unit {unit} does not belong to town {town}", rule="KNOWN_UNIT", field="unit")


def require_violation_type(code: str | None, reference: ReferenceData, *, field: str = "violation_type") -> str:
    if not code:
        raise ValidationError("a violation type (案由) must be given", rule="VIOLATION_TYPE_REQUIRED", field=field)
    if code not in reference.violation_types:
        raise ValidationError(f"unknown violation type {code}", rule="KNOWN_VIOLATION_TYPE", field=field)
    return code


def require_item(code: str | None, reference: ReferenceData, *, field: str = "item_code") -> EnforcementItem:
    if not code:
        raise ValidationError("an enforcement item must be named", rule="ITEM_REQUIRED", field=field)
    item = reference.items.get(code)
    if item is None:
        raise ValidationError(f"enforcement item {code} is not in the catalog", rule="KNOWN_ENFORCEMENT_ITEM",
                              field=field)
    return item


def require_items(codes: Sequence[str], reference: ReferenceData, *, field: str = "items_checked") -> None:
    if not codes:
        raise ValidationError("name at least one enforcement item checked", rule="ITEMS_CHECKED", field=field)
    for code in codes:
        require_item(code, reference, field=field)


def require_certificates_shown(shown: bool, *, article: str = "APL 55") -> None:
    if not shown:
        raise RuleViolation("the officers must show their enforcement certificates to the party",
                            rule="CERTIFICATES_SHOWN", field="certificates_shown", article=article)


def require_not_after(earlier: datetime, later: datetime, *, field: str) -> None:
    if earlier.tzinfo is None:
        raise ValidationError(f"{field} must carry a time zone", rule="TIME_ZONE", field=field)
    if earlier > later:
        raise ValidationError(f"{field} {earlier.isoformat()} lies after {later.isoformat()}",
                              rule="STEP_ORDER", field=field)


def require_positive(value: int, *, field: str, rule: str, what: str) -> None:
    if value < 1:
        raise ValidationError(f"{what} must be at least 1, got {value}", rule=rule, field=field)
