"""soft_list.json: soft-enforcement lists (柔性执法清单), one versioned list per township, each entry tied to a
catalog item with its outcome (EDUCATION_ONLY, NO_PENALTY 首违不罚/轻微免罚, LIGHTER 从轻, REDUCED 减轻)."""

from __future__ import annotations

from datetime import date

from domain.reference import EnforcementItem, SoftListItem, Town
from domain.values import SoftOutcome
from infra.reference.records import Record, Source, read_document, read_records

SOFT_LIST_FILE = "soft_list.json"


def load_soft_list(
    source: Source, items: dict[str, EnforcementItem], towns: dict[str, Town]
) -> dict[str, SoftListItem]:
    document = read_document(source, SOFT_LIST_FILE, allowed=("notice", "lists"))
    entries: dict[str, SoftListItem] = {}
    for version in read_records(document, SOFT_LIST_FILE, "lists", "list_version"):
        version.only("list_version", "town", "effective_from", "items")
        town = version.text("town")
        if town not in towns:
            raise version.fail("town", f"unknown town {town!r}")
        effective_from = version.day("effective_from")
        for record in version.children("items", "id", own_ids=True):
            entry = _entry(record, items, town=town, list_version=version.id, effective_from=effective_from)
            if entry.id in entries:
                raise record.fail("id", f"soft-list id {entry.id!r} is used by another list")
            entries[entry.id] = entry
    return entries


def _entry(
    record: Record, items: dict[str, EnforcementItem], *, town: str, list_version: str, effective_from: date
) -> SoftListItem:
    record.only("id", "item_code", "outcome", "description")
    item_code = record.text("item_code")
    if item_code not in items:
        raise record.fail("item_code", f"unknown catalog item {item_code!r}")
    return SoftListItem(
        id=record.text("id"),
        item_code=item_code,
        outcome=record.choice("outcome", SoftOutcome),
        description=record.text("description"),
        list_version=list_version,
        town=town,
        effective_from=effective_from,
    )
