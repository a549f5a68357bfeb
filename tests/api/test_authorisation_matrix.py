"""The authorisation matrix, generated from the schema: every query and every mutation × every role × {a case
of the caller's town, a case of another town, an id that does not exist}. Every cell must match the expected
table below (written out here, independently of the API's policy module; a step's role comes from the domain's
transition tables). No response to a town-A caller may ever contain the canary planted in town B's case."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    Undefined,
)

from api.graphql.schema import MAX_ALIASES, build_schema
from api.graphql.steps import STEPS
from domain.cases.transitions import TRANSITIONS as GENERAL
from domain.construction.transitions import TRANSITIONS as CONSTRUCTION
from domain.inspections.transitions import TRANSITIONS as INSPECTION
from domain.rectification.transitions import TRANSITIONS as RECTIFICATION
from domain.reference import Role
from domain.simple.transitions import TRANSITIONS as SIMPLE
from tests.api.client import OFFICER_WITH_ROLE, token_with
from tests.api.conftest import CANARY, Api

OWN, OTHER, MISSING = "own", "other", "missing"
TARGETS = (OWN, OTHER, MISSING)
ROLES = [r.value for r in Role]
SUBJECT = OFFICER_WITH_ROLE

# --- the expected table ------------------------------------------------------------------------------------
EVERYONE = set(ROLES)
CASE_WORKERS = {"officer", "case_lead", "legal_reviewer", "principal", "hearing_host"}
CASE_READERS = CASE_WORKERS | {"supervisor", "platform_operator", "auditor"}
STATISTICS_READERS = {"officer", "case_lead", "legal_reviewer", "principal", "supervisor"}
READ_ROLES: dict[str, set[str]] = {
    "me": EVERYONE, "towns": EVERYONE, "officers": EVERYONE, "violationTypes": EVERYONE,
    "enforcementItems": EVERYONE, "softList": EVERYONE,
    "node": CASE_READERS, "case": CASE_READERS, "cases": CASE_READERS, "overdueDeadlines": CASE_READERS,
    # Every role some step waits for has a task list and may see the steps that open streams.
    "myTasks": CASE_WORKERS, "openingSteps": CASE_WORKERS, "auditTrail": {"principal", "supervisor", "auditor"},
    # Year-end statistics and ledgers (issue 5); their own behaviour is in test_statistics_api/test_ledgers_api.
    "annualStatistics": STATISTICS_READERS, "annualReport": STATISTICS_READERS,
    "statisticsSnapshots": STATISTICS_READERS, "ledger": STATISTICS_READERS,
    # The security event log (issue 13): district supervisors only; its own behaviour is in test_security_log_api.
    "securityLog": {"supervisor"},
    # The reference register's history (issue 12): its own behaviour is in tests/administration.
    "referenceHistory": {"admin", "supervisor", "auditor"},
    # The caller's own inbox (issue 8); its own behaviour is in tests/notifications.
    "myNotifications": EVERYONE,
}
STEP_ROLE = {cmd.__name__: row.role.value
             for table in (GENERAL, INSPECTION, RECTIFICATION, SIMPLE, CONSTRUCTION) for cmd, row in table.items()}

# What a permitted query returns per target: FOUND (the case), NOT_FOUND (the same for another town's case and
# a missing one), LISTED (a list holding the caller's own case), EMPTY (a list without it), OK (no target).
QUERY_OUTCOMES: dict[str, dict[str, str]] = {
    "case": {OWN: "FOUND", OTHER: "NOT_FOUND", MISSING: "NOT_FOUND"},
    "node": {OWN: "FOUND", OTHER: "NOT_FOUND", MISSING: "NOT_FOUND"},
    "auditTrail": {OWN: "FOUND", OTHER: "NOT_FOUND", MISSING: "NOT_FOUND"},
    # A town no reference data knows is refused, naming the towns that exist; another town lists nothing.
    "cases": {OWN: "LISTED", OTHER: "EMPTY", MISSING: "BAD_FILTER"},
    "annualReport": {OWN: "FOUND", OTHER: "NOT_FOUND", MISSING: "NOT_FOUND"},
    **{f: {OWN: "FOUND", OTHER: "NOT_FOUND", MISSING: "NOT_FOUND"}
       for f in ("annualStatistics", "statisticsSnapshots", "ledger")},
}


@dataclass(frozen=True)
class Targets:
    case_id: dict[str, str]
    town: dict[str, str]


def query_document(field: str, target: str, targets: Targets) -> tuple[str, dict[str, Any]]:
    case_id = targets.case_id[target]
    from api.graphql.ids import global_id

    documents: dict[str, tuple[str, dict[str, Any]]] = {
        "me": ("{ me { officerId towns } }", {}),
        "towns": ("{ towns { code name } }", {}),
        "officers": ("{ officers { officerId name town } }", {}),
        "violationTypes": ("{ violationTypes { code } }", {}),
        "enforcementItems": ("{ enforcementItems { code } }", {}),
        "softList": ("{ softList { id town } }", {}),
        "node": ("query($id: ID!) { node(id: $id) { id ... on Case { partyName caseNo } } }",
                 {"id": global_id("Case", case_id)}),
        "case": ("query($id: ID!) { case(id: $id) { __typename ... on Case { partyName caseNo "
                 "timeline { data } } } }", {"id": case_id}),
        "cases": ("query($t: [String!]) { cases(filter: {towns: $t}) { totalCount edges { node { streamId "
                  "partyName } } } }", {"t": [targets.town[target]]}),
        "myTasks": ("{ myTasks { step case { partyName } } }", {}),
        "openingSteps": ("{ openingSteps { mutation callerMay } }", {}),
        "overdueDeadlines": ("{ overdueDeadlines { deadline { dueOn } case { partyName } } }", {}),
        "auditTrail": ("query($id: ID!) { auditTrail(streamId: $id) { __typename ... on AuditTrail { intact "
                       "timeline { data } } } }", {"id": case_id}),
        "annualStatistics": ("query($t: String!) { annualStatistics(town: $t, year: 2025, asOf: \"2025-06-30\") "
                             "{ __typename ... on AnnualStatistics { scope } } }", {"t": targets.town[target]}),
        "statisticsSnapshots": ("query($t: String!) { statisticsSnapshots(town: $t, year: 2025) { __typename } }",
                                {"t": targets.town[target]}),
        "ledger": ("query($u: String!) { ledger(kind: ROSTER, unit: $u) { __typename ... on Ledger { entries "
                   "{ data } } } }", {"u": f"{targets.town[target]}-bureau"}),
        "securityLog": ("{ securityLog(first: 5) { totalCount } }", {}),
        "referenceHistory": ("{ referenceHistory { register } }", {}),
        "myNotifications": ("{ myNotifications(first: 5) { totalCount edges { node { caseNo } } } }", {}),
        # On the fly the report renders the figures: one format is enough for the matrix (json, the fastest).
        "annualReport": ("query($t: String!) { annualReport(town: $t, year: 2025, asOf: \"2025-06-30\", "
                         "format: JSON) { __typename } }", {"t": targets.town[target]}),
    }
    return documents[field]


def query_outcome(field: str, body: dict[str, Any], own_id: str) -> str:
    errors = body.get("errors") or []
    if errors:
        return str(errors[0].get("extensions", {}).get("code", "ERROR"))
    value = body["data"][field]
    if field in ("case", "auditTrail", "annualStatistics", "annualReport", "statisticsSnapshots", "ledger"):
        return "NOT_FOUND" if value["__typename"] == "NotFound" else "FOUND"
    if field == "node":
        return "NOT_FOUND" if value is None else "FOUND"
    if field == "cases":
        return "LISTED" if [e["node"]["streamId"] for e in value["edges"]] == [own_id] else "EMPTY"
    return "OK"


def expected_query(field: str, role: str, target: str) -> str:
    if role not in READ_ROLES[field]:
        return "FORBIDDEN"
    return QUERY_OUTCOMES.get(field, {}).get(target, "OK")


# --- mutations: inputs filled from the schema's input types --------------------------------------------------

def dummy(tp: GraphQLInputType, name: str, fill: dict[str, Any]) -> Any:
    if isinstance(tp, GraphQLNonNull):
        return dummy(tp.of_type, name, fill)
    if name in fill:
        return fill[name]
    if isinstance(tp, GraphQLList):
        return []
    if isinstance(tp, GraphQLEnumType):
        return next(iter(tp.values))
    if isinstance(tp, GraphQLInputObjectType):
        return {n: dummy(f.type, n, fill) for n, f in tp.fields.items()
                if n in fill or (isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined)}
    assert isinstance(tp, GraphQLScalarType)
    return {"String": "x", "ID": "x", "Int": 1, "Fen": 1, "Float": 1.0, "Boolean": False, "Date": "2025-06-03",
            "DateTime": "2025-06-03T02:00:00+00:00"}[tp.name]


# Not procedure steps: the inbox's (tests/notifications), the administrators' (tests/administration) and
# uploadEvidence (role by role in tests/evidence).
LEDGER_MUTATIONS = {"recordLedgerEntries", "markNotificationsRead", "importReferenceWorkbook",
                    "changeReferenceRecords", "uploadEvidence"}


def mutation_cells() -> Iterator[tuple[str, str, GraphQLInputObjectType]]:
    schema = build_schema(development=True)._schema
    assert schema.mutation_type is not None
    for name, field in schema.mutation_type.fields.items():
        if name in LEDGER_MUTATIONS:
            continue  # not a procedure step: covered role by role in test_ledgers_api
        input_type = field.args["input"].type
        assert isinstance(input_type, GraphQLNonNull) and isinstance(input_type.of_type, GraphQLInputObjectType)
        yield name, field.description or "", input_type.of_type


COMMAND_OF = {step.mutation: step.command.__name__ for step in STEPS}
MUTATIONS = list(mutation_cells())


def expected_mutation(name: str, role: str, target: str, starts: bool) -> str:
    if role != STEP_ROLE[COMMAND_OF[name]]:
        return "Forbidden"
    if target == OWN:
        return "REACHED"
    return "Forbidden" if starts else "NotFound"


def targets_of(api: Api) -> Targets:
    return Targets(case_id={OWN: api.data.own.stream_id, OTHER: api.data.other.stream_id,
                            MISSING: "case:zhangjiawo:no-such-case"},
                   town={OWN: "zhangjiawo", OTHER: "dasi", MISSING: "nowhere"})


def test_the_matrix_covers_every_query_and_mutation_of_the_schema() -> None:
    schema = build_schema(development=True)._schema
    assert schema.query_type is not None
    assert set(schema.query_type.fields) == set(READ_ROLES)
    assert {name for name, _, _ in MUTATIONS} == set(COMMAND_OF)
    assert schema.mutation_type is not None
    assert set(schema.mutation_type.fields) == set(COMMAND_OF) | LEDGER_MUTATIONS
    assert len(MUTATIONS) >= 80


def leaks_the_other_town(answer: str, asked_for: str) -> bool:
    """Whether the answer shows the other town's case: its party, its case number (both hold CANARY, and answers are
    UTF-8, so they show as written). Its id may show where the request named it ("case … not found")."""
    return CANARY in answer.replace(asked_for, "")


async def test_every_query_answers_each_role_and_target_as_the_table_says(api: Api) -> None:
    targets = targets_of(api)
    mismatches = []
    for role, field, target in itertools.product(ROLES, sorted(READ_ROLES), TARGETS):
        token = token_with(SUBJECT[role], [role], ["zhangjiawo"])
        document, variables = query_document(field, target, targets)
        response = await api.client.post(token, document, variables)
        assert response.status_code == 200, response.text
        assert not leaks_the_other_town(response.text, targets.case_id[target]), (field, target)
        got = query_outcome(field, response.json(), targets.case_id[OWN])
        if got != expected_query(field, role, target):
            mismatches.append((role, field, target, got, expected_query(field, role, target)))
    assert mismatches == []


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_every_mutation_answers_each_role_and_target_as_the_table_says(api: Api) -> None:
    """Cells are sent in batches (one aliased mutation per cell, as many as the alias limit allows)."""
    targets = targets_of(api)
    mismatches = []
    for role, target in itertools.product(ROLES, TARGETS):
        token = token_with(SUBJECT[role], [role], ["zhangjiawo"])
        for batch in chunks(MUTATIONS, MAX_ALIASES):
            variables, fields, declared = {}, [], []
            for index, (name, _, input_type) in enumerate(batch):
                fill = {"requestId": f"{name}-{role}-{target}", "caseId": targets.case_id[target],
                        "town": targets.town[target], "coActors": []}
                variables[f"i{index}"] = dummy(GraphQLNonNull(input_type), "", fill)
                declared.append(f"$i{index}: {input_type.name}!")
                fields.append(f"m{index}: {name}(input: $i{index}) {{ __typename ... on Problem {{ code message }} "
                              "... on Case { partyName } }")
            document = f"mutation({', '.join(declared)}) {{ {' '.join(fields)} }}"
            before = len(api.streams.sent)
            response = await api.client.post(token, document, variables)
            assert response.status_code == 200, response.text
            assert not leaks_the_other_town(response.text, targets.case_id[target]), target
            body = response.json()
            assert "errors" not in body, body
            for index, (name, _, input_type) in enumerate(batch):
                typename = body["data"][f"m{index}"]["__typename"]
                got = typename if typename in ("Forbidden", "NotFound") else "REACHED"
                want = expected_mutation(name, role, target, starts="caseId" not in input_type.fields)
                if got != want:
                    mismatches.append((role, name, target, got, want, body["data"][f"m{index}"]))
            for _, stream_id, command in api.streams.sent[before:]:
                assert command.actors[0] == SUBJECT[role]  # the caller is the acting officer, always
                assert ":zhangjiawo:" in stream_id
    assert mismatches == []
