"""towns.json: districts and townships with their enforcement units (a township may have two: 大寺镇 has its
综合执法局 and its 安全办). District-level bodies (区司法局) are listed the same way under "districts"."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.reference import EnforcementUnit, Town
from infra.reference.records import Record, Source, read_document, read_records

TOWNS_FILE = "towns.json"


@dataclass(frozen=True)
class Places:
    towns: dict[str, Town]
    districts: dict[str, Town]

    def unit_owner(self, unit_code: str) -> str | None:
        """The town or district code a unit belongs to."""
        for place in (*self.towns.values(), *self.districts.values()):
            if any(unit.code == unit_code for unit in place.units):
                return place.code
        return None


def load_places(source: Source) -> Places:
    document = read_document(source, TOWNS_FILE, allowed=("districts", "towns"))
    unit_codes: set[str] = set()
    districts: dict[str, Town] = {}
    for record in read_records(document, TOWNS_FILE, "districts", "code"):
        record.only("code", "name", "units")
        districts[record.id] = _place(record, district=record.id, unit_codes=unit_codes)
    towns: dict[str, Town] = {}
    for record in read_records(document, TOWNS_FILE, "towns", "code"):
        record.only("code", "name", "district", "units", "catalog")
        if record.id in districts:
            raise record.fail("code", f"{record.id!r} is already a district code")
        district = record.text("district")
        if district not in districts:
            raise record.fail("district", f"unknown district {district!r}")
        town = _place(record, district=district, unit_codes=unit_codes)
        towns[record.id] = replace(town, catalog=record.optional_text("catalog"))
    return Places(towns=towns, districts=districts)


def _place(record: Record, *, district: str, unit_codes: set[str]) -> Town:
    units: list[EnforcementUnit] = []
    children = record.children("units", "code")
    if not children:
        raise record.fail("units", "at least one unit is required")
    for unit in children:
        unit.only("code", "name")
        code = unit.text("code")
        if code in unit_codes:
            raise unit.fail("code", f"unit code {code!r} is used by another town or district")
        unit_codes.add(code)
        units.append(EnforcementUnit(code=code, name=unit.text("name"), town=record.id))
    return Town(code=record.id, name=record.text("name"), district=district, units=tuple(units))
