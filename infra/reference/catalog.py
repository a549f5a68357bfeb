"""catalog.json: the enforcement item catalog (执法事项目录), versioned by `catalog_version` and `effective_from`.

Each item names the violation types it covers, its legal and penalty basis, its procedural profile, the sanctions
it allows (APL 9) and its fine range in fen (`fine_max_fen` null = no fixed maximum, e.g. a share of the
construction cost). Checks: known violation types; min ≤ max; a fine range only with FINE; a SIMPLE_ALLOWED item
must admit an on-the-spot penalty (APL 51: a warning, or a fine of at most 200 yuan for a citizen / 3,000 yuan
for an organization).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from domain.reference import EnforcementItem, ProcedureProfile, ViolationType
from domain.values import PartyType, Sanction
from infra.reference.records import Record, read_document, read_records

CATALOG_FILE = "catalog.json"

ALL_PARTY_TYPES = frozenset(PartyType)
SIMPLE_FINE_LIMIT_FEN = {PartyType.CITIZEN: 20_000, PartyType.ORGANIZATION: 300_000}  # APL 51


@dataclass(frozen=True)
class Catalog:
    version: str
    effective_from: date
    items: dict[str, EnforcementItem]


def load_catalog(directory: Path, violation_types: dict[str, ViolationType]) -> Catalog:
    document = read_document(
        directory / CATALOG_FILE, allowed=("catalog_version", "effective_from", "notice", "items")
    )
    header = Record(CATALOG_FILE, "catalog", document)
    version = header.text("catalog_version")
    effective_from = header.day("effective_from")
    items: dict[str, EnforcementItem] = {}
    for record in read_records(document, CATALOG_FILE, "items", "code"):
        items[record.id] = _item(record, violation_types)
    return Catalog(version=version, effective_from=effective_from, items=items)


def _item(record: Record, violation_types: dict[str, ViolationType]) -> EnforcementItem:
    record.only(
        "code", "name", "domain", "violation_types", "legal_basis", "penalty_basis", "procedure_profile",
        "sanctions", "fine_min_fen", "fine_max_fen", "party_types",
    )
    covered = record.texts("violation_types")
    if not covered:
        raise record.fail("violation_types", "an item covers at least one violation type")
    for code in covered:
        if code not in violation_types:
            raise record.fail("violation_types", f"unknown violation type {code!r}")
    sanctions = record.choices("sanctions", Sanction)
    fine_min = record.integer("fine_min_fen", default=0)
    fine_max = record.optional_integer("fine_max_fen")
    if fine_max is not None and fine_max < fine_min:
        raise record.fail("fine_max_fen", f"maximum {fine_max} is below the minimum {fine_min}")
    if Sanction.FINE not in sanctions and (fine_min or fine_max is not None):
        raise record.fail("sanctions", "a fine range is given but FINE is not an allowed sanction")
    party_types = record.choices("party_types", PartyType, default=ALL_PARTY_TYPES)
    if not party_types:
        raise record.fail("party_types", "an item applies to at least one party type")
    profile = record.choice("procedure_profile", ProcedureProfile)
    if profile is ProcedureProfile.SIMPLE_ALLOWED and not _simple_possible(sanctions, fine_min, party_types):
        raise record.fail(
            "procedure_profile", "SIMPLE_ALLOWED but neither a warning nor an APL 51 fine is possible"
        )
    return EnforcementItem(
        code=record.id,
        name=record.text("name"),
        domain=record.text("domain"),
        violation_types=covered,
        legal_basis=record.text("legal_basis"),
        penalty_basis=record.text("penalty_basis"),
        procedure_profile=profile,
        sanctions=sanctions,
        fine_min_fen=fine_min,
        fine_max_fen=fine_max,
        party_types=party_types,
    )


def _simple_possible(sanctions: frozenset[Sanction], fine_min: int, party_types: frozenset[PartyType]) -> bool:
    if Sanction.WARNING in sanctions:
        return True
    return Sanction.FINE in sanctions and any(fine_min <= SIMPLE_FINE_LIMIT_FEN[p] for p in party_types)
