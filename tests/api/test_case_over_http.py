"""Acceptance over the real stack: the Temporal dev server, a worker, PostgreSQL or SQLite, and the API (over
real HTTP from uvicorn in the first test). Officers, a legal reviewer and a principal take a general case from
the lead to its closure with GraphQL only; a district supervisor then reads its timeline and audit status."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from temporalio.testing import WorkflowEnvironment

from tests.api.client import GraphQLClient, asgi_client, build_app, services_for, token_for
from tests.api.general_case import CLOSED_CASE_EVENTS, PRINCIPAL, drive_to_closure, register_lead, step
from tests.e2e.conftest import system
from tests.e2e.straw_burning import scenario_base

pytestmark = pytest.mark.temporal

SUPERVISOR_READ = """query($id: ID!) {
  case(id: $id) { __typename ... on Case { status town caseNo fineAmountFen officers { officerId }
    timeline { seq type actor occurredAt recordedAt }
    legalReviews { outcome reviewer } decision { decisionType fineAmountFen documentNo servedAt }
    payments { amountFen settles } disclosure { state } } }
  auditTrail(streamId: $id) { __typename ... on AuditTrail { intact events headHash firstBreak { seq } } }
}"""
TIMELINE = "query($id: ID!) { case(id: $id) { ... on Case { version timeline { seq type } } } }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def served(app: Starlette) -> AsyncIterator[GraphQLClient]:
    """uvicorn on a free port of this machine, in this event loop."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn did not start"
        await asyncio.sleep(0.05)
    http = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=120)
    try:
        yield GraphQLClient(http)
    finally:
        await http.aclose()
        server.should_exit = True
        await task


@pytest.mark.postgres
async def test_a_general_case_runs_from_lead_to_closure_over_http_and_a_supervisor_reads_its_audit_trail(
    dev_server: WorkflowEnvironment, pg_fresh_url: str
) -> None:
    async with system(dev_server, pg_fresh_url) as s, served(build_app(services_for(s.engine, s.streams))) as api:
        base = scenario_base(datetime.now(UTC))
        opened = await register_lead(api, f"lead-{uuid.uuid4().hex[:8]}", base)
        assert opened["__typename"] == "Case" and opened["status"] == "LEAD_REGISTERED", opened
        case_id = opened["streamId"]
        assert case_id.startswith("case:zhangjiawo:")

        assert await drive_to_closure(api, case_id, base, proposal_hash="") == "CLOSED"

        body = await api.run(token_for("xq-supervisor-1"), SUPERVISOR_READ, {"id": case_id})
        case, audit = body["data"]["case"], body["data"]["auditTrail"]
        assert (case["status"], case["town"], case["fineAmountFen"]) == ("CLOSED", "zhangjiawo", 100_000)
        business = [e["type"] for e in case["timeline"] if not e["type"].startswith("Deadline")]
        assert business == CLOSED_CASE_EVENTS
        actors = {e["type"]: e["actor"] for e in case["timeline"]}
        assert (actors["LeadRegistered"], actors["CaseFiled"], actors["LegalReviewCompleted"],
                actors["DecisionMade"]) == ("zjw-officer-1", PRINCIPAL, "zjw-reviewer-1", PRINCIPAL)
        assert all(e["recordedAt"] >= e["occurredAt"] for e in case["timeline"])
        assert case["legalReviews"] == [{"outcome": "APPROVED", "reviewer": "zjw-reviewer-1"}]
        assert case["decision"]["documentNo"] == "津西青张综执罚〔2026〕88号" and case["decision"]["servedAt"]
        assert case["payments"] == [{"amountFen": 100_000, "settles": True}]
        assert case["disclosure"]["state"] == "DUE"
        assert audit == {"__typename": "AuditTrail", "intact": True, "events": len(case["timeline"]),
                         "headHash": audit["headHash"], "firstBreak": None}
        stored = await s.store.load_stream(case_id)
        assert [e.event_type for e in stored] == [e["type"] for e in case["timeline"]]
        assert audit["headHash"] == stored[-1].hash

        other_town = await api.run(token_for("ds-principal-1"), SUPERVISOR_READ, {"id": case_id})
        assert other_town["data"]["case"]["__typename"] == "NotFound"
        assert other_town["data"]["auditTrail"]["__typename"] == "NotFound"

        archived = await step(api, "zjw-lead-1", "archiveCase", {"requestId": "archive", "caseId": case_id,
                                                                 "archiveNo": "档〔2026〕88号"})
        assert (archived["__typename"], archived["status"]) == ("Case", "ARCHIVED")
        late = await step(api, PRINCIPAL, "closeCase", {"requestId": "close-again", "caseId": case_id})
        assert (late["__typename"], late["rule"]) in {("InvalidTransition", "TRANSITION"),
                                                      ("InvalidTransition", "STREAM_FINISHED")}, late


async def test_an_invalid_step_returns_the_typed_error_naming_the_rule_and_leaves_the_events_unchanged(
    dev_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    async with system(dev_server, sqlite_url) as s:
        api = asgi_client(build_app(services_for(s.engine, s.streams)))
        base = scenario_base(datetime.now(UTC))
        case_id = (await register_lead(api, f"lead-{uuid.uuid4().hex[:8]}", base))["streamId"]
        before = (await api.run(token_for(PRINCIPAL), TIMELINE, {"id": case_id}))["data"]["case"]

        early = await step(api, PRINCIPAL, "makeDecision", {
            "requestId": "decide-too-early", "caseId": case_id, "decisionType": "PENALTY", "sanctions": ["FINE"],
            "fineAmountFen": 100_000})
        assert early["__typename"] == "InvalidTransition"
        assert (early["code"], early["rule"], early["field"], early["article"]) == (
            "INVALID_TRANSITION", "TRANSITION", "status", "APL 57")
        assert early["message"].startswith("APL 57: MakeDecision is not allowed in GENERAL status LEAD_REGISTERED")

        auxiliary = await step(api, "zjw-lead-1", "startVerification", {
            "requestId": "verify-with-auxiliary", "caseId": case_id, "coActors": ["zjw-aux-1"]})
        assert auxiliary["__typename"] == "RuleViolation", auxiliary
        assert auxiliary["article"] == "APL 42" and auxiliary["rule"]

        future = await step(api, "zjw-lead-1", "startVerification", {
            "requestId": "verify-in-the-future", "caseId": case_id, "coActors": ["zjw-officer-1"],
            "occurredAt": "2999-01-01T00:00:00+00:00"})
        assert future["__typename"] in ("ValidationError", "RuleViolation") and future["field"], future

        after = (await api.run(token_for(PRINCIPAL), TIMELINE, {"id": case_id}))["data"]["case"]
        assert after == before
        assert len(await s.store.load_stream(case_id)) == len(before["timeline"])
        await api.http.aclose()


async def test_replaying_a_mutation_with_the_same_request_id_applies_it_once(
    dev_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    async with system(dev_server, sqlite_url) as s:
        api = asgi_client(build_app(services_for(s.engine, s.streams)))
        base = scenario_base(datetime.now(UTC))
        request = f"lead-{uuid.uuid4().hex[:8]}"
        first = await register_lead(api, request, base)
        again = await register_lead(api, request, base)
        assert again == first and first["__typename"] == "Case"
        case_id = first["streamId"]
        after_lead = [e.hash for e in await s.store.load_stream(case_id)]

        verify = {"requestId": "verify-once", "caseId": case_id, "coActors": ["zjw-officer-1"],
                  "occurredAt": base.replace(hour=11).isoformat(), "findings": "属实"}
        once = await step(api, "zjw-lead-1", "startVerification", verify)
        twice = await step(api, "zjw-lead-1", "startVerification", verify)
        assert once["__typename"] == twice["__typename"] == "Case"
        assert once["version"] == twice["version"]
        stored = await s.store.load_stream(case_id)
        assert [e.hash for e in stored[:len(after_lead)]] == after_lead
        assert [e.event_type for e in stored].count("VerificationStarted") == 1
        assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
        await api.http.aclose()
