"""The printed schema is committed; a change to it must be deliberate (regenerate and commit schema.graphql)."""

from __future__ import annotations

from pathlib import Path

from api.graphql.schema import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"
REGENERATE = ('.venv/bin/python -c "from api.graphql.schema import build_schema; '
              "print(build_schema(development=True).as_str())\" > schema.graphql")


def test_the_committed_schema_is_the_schema_the_api_serves() -> None:
    printed = build_schema(development=True).as_str() + "\n"
    assert printed == SCHEMA_FILE.read_text(encoding="utf-8"), f"schema changed; if intended, run: {REGENERATE}"


def test_the_production_schema_is_the_same_schema() -> None:
    assert build_schema(development=False).as_str() == build_schema(development=True).as_str()


# Not procedure steps: no workflow involved.
NOT_STEPS = {"recordLedgerEntries", "markNotificationsRead", "importReferenceWorkbook", "changeReferenceRecords",
             "uploadEvidence"}


def test_every_step_returns_the_typed_outcome_union_and_takes_a_request_id() -> None:
    schema = build_schema(development=True)._schema
    assert schema.mutation_type is not None
    for name, field in schema.mutation_type.fields.items():
        if name in NOT_STEPS:
            continue
        assert str(field.type) == "StepOutcome!", name
        input_type = field.args["input"].type.of_type  # type: ignore[attr-defined]
        assert str(input_type.fields["requestId"].type) == "ID!", name
    outcome = schema.get_type("StepOutcome")
    assert {t.name for t in outcome.types} == {  # type: ignore[union-attr]
        "Case", "InvalidTransition", "RuleViolation", "ValidationError", "NotFound", "Forbidden", "Unavailable"}
