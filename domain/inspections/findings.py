"""What an inspection found. One inspection may yield several findings; those that need follow-up carry what
is needed to spawn it (party, violation type, place, description) and a deterministic id."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from domain.values import Party, SoftOutcome


class FindingKind(enum.StrEnum):
    NO_VIOLATION = "NO_VIOLATION"
    ON_SITE_CORRECTED = "ON_SITE_CORRECTED"  # 当场纠正; soft enforcement, education only
    RECTIFICATION_ORDERED = "RECTIFICATION_ORDERED"  # 责令改正 → rectification order
    SIMPLE_PENALTY = "SIMPLE_PENALTY"  # 当场处罚 → simple procedure
    LEAD_FOR_FILING = "LEAD_FOR_FILING"  # 案源 → general procedure
    REFERRED_OUT = "REFERRED_OUT"  # 移送 to the competent agency


FOLLOW_UP_KINDS = frozenset({
    FindingKind.RECTIFICATION_ORDERED,
    FindingKind.SIMPLE_PENALTY,
    FindingKind.LEAD_FOR_FILING,
    FindingKind.REFERRED_OUT,
})


@dataclass(frozen=True)
class FindingDraft:
    """A finding as an officer enters it; the inspection gives it its id. An empty place means the
    inspection's place."""

    kind: FindingKind
    violation_type: str | None = None
    party: Party | None = None
    place: str = ""
    description: str = ""
    item_code: str | None = None
    soft_list_item_id: str | None = None  # ON_SITE_CORRECTED only: the soft-enforcement list item relied on
    referred_to: str | None = None  # REFERRED_OUT only: the competent agency


NOTHING_FOUND = (FindingDraft(kind=FindingKind.NO_VIOLATION),)


@dataclass(frozen=True)
class Finding:
    finding_id: str  # inspection_id + "/" + 1-based index
    inspection_id: str
    index: int
    kind: FindingKind
    place: str
    violation_type: str | None = None
    party: Party | None = None
    description: str = ""
    item_code: str | None = None
    soft_list_item_id: str | None = None
    soft_outcome: SoftOutcome | None = None  # EDUCATION_ONLY for ON_SITE_CORRECTED (counts as soft enforcement)
    referred_to: str | None = None

    @property
    def needs_follow_up(self) -> bool:
        return self.kind in FOLLOW_UP_KINDS


def finding_id(inspection_id: str, index: int) -> str:
    return f"{inspection_id}/{index}"


def numbered(draft: FindingDraft, inspection_id: str, index: int, default_place: str) -> Finding:
    return Finding(
        finding_id=finding_id(inspection_id, index),
        inspection_id=inspection_id,
        index=index,
        kind=draft.kind,
        place=draft.place or default_place,
        violation_type=draft.violation_type,
        party=draft.party,
        description=draft.description,
        item_code=draft.item_code,
        soft_list_item_id=draft.soft_list_item_id,
        soft_outcome=SoftOutcome.EDUCATION_ONLY if draft.kind is FindingKind.ON_SITE_CORRECTED else None,
        referred_to=draft.referred_to,
    )
