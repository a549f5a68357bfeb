"""violation_types.json: the 案由 seen in the reports (DOMAIN.md §1), each with its 领域 (domain). Extendable data."""

from __future__ import annotations

from domain.reference import ViolationType
from infra.reference.records import Source, read_document, read_records

VIOLATION_TYPES_FILE = "violation_types.json"


def load_violation_types(source: Source) -> dict[str, ViolationType]:
    document = read_document(source, VIOLATION_TYPES_FILE, allowed=("violation_types",))
    types: dict[str, ViolationType] = {}
    for record in read_records(document, VIOLATION_TYPES_FILE, "violation_types", "code"):
        record.only("code", "name", "domain")
        types[record.id] = ViolationType(code=record.id, name=record.text("name"), domain=record.text("domain"))
    return types
