"""APL 51: a penalty may be decided on the spot only if the facts are certain with a legal basis, the sanctions
are a warning and/or a fine, and the fine is at most 200 yuan for a citizen or 3,000 yuan for an organisation
(and within the provision's range). APL 29: at most one fine per violation. These are statutory (H), not
configuration."""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import RuleViolation, ValidationError
from domain.reference import EnforcementItem, ProcedureProfile
from domain.values import PartyType, Sanction

SIMPLE_SANCTIONS = frozenset({Sanction.WARNING, Sanction.FINE})
SIMPLE_FINE_CAP_FEN = {PartyType.CITIZEN: 20_000, PartyType.ORGANIZATION: 300_000}
# APL 68: fines of up to 100 yuan may be collected on the spot (or larger ones hard to collect later).
ON_THE_SPOT_COLLECTION_MAX_FEN = 10_000


def _yuan_text(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d} yuan"


def require_simple_item(item: EnforcementItem, *, field: str = "item_code") -> None:
    if item.procedure_profile is not ProcedureProfile.SIMPLE_ALLOWED:
        raise RuleViolation(
            f"item {item.code} may not be decided on the spot (profile {item.procedure_profile.value})",
            rule="SIMPLE_PROCEDURE_ALLOWED", field=field, article="APL 51")
    if not item.legal_basis.strip() or not item.penalty_basis.strip():
        raise RuleViolation(f"item {item.code} names no legal basis", rule="LEGAL_BASIS", field=field,
                            article="APL 51")


def check_simple_penalty(
    party_type: PartyType,
    item: EnforcementItem,
    sanctions: Sequence[Sanction],
    fine_fen: int,
    *,
    sanctions_field: str = "sanctions",
    fine_field: str = "fine_fen",
) -> None:
    """Invariants 4 and 5 for one proposed or decided penalty."""
    if not sanctions:
        raise ValidationError("name the penalty: WARNING and/or FINE", rule="SANCTIONS_REQUIRED",
                              field=sanctions_field)
    if sanctions.count(Sanction.FINE) > 1:
        raise RuleViolation("the same violation cannot be fined twice", rule="ONE_FINE_PER_VIOLATION",
                            field=sanctions_field, article="APL 29")
    if len(set(sanctions)) != len(sanctions):
        raise ValidationError("a sanction is named twice", rule="DISTINCT_SANCTIONS", field=sanctions_field)
    other = sorted(s.value for s in set(sanctions) - SIMPLE_SANCTIONS)
    if other:
        raise RuleViolation(f"only a warning or a fine may be decided on the spot, not {', '.join(other)}",
                            rule="SIMPLE_SANCTIONS", field=sanctions_field, article="APL 51")
    fined = Sanction.FINE in sanctions
    if fined and fine_fen <= 0:
        raise ValidationError("a FINE needs a positive amount", rule="FINE_AMOUNT", field=fine_field)
    if not fined and fine_fen != 0:
        raise ValidationError("an amount is given but FINE is not among the sanctions", rule="FINE_AMOUNT",
                              field=fine_field)
    if not fined:
        return
    cap = SIMPLE_FINE_CAP_FEN[party_type]
    if fine_fen > cap:
        raise RuleViolation(
            f"a fine decided on the spot is at most {_yuan_text(cap)} for a {party_type.value.lower()}, "
            f"not {_yuan_text(fine_fen)}", rule="SIMPLE_FINE_CAP", field=fine_field, article="APL 51")
    if fine_fen < item.fine_min_fen or (item.fine_max_fen is not None and fine_fen > item.fine_max_fen):
        top = _yuan_text(item.fine_max_fen) if item.fine_max_fen is not None else "no maximum"
        raise RuleViolation(
            f"{_yuan_text(fine_fen)} lies outside the range of item {item.code} "
            f"({_yuan_text(item.fine_min_fen)} to {top})", rule="FINE_RANGE", field=fine_field, article="APL 51")
    missing = sorted(s.value for s in set(sanctions) - item.sanctions)
    if missing:
        raise RuleViolation(f"item {item.code} does not provide {', '.join(missing)}",
                            rule="SANCTION_NOT_PROVIDED", field=sanctions_field, article="APL 51")


def is_heavier(sanctions: Sequence[Sanction], fine_fen: int, proposed: Sequence[Sanction], proposed_fen: int) -> bool:
    """APL 45: the decision may not be heavier than what the party was told (no heavier penalty for the defence)."""
    return bool(set(sanctions) - set(proposed)) or fine_fen > proposed_fen
