"""Ledgers over GraphQL and the template download: officers and case leads of the unit's town record entries
(all or none), a bad entry is a ValidationError naming its field, other roles and other towns' units are
refused, supervisors read the ledger, and the xlsx template downloads for a valid token only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from domain.reference import Role
from tests.api.client import OFFICER_WITH_ROLE, GraphQLClient, token_for, token_with

RECORD = """mutation($entries: [LedgerEntryInput!]!) { recordLedgerEntries(input: {entries: $entries}) {
  __typename
  ... on LedgerEntriesRecorded { entries events streams }
  ... on Problem { code message }
  ... on ValidationError { rule field }
  ... on RuleViolation { rule field } } }"""
LEDGER = """query($unit: String!) { ledger(kind: ROSTER, unit: $unit) {
  __typename ... on Ledger { town entries { type data } } } }"""
AT = "2025-03-03T09:00:00+08:00"


def join(entry_id: str, person: str, name: str, unit: str = "zhangjiawo-bureau") -> dict[str, Any]:
    return {"joinStaff": {"unit": unit, "entryId": entry_id, "personId": person, "name": name,
                          "category": "OFFICER", "occurredAt": AT}}


def certificate(entry_id: str, person: str, number: str) -> dict[str, Any]:
    return {"issueCertificate": {"unit": "zhangjiawo-bureau", "entryId": entry_id, "personId": person,
                                 "number": number, "expiresOn": "2030-03-02", "occurredAt": AT}}


async def roster(client: GraphQLClient, unit: str = "zhangjiawo-bureau") -> dict[str, Any]:
    body = await client.run(token_for("xq-supervisor-1"), LEDGER, {"unit": unit})
    result: dict[str, Any] = body["data"]["ledger"]
    return result


async def test_an_officer_records_entries_and_a_supervisor_reads_them(client: GraphQLClient) -> None:
    body = await client.run(token_for("zjw-officer-1"), RECORD,
                            {"entries": [join("r-1", "p-1", "赵一"), certificate("r-2", "p-1", "TJ-1")]})
    assert body["data"]["recordLedgerEntries"] == {"__typename": "LedgerEntriesRecorded", "entries": 2,
                                                   "events": 2, "streams": 1}
    ledger = await roster(client)
    assert ledger["town"] == "zhangjiawo"
    assert [(e["type"], e["data"]["entry_id"], e["data"]["actors"]) for e in ledger["entries"]] == [
        ("StaffMemberJoined", "r-1", ["zjw-officer-1"]), ("CertificateIssued", "r-2", ["zjw-officer-1"])]


async def test_a_bad_entry_is_a_validation_error_naming_the_field_and_nothing_is_recorded(
    client: GraphQLClient
) -> None:
    body = await client.run(token_for("zjw-lead-1"), RECORD,
                            {"entries": [join("r-1", "p-1", "赵一"), join("r-2", "p-2", "  ")]})
    problem = body["data"]["recordLedgerEntries"]
    assert (problem["__typename"], problem["rule"], problem["field"]) == ("ValidationError", "REQUIRED_FIELD", "name")
    assert problem["message"] == "entry 2 (JoinStaff r-2): name is required"
    assert (await roster(client))["entries"] == []


async def test_a_malformed_value_is_a_validation_error_naming_the_entry_field(client: GraphQLClient) -> None:
    entry = certificate("r-1", "p-1", "TJ-1")
    entry["issueCertificate"]["occurredAt"] = "2025-03-03T09:00:00"
    body = await client.run(token_for("zjw-officer-1"), RECORD, {"entries": [entry]})
    problem = body["data"]["recordLedgerEntries"]
    assert (problem["__typename"], problem["field"]) == ("ValidationError", "occurredAt")


async def test_an_entry_the_ledger_refuses_is_a_rule_violation(client: GraphQLClient) -> None:
    body = await client.run(token_for("zjw-officer-1"), RECORD, {"entries": [certificate("r-1", "p-9", "TJ-9")]})
    problem = body["data"]["recordLedgerEntries"]
    assert (problem["__typename"], problem["rule"], problem["field"]) == ("RuleViolation", "NOT_IN_POST", "person_id")


async def test_a_unit_of_another_town_is_forbidden_and_its_ledger_not_found(client: GraphQLClient) -> None:
    body = await client.run(token_for("zjw-officer-1"), RECORD, {"entries": [join("r-1", "p-1", "赵一",
                                                                                    unit="dasi-bureau")]})
    assert body["data"]["recordLedgerEntries"]["__typename"] == "Forbidden"
    read = await client.run(token_for("zjw-officer-1"), LEDGER, {"unit": "dasi-bureau"})
    assert read["data"]["ledger"]["__typename"] == "NotFound"
    assert (await roster(client, "dasi-bureau"))["entries"] == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_only_officers_and_case_leads_record_entries(client: GraphQLClient) -> None:
    outcomes = {}
    for n, role in enumerate(r.value for r in Role):
        token = token_with(OFFICER_WITH_ROLE[role], [role], ["zhangjiawo"])
        body = await client.run(token, RECORD, {"entries": [join(f"r-{n}", f"p-{n}", "赵一")]})
        outcomes[role] = body["data"]["recordLedgerEntries"]["__typename"]
    assert {r for r, o in outcomes.items() if o == "LedgerEntriesRecorded"} == {"officer", "case_lead"}
    assert {o for r, o in outcomes.items() if r not in ("officer", "case_lead")} == {"Forbidden"}


async def test_the_template_downloads_as_xlsx_for_a_valid_token_only(client: GraphQLClient) -> None:
    http = client.http
    response = await http.get("/ledgers/roster/template.xlsx",
                              headers={"Authorization": f"Bearer {token_for('zjw-officer-1')}"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["JoinStaff", "IssueCertificate", "CancelCertificate", "LeaveStaff"]
    assert [c.value for c in workbook["JoinStaff"][1]][:3] == ["unit", "entry_id", "occurred_at"]

    assert (await http.get("/ledgers/roster/template.xlsx")).status_code == 401
    bad = await http.get("/ledgers/roster/template.xlsx", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401
    auditor = token_with("xq-auditor-1", ["auditor"], ["zhangjiawo"])
    forbidden = await http.get("/ledgers/roster/template.xlsx", headers={"Authorization": f"Bearer {auditor}"})
    assert forbidden.status_code == 403
    unknown = await http.get("/ledgers/payroll/template.xlsx",
                             headers={"Authorization": f"Bearer {token_for('zjw-officer-1')}"})
    assert unknown.status_code == 404
