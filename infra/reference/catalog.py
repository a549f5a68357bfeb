"""catalog.json: the enforcement item catalog (执法事项目录), versioned by `catalog_version` and `effective_from`.

Each item names the violation types it covers, its legal and penalty basis, its procedural profile, the sanctions
it allows (APL 9) and its fine range in fen (`fine_max_fen` null = no fixed maximum, e.g. a share of the
construction cost). Checks: known violation types; min ≤ max; a fine range only with FINE; a SIMPLE_ALLOWED item
must admit an on-the-spot penalty (APL 51: a warning, or a fine of at most 200 yuan for a citizen / 3,000 yuan
for an organization).

Two forms: the installation's one catalog (`catalog_version`, `effective_from`, `items`), or per district its
versions under `catalogs` (each with `id`, `district`, `version`, `effective_from`, `items`); a town adopts one
version of its district's (towns.json `catalog`; by default the district's newest).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from domain.reference import Catalog, EnforcementItem, ProcedureProfile, ViolationType
from domain.values import PartyType, Sanction
from infra.reference.records import Record, Source, read_document, read_records

CATALOG_FILE = "catalog.json"

ALL_PARTY_TYPES = frozenset(PartyType)
SIMPLE_FINE_LIMIT_FEN = {PartyType.CITIZEN: 20_000, PartyType.ORGANIZATION: 300_000}  # APL 51


@dataclass(frozen=True)
class Catalogs:
    """Every catalog version the file lists; `items` is their union (a code in two versions: the later one)."""

    catalogs: dict[str, Catalog]
    legacy: Catalog | None  # the older one-catalog-for-all form (catalog_version, effective_from, items)

    @property
    def items(self) -> dict[str, EnforcementItem]:
        ordered = sorted(self.catalogs.values(), key=lambda c: (c.effective_from, c.id))
        return {code: item for catalog in ordered for code, item in catalog.items.items()}

    def latest_of(self, district: str) -> Catalog | None:
        own = [c for c in self.catalogs.values() if c.district == district]
        return max(own, key=lambda c: (c.effective_from, c.id)) if own else None


LEGACY_CATALOG = ""  # the id of the installation-wide catalog of the one-catalog form


def load_catalog(source: Source, violation_types: dict[str, ViolationType],
                 districts: Collection[str] = ()) -> Catalogs:
    document = read_document(
        source, CATALOG_FILE, allowed=("catalog_version", "effective_from", "notice", "items", "catalogs")
    )
    catalogs = {r.id: _catalog(r, violation_types, districts) for r in
                read_records(document, CATALOG_FILE, "catalogs", "id")} if "catalogs" in document else {}
    legacy = _legacy(document, violation_types) if "items" in document else None
    if legacy is not None:
        catalogs[LEGACY_CATALOG] = legacy
    return Catalogs(catalogs=catalogs, legacy=legacy)


def _legacy(document: dict[str, Any], violation_types: dict[str, ViolationType]) -> Catalog:
    header = Record(CATALOG_FILE, "catalog", document)
    items = {r.id: _item(r, violation_types) for r in read_records(document, CATALOG_FILE, "items", "code")}
    return Catalog(id=LEGACY_CATALOG, district="", version=header.text("catalog_version"),
                   effective_from=header.day("effective_from"), items=MappingProxyType(items))


def _catalog(record: Record, violation_types: dict[str, ViolationType], districts: Collection[str]) -> Catalog:
    """One district's catalog version: its items are named by their own code in errors."""
    record.only("id", "district", "version", "effective_from", "notice", "items")
    district = record.text("district")
    if district not in districts:
        raise record.fail("district", f"unknown district {district!r}")
    children = record.children("items", "code", own_ids=True)
    if not children:
        raise record.fail("items", "a catalog lists at least one item")
    items = {child.id: _item(child, violation_types) for child in children}
    return Catalog(id=record.id, district=district, version=record.text("version"),
                   effective_from=record.day("effective_from"), items=MappingProxyType(items))


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
        code=record.text("code"),
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
