"""officers.json: staff with their unit, category, roles and certificate history (执法证: issued, expiry,
cancellation). A certificate is never deleted when cancelled, so `Officer.certified_on` answers for any past day."""

from __future__ import annotations

from datetime import date

from domain.reference import Certificate, Officer, Role, StaffCategory
from infra.reference.records import Record, Source, read_document, read_records
from infra.reference.towns import Places

OFFICERS_FILE = "officers.json"

# Roles that act in enforcement and so need a 执法证 (APL 42; a hearing host is a certified non-investigator).
CERTIFIED_ROLES = frozenset({Role.OFFICER, Role.CASE_LEAD, Role.HEARING_HOST})


def load_officers(source: Source, places: Places) -> dict[str, Officer]:
    document = read_document(source, OFFICERS_FILE, allowed=("officers",))
    numbers: set[str] = set()
    officers: dict[str, Officer] = {}
    for record in read_records(document, OFFICERS_FILE, "officers", "id"):
        officers[record.id] = _officer(record, places, numbers)
    return officers


def _officer(record: Record, places: Places, numbers: set[str]) -> Officer:
    record.only("id", "name", "town", "unit", "category", "roles", "certificates", "legal_qualification",
                "joined_on", "left_on")
    town = record.text("town")
    if town not in places.towns and town not in places.districts:
        raise record.fail("town", f"unknown town or district {town!r}")
    unit = record.text("unit")
    owner = places.unit_owner(unit)
    if owner is None:
        raise record.fail("unit", f"unknown unit {unit!r}")
    if owner != town:
        raise record.fail("unit", f"unit {unit!r} belongs to {owner!r}, not to {town!r}")
    category = record.choice("category", StaffCategory)
    roles = record.choices("roles", Role)
    if category is not StaffCategory.OFFICER and roles & CERTIFIED_ROLES:
        needing = ", ".join(sorted(r.value for r in roles & CERTIFIED_ROLES))
        raise record.fail("roles", f"{needing} requires the category OFFICER, not {category.value}")
    if (Role.AUXILIARY in roles) != (category is StaffCategory.AUXILIARY):
        raise record.fail("roles", "the auxiliary role and the AUXILIARY category go together")
    certificates = tuple(_certificate(child, numbers) for child in record.children("certificates", "number",
                                                                                     required=False))
    if roles & CERTIFIED_ROLES and not certificates:
        needing = ", ".join(sorted(r.value for r in roles & CERTIFIED_ROLES))
        raise record.fail("certificates", f"{needing} needs an enforcement certificate (执法证, APL 42)")
    if category is not StaffCategory.OFFICER and certificates:
        raise record.fail("certificates", f"a {category.value} holds no enforcement certificate")
    return Officer(
        id=record.id,
        name=record.text("name"),
        town=town,
        unit=unit,
        category=category,
        roles=roles,
        certificates=certificates,
        legal_qualification=record.boolean("legal_qualification"),
        **_service(record),
    )


def _service(record: Record) -> dict[str, date | None]:
    joined_on, left_on = record.optional_day("joined_on"), record.optional_day("left_on")
    if joined_on is not None and left_on is not None and left_on < joined_on:
        raise record.fail("left_on", f"leaves {left_on} before joining {joined_on}")
    return {"joined_on": joined_on, "left_on": left_on}


def _certificate(record: Record, numbers: set[str]) -> Certificate:
    record.only("number", "issued_on", "expires_on", "cancelled_on")
    number = record.text("number")
    if number in numbers:
        raise record.fail("number", f"certificate {number!r} is held by another officer")
    numbers.add(number)
    issued_on = record.day("issued_on")
    expires_on = record.optional_day("expires_on")
    cancelled_on = record.optional_day("cancelled_on")
    if expires_on is not None and expires_on < issued_on:
        raise record.fail("expires_on", f"expires {expires_on} before it is issued {issued_on}")
    if cancelled_on is not None and cancelled_on < issued_on:
        raise record.fail("cancelled_on", f"cancelled {cancelled_on} before it is issued {issued_on}")
    return Certificate(number=number, issued_on=issued_on, expires_on=expires_on, cancelled_on=cancelled_on)
