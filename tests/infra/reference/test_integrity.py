"""A broken reference data file raises ReferenceDataError naming the file, the record (its id) and the field."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from infra.reference import DEMO_DIRECTORY, ReferenceDataError, load_profiles, load_reference

Doc = dict[str, Any]


def find(records: list[Doc], key: str, value: str) -> Doc:
    return next(r for r in records if r[key] == value)


def officer(doc: Doc, officer_id: str) -> Doc:
    return find(doc["officers"], "id", officer_id)


def first_certificate(doc: Doc, officer_id: str) -> str:
    number: str = officer(doc, officer_id)["certificates"][0]["number"]
    return number


def item(doc: Doc, code: str) -> Doc:
    return find(doc["items"], "code", code)


def benchmark(doc: Doc, benchmark_id: str) -> Doc:
    return find(doc["benchmarks"], "id", benchmark_id)


def soft_entry(doc: Doc, entry_id: str) -> Doc:
    return find(doc["lists"][0]["items"], "id", entry_id)


def broken_copy(tmp_path: Path, file: str, edit: Callable[[Doc], object]) -> Path:
    directory = tmp_path / "reference"
    shutil.copytree(DEMO_DIRECTORY, directory)
    path = directory / file
    document = json.loads(path.read_text(encoding="utf-8"))
    edit(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return directory


CASES: list[tuple[str, str, Callable[[Doc], object], str, str, str]] = [
    # (test id, file, edit, record, field, reason fragment)
    ("officer-unknown-unit", "officers.json", lambda d: officer(d, "zjw-lead-1").update(unit="nowhere"),
     "zjw-lead-1", "unit", "unknown unit 'nowhere'"),
    ("officer-unit-of-another-town", "officers.json", lambda d: officer(d, "zjw-lead-1").update(unit="dasi-safety"),
     "zjw-lead-1", "unit", "unit 'dasi-safety' belongs to 'dasi', not to 'zhangjiawo'"),
    ("officer-unknown-town", "officers.json", lambda d: officer(d, "ds-officer-2").update(town="atlantis"),
     "ds-officer-2", "town", "unknown town or district 'atlantis'"),
    ("officer-unknown-role", "officers.json", lambda d: officer(d, "ylq-officer-3").update(roles=["judge"]),
     "ylq-officer-3", "roles", "'judge' is not one of"),
    ("auxiliary-as-officer", "officers.json", lambda d: officer(d, "zjw-aux-1").update(roles=["auxiliary", "officer"]),
     "zjw-aux-1", "roles", "officer requires the category OFFICER, not AUXILIARY"),
    ("certified-without-certificate", "officers.json", lambda d: officer(d, "zjw-officer-2").pop("certificates"),
     "zjw-officer-2", "certificates", "officer needs an enforcement certificate (执法证, APL 42)"),
    ("certificate-expires-before-issue", "officers.json",
     lambda d: officer(d, "zjw-officer-6")["certificates"][1].update(expires_on="2020-01-01"),
     "zjw-officer-6", "certificates[1].expires_on", "expires 2020-01-01 before it is issued 2022-03-15"),
    ("certificate-cancelled-before-issue", "officers.json",
     lambda d: officer(d, "ylq-transferred-1")["certificates"][0].update(cancelled_on="2019-01-01"),
     "ylq-transferred-1", "certificates[0].cancelled_on", "cancelled 2019-01-01 before it is issued"),
    ("certificate-invalid-date", "officers.json",
     lambda d: officer(d, "ds-lead-1")["certificates"][0].update(issued_on="2019-02-30"),
     "ds-lead-1", "certificates[0].issued_on", "invalid date '2019-02-30'"),
    ("certificate-number-reused", "officers.json",
     lambda d: officer(d, "ds-lead-2")["certificates"][0].update(number=first_certificate(d, "ds-lead-1")),
     "ds-lead-2", "certificates[0].number", "is held by another officer"),
    ("officer-duplicate-id", "officers.json", lambda d: officer(d, "zjw-lead-2").update(id="zjw-lead-1"),
     "zjw-lead-1", "id", "duplicate id 'zjw-lead-1'"),
    ("officer-unknown-field", "officers.json", lambda d: officer(d, "zjw-lead-1").update(rank="captain"),
     "zjw-lead-1", "rank", "unknown field"),
    ("unit-of-unknown-district", "towns.json", lambda d: find(d["towns"], "code", "dasi").update(district="beichen"),
     "dasi", "district", "unknown district 'beichen'"),
    ("item-unknown-violation-type", "catalog.json",
     lambda d: item(d, "HB-STRAW-BURNING").update(violation_types=["OPEN_STRAW_BURNING", "ARSON"]),
     "HB-STRAW-BURNING", "violation_types", "unknown violation type 'ARSON'"),
    ("item-min-above-max", "catalog.json",
     lambda d: item(d, "SR-BANNER").update(fine_min_fen=90_000),
     "SR-BANNER", "fine_max_fen", "maximum 50000 is below the minimum 90000"),
    ("item-fine-without-fine-sanction", "catalog.json",
     lambda d: item(d, "SR-BANNER").update(sanctions=["WARNING"]),
     "SR-BANNER", "sanctions", "a fine range is given but FINE is not an allowed sanction"),
    ("item-simple-but-no-apl51-penalty", "catalog.json",
     lambda d: item(d, "XF-FIRE-LANE-ORG").update(procedure_profile="SIMPLE_ALLOWED"),
     "XF-FIRE-LANE-ORG", "procedure_profile", "SIMPLE_ALLOWED but neither a warning nor an APL 51 fine"),
    ("item-unknown-profile", "catalog.json",
     lambda d: item(d, "SR-PILING").update(procedure_profile="FAST"),
     "SR-PILING", "procedure_profile", "'FAST' is not one of SIMPLE_ALLOWED, GENERAL_ONLY, ILLEGAL_CONSTRUCTION"),
    ("catalog-invalid-effective-date", "catalog.json", lambda d: d.update(effective_from="2022-13-01"),
     "catalog", "effective_from", "invalid date '2022-13-01'"),
    ("benchmark-unknown-item", "benchmarks.json",
     lambda d: benchmark(d, "HB-STRAW-BURNING-1").update(item_code="HB-NOPE"),
     "HB-STRAW-BURNING-1", "item_code", "unknown catalog item 'HB-NOPE'"),
    ("benchmark-min-above-max", "benchmarks.json",
     lambda d: benchmark(d, "HB-STRAW-BURNING-2").update(fine_min_fen=190_000),
     "HB-STRAW-BURNING-2", "fine_max_fen", "maximum 125000 is below the minimum 190000"),
    ("benchmark-above-item-range", "benchmarks.json",
     lambda d: benchmark(d, "HB-STRAW-BURNING-4").update(fine_max_fen=300_000),
     "HB-STRAW-BURNING-4", "fine_max_fen", "300000 is above the item's maximum 200000"),
    ("benchmark-unknown-severity", "benchmarks.json",
     lambda d: benchmark(d, "HB-STRAW-BURNING-1").update(severity="特别严重"),
     "HB-STRAW-BURNING-1", "severity", "'特别严重' is not one of 轻微, 一般, 较重, 严重"),
    ("soft-list-unknown-item", "soft_list.json",
     lambda d: soft_entry(d, "YLQ-2023-07").update(item_code="SR-GONE"),
     "YLQ-2023-07", "items[6].item_code", "unknown catalog item 'SR-GONE'"),
    ("soft-list-unknown-outcome", "soft_list.json",
     lambda d: soft_entry(d, "YLQ-2023-01").update(outcome="AMNESTY"),
     "YLQ-2023-01", "items[0].outcome", "'AMNESTY' is not one of EDUCATION_ONLY, NO_PENALTY, LIGHTER, REDUCED"),
    ("soft-list-unknown-town", "soft_list.json", lambda d: d["lists"][0].update(town="xiqing"),
     "YLQ-2023", "town", "unknown town 'xiqing'"),
]


@pytest.mark.parametrize(("file", "edit", "record", "field", "reason"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_broken_file_names_file_record_and_field(
    tmp_path: Path, file: str, edit: Callable[[Doc], object], record: str, field: str, reason: str
) -> None:
    directory = broken_copy(tmp_path, file, edit)
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(directory)
    error = caught.value
    assert (error.file, error.record, error.field) == (file, record, field)
    assert reason in error.reason
    assert str(error).startswith(f"{file}: record {record!r}: field {field!r}: ")


def test_an_unknown_profile_field_is_rejected(tmp_path: Path) -> None:
    directory = broken_copy(
        tmp_path, "profiles.json", lambda d: find(d["profiles"], "town", "dasi").update(statement_window_days=3)
    )
    with pytest.raises(ReferenceDataError) as caught:
        load_profiles(directory)
    assert str(caught.value) == "profiles.json: record 'dasi': field 'statement_window_days': unknown field"


@pytest.mark.parametrize(
    ("edit", "field", "reason"),
    [
        (lambda d: find(d["profiles"], "town", "dasi").update(legal_review_policy="SOMETIMES"),
         "legal_review_policy", "'SOMETIMES' is not one of APL58_ONLY, ALL_GENERAL"),
        (lambda d: find(d["profiles"], "town", "dasi").update(statement_window_working_days="3"),
         "statement_window_working_days", "expected an integer, got '3'"),
        (lambda d: find(d["profiles"], "town", "dasi").update(town="dongli"), "town", "unknown town 'dongli'"),
    ],
    ids=["bad-enum", "string-for-integer", "unknown-town"],
)
def test_a_bad_profile_value_names_the_town_and_field(
    tmp_path: Path, edit: Callable[[Doc], object], field: str, reason: str
) -> None:
    directory = broken_copy(tmp_path, "profiles.json", edit)
    with pytest.raises(ReferenceDataError) as caught:
        load_profiles(directory)
    assert caught.value.file == "profiles.json"
    assert caught.value.field == field
    assert reason in caught.value.reason


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    directory = broken_copy(tmp_path, "towns.json", lambda d: None)
    (directory / "benchmarks.json").unlink()
    with pytest.raises(ReferenceDataError, match=r"^benchmarks\.json: file not found in "):
        load_reference(directory)


def test_a_file_that_is_not_json_is_named_with_its_line(tmp_path: Path) -> None:
    directory = broken_copy(tmp_path, "towns.json", lambda d: None)
    (directory / "violation_types.json").write_text('{\n  "violation_types": [\n    {"code": }\n]}', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"^violation_types\.json: invalid JSON at line 3: "):
        load_reference(directory)


def test_a_copy_of_the_demo_set_loads_unchanged(tmp_path: Path) -> None:
    directory = broken_copy(tmp_path, "towns.json", lambda d: None)
    reference = load_reference(directory)
    assert len(reference.officers) == len(load_reference(DEMO_DIRECTORY).officers)
    assert set(load_profiles(directory)) == {"zhangjiawo", "dasi", "yangliuqing"}
