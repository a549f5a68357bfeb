"""The security event log from the API's side: refused tokens, denied permissions, administrative changes and
exports are recorded (with the client's address and the request id, never the token); the district's supervisors
read their district's entries, a page at a time, by kind and time; town officers cannot. When the log cannot be
written, refusals still go out (loudly logged, /readyz failing) while changes and exports are not carried out."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from api.app import create_app
from api.graphql.ledger_templates import ledger_template_routes
from api.graphql.routes import graphql_routes
from api.security import SecurityLog
from domain.codec import to_primitive
from domain.security_log import SecurityEntry, SecurityKind
from infra.auth import mint_token
from infra.securitylog import SecurityLogStore
from tests.api.client import AUTH, GraphQLClient, RecordingStreams, asgi_client, services_for, token_for
from tests.api.conftest import Seeded2

ME = "{ me { officerId } }"
AUDIT = 'query { auditTrail(streamId: "x") { __typename } }'
REPORT = """query { annualReport(town: "zhangjiawo", year: 2025, asOf: "2025-06-30", format: JSON) {
  __typename ... on AnnualReport { mimeType } } }"""
RECORD = """mutation($entries: [LedgerEntryInput!]!) { recordLedgerEntries(input: {entries: $entries}) {
  __typename ... on Problem { code message } } }"""
JOIN = {"joinStaff": {"unit": "zhangjiawo-bureau", "entryId": "r-1", "personId": "p-1", "name": "赵一",
                      "category": "OFFICER", "occurredAt": "2025-03-03T09:00:00+08:00"}}
LOG = """query($filter: SecurityLogFilter, $first: Int!, $after: String) {
  securityLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { seq kind actor operation reason district town clientIp requestId detail } } } }"""


async def stored(seeded: Seeded2) -> list[SecurityEntry]:
    return await SecurityLogStore(seeded.engine).entries()


def expired_token(officer: str) -> str:
    return mint_token(AUTH, subject=officer, roles=["officer"], towns=["zhangjiawo"],
                      now=datetime.now(UTC) - timedelta(hours=9))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_refused_token_is_recorded_with_its_cause_address_and_request_id_but_never_the_token(
    client: GraphQLClient, seeded: Seeded2,
) -> None:
    token = expired_token("zjw-lead-1")
    response = await client.http.post("/graphql", json={"query": ME},
                                      headers={"Authorization": f"Bearer {token}", "X-Request-Id": "req-77"})
    assert response.status_code == 401 and response.headers["x-request-id"] == "req-77"
    await client.post("not-a-jwt", ME)

    expired, malformed = await stored(seeded)
    assert (expired.kind, expired.reason, expired.actor, expired.district) == (
        SecurityKind.TOKEN_REFUSED, "token expired", "zjw-lead-1", "xiqing")
    assert (expired.client_ip, expired.request_id, expired.operation) == ("127.0.0.1", "req-77", "POST /graphql")
    assert expired.detail == {"cause": "EXPIRED", "subject_verified": False}
    assert (malformed.detail["cause"], malformed.actor, malformed.district) == ("MALFORMED", "", None)
    assert token not in json.dumps(to_primitive(expired.hashed_content()))
    assert len(malformed.request_id or "") == 32  # none given: the API assigned one


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_denied_reads_steps_and_downloads_are_recorded_with_who_what_and_which_town(
    client: GraphQLClient, seeded: Seeded2,
) -> None:
    officer = token_for("zjw-officer-1")
    assert (await client.run(officer, AUDIT))["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    step = await client.run(officer, """mutation { announceDemolition(input: {requestId: "r", caseId: "x",
        announcementNumber: "1", deadlineDays: 3}) { __typename } }""")
    auditor = token_for("xq-auditor-1")
    download = await client.http.get("/ledgers/roster/template.xlsx", headers={"Authorization": f"Bearer {auditor}"})

    entries = await stored(seeded)
    assert [(e.kind, e.actor, e.operation, e.town, e.district) for e in entries] == [
        (SecurityKind.PERMISSION_DENIED, "zjw-officer-1", "auditTrail", "zhangjiawo", "xiqing"),
        (SecurityKind.PERMISSION_DENIED, "zjw-officer-1", "announceDemolition", "zhangjiawo", "xiqing"),
        (SecurityKind.PERMISSION_DENIED, "xq-auditor-1", "GET /ledgers/{kind}/template.xlsx", None, "xiqing"),
    ]
    assert entries[0].reason == "auditTrail is open to the roles auditor, principal, supervisor"
    assert step["data"]["announceDemolition"]["__typename"] == "Forbidden" and download.status_code == 403


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_ledger_entries_report_downloads_and_template_downloads_are_recorded(
    client: GraphQLClient, seeded: Seeded2,
) -> None:
    lead = token_for("zjw-lead-1")
    recorded = await client.run(lead, RECORD, {"entries": [JOIN]})
    assert recorded["data"]["recordLedgerEntries"]["__typename"] == "LedgerEntriesRecorded"
    assert (await client.run(lead, REPORT))["data"]["annualReport"]["__typename"] == "AnnualReport"
    template = await client.http.get("/ledgers/roster/template.xlsx", headers={"Authorization": f"Bearer {lead}"})
    assert template.status_code == 200

    change, report, download = await stored(seeded)
    assert (change.kind, change.operation, change.reason, change.town) == (
        SecurityKind.ADMIN_CHANGE, "recordLedgerEntries", "1 ledger entry for zhangjiawo-bureau", "zhangjiawo")
    assert change.detail == {"entries": ["JoinStaff"], "units": ["zhangjiawo-bureau"]}
    assert (report.kind, report.reason) == (SecurityKind.EXPORT,
                                            "annual report of zhangjiawo 2025 as of 2025-06-30 (json)")
    assert (download.kind, download.reason, download.actor) == (SecurityKind.EXPORT, "template of the ROSTER ledger",
                                                                "zjw-lead-1")
    assert await SecurityLogStore(seeded.engine).verify() == []


async def test_a_district_supervisor_reads_the_districts_entries_by_kind_and_time_a_page_at_a_time(
    client: GraphQLClient, seeded: Seeded2,
) -> None:
    await client.post(expired_token("zjw-lead-1"), ME)  # TOKEN_REFUSED, xiqing
    await client.post("not-a-jwt", ME)  # TOKEN_REFUSED, no district: not shown
    for _ in range(3):
        await client.run(token_for("ds-officer-1"), AUDIT)  # PERMISSION_DENIED, xiqing
    supervisor = token_for("xq-supervisor-1")

    first = (await client.run(supervisor, LOG, {"first": 2}))["data"]["securityLog"]
    assert first["totalCount"] == 4 and first["pageInfo"]["hasNextPage"]
    assert [e["node"]["seq"] for e in first["edges"]] == [5, 4]
    rest = (await client.run(supervisor, LOG, {"first": 10, "after": first["pageInfo"]["endCursor"]}))
    assert [e["node"]["seq"] for e in rest["data"]["securityLog"]["edges"]] == [3, 1]

    refused = (await client.run(supervisor, LOG, {"first": 10, "filter": {"kinds": ["TOKEN_REFUSED"]}}))
    [only] = refused["data"]["securityLog"]["edges"]
    assert (only["node"]["actor"], only["node"]["detail"]["cause"]) == ("zjw-lead-1", "EXPIRED")
    later = {"since": (datetime.now(UTC) + timedelta(minutes=1)).isoformat()}
    assert (await client.run(supervisor, LOG, {"first": 10, "filter": later}))["data"]["securityLog"][
        "totalCount"] == 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_town_officers_principals_and_auditors_cannot_read_the_security_log(client: GraphQLClient) -> None:
    for officer in ("zjw-principal-1", "zjw-lead-1", "xq-auditor-1"):
        body = await client.run(token_for(officer), LOG, {"first": 5})
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", officer
        assert body["errors"][0]["message"] == "securityLog is open to the roles supervisor"


class BrokenStore:
    """A security log store whose database is gone."""

    async def append(self, record: Any) -> Any:
        raise OSError("disk full")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_when_the_log_cannot_be_written_refusals_go_out_and_changes_and_exports_do_not(
    seeded: Seeded2, caplog: pytest.LogCaptureFixture,
) -> None:
    services = services_for(seeded.engine, RecordingStreams())
    broken = SecurityLog(BrokenStore())  # type: ignore[arg-type]
    services = type(services)(**{**vars(services), "security": broken})
    client = asgi_client(create_app(health_checks={"securityLog": broken.check},
                                    routes=[*graphql_routes(services, AUTH, development=True),
                                            *ledger_template_routes(services, AUTH)]))
    lead = token_for("zjw-lead-1")
    try:
        with caplog.at_level(logging.CRITICAL, logger="zhifa.security"):
            assert (await client.post("not-a-jwt", ME)).status_code == 401
        ready = await client.http.get("/readyz")
        report = await client.run(lead, REPORT)
        change = await client.run(lead, RECORD, {"entries": [JOIN]})
        template = await client.http.get("/ledgers/roster/template.xlsx", headers={"Authorization": f"Bearer {lead}"})
    finally:
        await client.http.aclose()

    assert "security log entry NOT STORED (OSError: disk full)" in caplog.text and "TOKEN_REFUSED" in caplog.text
    assert ready.status_code == 503
    assert ready.json()["checks"]["securityLog"]["error"].startswith("RuntimeError: 1 security log entry not stored")
    for body in (report, change):
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "SECURITY_LOG_UNAVAILABLE"
    assert template.status_code == 503 and "was not carried out" in template.json()["error"]
    assert await SecurityLogStore(seeded.engine).entries() == []
    async with seeded.engine.connect() as conn:
        ledger_events = await conn.execute(text("SELECT count(*) FROM events WHERE stream_kind LIKE 'LEDGER:%'"))
        assert ledger_events.scalar() == 0
