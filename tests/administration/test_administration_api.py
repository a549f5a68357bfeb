"""Administration over GraphQL and the same-day rule: a district's administrator onboards from a workbook (held
to their district, refusals named by cell), reads the district's history; officers onboarded while the API runs
act on the real stack as soon as the API has looked again at the register."""

from __future__ import annotations

import base64
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment

from infra.administration.example import example_rows, example_workbook
from infra.administration.live import LiveReference
from infra.administration.onboarding import Workbook, import_workbook
from infra.administration.register import Loaded, ReferenceRegister
from infra.administration.template import write_workbook
from infra.auth import mint_token
from infra.calendar.loader import load_work_calendar
from infra.reference import demo_profiles, demo_reference
from tests.administration.conftest import AT
from tests.api.client import AUTH, GraphQLClient, asgi_client, build_app, services_for, token_for
from tests.e2e.conftest import system
from workflows.client import StreamClient
from workflows.stream_workflows import SPECS, WORKFLOWS
from zhifa.context import ReferenceContextSource

pytestmark = pytest.mark.asyncio

IMPORT = """mutation($i: ImportReferenceWorkbookInput!) { importReferenceWorkbook(input: $i) { __typename
  ... on ReferenceChangesRecorded { dryRun changes { register keeper puts } }
  ... on WorkbookRefused { sheet row column message } ... on Forbidden { message } } }"""
HISTORY = "{ referenceHistory { register keeper effectiveFrom puts actor source } }"


def demo() -> Loaded:
    return Loaded(reference=demo_reference(), profiles=demo_profiles())


def jinghai_admin_token() -> str:
    return mint_token(AUTH, subject="jh-admin-1", roles=["admin"], district="jinghai")


def officer_token(officer_id: str, reference: Any) -> str:
    officer = reference.officers[officer_id]
    return mint_token(AUTH, subject=officer_id, roles=[r.value for r in officer.roles], towns=(officer.town,))


async def api_over(engine: AsyncEngine, streams: Any = None) -> tuple[GraphQLClient, LiveReference]:
    live = LiveReference(ReferenceRegister(engine, clock=lambda: AT), demo())
    await live.refresh()
    services = replace(services_for(engine, streams), live=live)
    return asgi_client(build_app(services)), live


def encoded(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


async def test_an_administrator_imports_only_within_their_own_district(register: ReferenceRegister) -> None:
    api, _ = await api_over(register.engine)
    variables = {"i": {"workbook": encoded(example_workbook()), "effectiveFrom": "2024-01-02"}}
    refused = (await api.run(token_for("xq-admin-1"), IMPORT, variables))["data"]["importReferenceWorkbook"]
    assert refused["__typename"] == "WorkbookRefused"
    assert (refused["sheet"], refused["row"], refused["column"]) == ("区", 3, "code")
    assert "kept by the installation; district 'xiqing' may not change it" in refused["message"]
    officer = (await api.run(token_for("zjw-officer-1"), IMPORT, variables))["data"]["importReferenceWorkbook"]
    assert officer["__typename"] == "Forbidden"


async def test_a_district_administrator_adds_officers_and_reads_the_history(register: ReferenceRegister) -> None:
    api, live = await api_over(register.engine)
    rows = {"人员": [{"id": "zjw-new-1", "name": "新同志", "town": "zhangjiawo", "unit": "zhangjiawo-bureau",
                      "category": "OFFICER", "roles": "officer"}],
            "执法证": [{"officer": "zjw-new-1", "number": "TJXQ-2025-0100", "issued_on": "2025-03-01"}]}
    variables = {"i": {"workbook": encoded(write_workbook(rows)), "effectiveFrom": "2025-03-01",
                       "filename": "新增人员.xlsx"}}
    done = (await api.run(token_for("xq-admin-1"), IMPORT, variables))["data"]["importReferenceWorkbook"]
    assert done == {"__typename": "ReferenceChangesRecorded", "dryRun": False,
                    "changes": [{"register": "officers", "keeper": "xiqing", "puts": 1}]}
    assert live.current.reference.officers["zjw-new-1"].certified_on(date(2025, 3, 1))  # the API took it at once
    history = (await api.run(token_for("xq-supervisor-1"), HISTORY))["data"]["referenceHistory"]
    assert history[-1]["actor"] == "xq-admin-1" and history[-1]["source"].startswith("新增人员.xlsx sha256:")
    forbidden = await api.run(token_for("zjw-officer-1"), HISTORY)
    assert forbidden["data"] is None and forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_broken_workbook_is_refused_over_graphql_naming_the_cell(register: ReferenceRegister) -> None:
    rows = {name: [dict(r) for r in records] for name, records in example_rows().items()}
    rows["人员"][1]["unit"] = "nowhere"
    await import_workbook(register, Workbook(example_workbook()), effective_from=date(2024, 1, 2),
                          actor="installer", at=AT)
    api, _ = await api_over(register.engine)
    count = await register.version()
    variables = {"i": {"workbook": encoded(write_workbook(rows)), "effectiveFrom": "2024-06-01"}}
    body = await api.run(jinghai_admin_token(), IMPORT, variables)
    refused = body["data"]["importReferenceWorkbook"]
    assert refused == {"__typename": "WorkbookRefused", "sheet": "人员", "row": 4, "column": "unit",
                       "message": "sheet '人员', row 4, column 'unit' (cell D4): unknown unit 'nowhere'"}
    assert await register.version() == count


LEAD = """mutation($i: RegisterLeadInput!) { registerLead(input: $i) { __typename
  ... on Case { streamId status } ... on Problem { code message } } }"""
VERIFY = """mutation($i: StartVerificationInput!) { startVerification(input: $i) { __typename
  ... on Case { status } ... on Problem { code message } } }"""
ITEMS = "{ enforcementItems { code } }"


@pytest.mark.temporal
async def test_officers_onboarded_while_the_api_runs_act_the_same_day(dev_server: WorkflowEnvironment,
                                                                      sqlite_url: str) -> None:
    async with system(dev_server, sqlite_url) as s:
        register = ReferenceRegister(s.engine)
        contexts = ReferenceContextSource(demo_reference(), load_work_calendar(), demo_profiles())
        streams = StreamClient(s.client, task_queue=s.task_queue, context_source=contexts, workflows=WORKFLOWS,
                               specs=SPECS)
        api, live = await api_over(s.engine, streams)
        live.subscribe(lambda loaded: contexts.replace_data(loaded.reference, loaded.profiles))
        today = datetime.now(UTC)
        await import_workbook(register, Workbook(example_workbook()), effective_from=today.date(),
                              actor="installer", at=today)  # as `zhifa admin import` does, from another process
        assert await live.refresh()
        reference = live.current.reference
        lead = officer_token("dqz-lead-1", reference)
        opened = (await api.run(officer_token("dqz-officer-1", reference), LEAD, {"i": {
            "requestId": f"lead-{uuid.uuid4().hex[:8]}", "occurredAt": today.isoformat(), "town": "daqiuzhuang",
            "unit": "daqiuzhuang-bureau", "source": "INSPECTION", "discoveredAt": today.isoformat(),
            "violationType": "ILLEGAL_PILING", "party": {"name": "钱某某", "partyType": "CITIZEN"},
            "place": "大邱庄镇某路口", "summary": "当事人在道路两侧堆放物料"}}))["data"]["registerLead"]
        assert opened["__typename"] == "Case", opened
        verified = (await api.run(lead, VERIFY, {"i": {
            "requestId": "verify", "caseId": opened["streamId"], "coActors": ["dqz-officer-1"],
            "findings": "现场核实"}}))["data"]["startVerification"]
        assert verified["__typename"] == "Case", verified
        items = (await api.run(lead, ITEMS))["data"]["enforcementItems"]
        assert sorted(i["code"] for i in items) == ["JH-SR-MUCK-SPILLAGE", "JH-SR-OUTDOOR-AD", "JH-SR-PILING",
                                                    "JH-SR-POSTING", "JH-SR-ROAD-OCCUPATION"]
        await api.http.aclose()
