"""GET /metrics counts the request and the step's outcome (labels naming no person, town or case); JSON log records
carry the request id, the officer, the town and the stream; an activity's records carry its stream id. The API
runs in process over a stand-in for the workflow facade that refuses every step (no Temporal needed)."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import pytest_asyncio
from prometheus_client.parser import text_string_to_metric_families
from temporalio.testing import ActivityEnvironment
from temporalio.worker import ExecuteActivityInput

from infra.db.engine import create_engine
from infra.observability import ObservabilitySettings
from infra.observability.logs import ActivityLogContext, current_fields, handler
from infra.settings import SettingsError
from tests.api.client import GraphQLClient, RecordingStreams, asgi_client, build_app, services_for, token_for
from tests.api.general_case import OFFICER, register_lead
from tests.e2e.straw_burning import scenario_base

Sample = tuple[str, tuple[tuple[str, str], ...]]


@pytest_asyncio.fixture
async def api(sqlite_url: str) -> AsyncIterator[GraphQLClient]:
    engine = create_engine(sqlite_url)
    client = asgi_client(build_app(services_for(engine, RecordingStreams())))
    try:
        yield client
    finally:
        await client.http.aclose()
        await engine.dispose()


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """What the `zhifa` loggers write, in the production format."""
    out = io.StringIO()
    capture = handler(ObservabilitySettings.from_env({}, production=True), out)
    logger = logging.getLogger("zhifa")
    level = logger.level
    logger.addHandler(capture)
    logger.setLevel(logging.INFO)
    try:
        yield out
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)


async def scrape(api: GraphQLClient) -> tuple[str, dict[Sample, float]]:
    response = await api.http.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(response.text) for s in family.samples}
    return response.text, samples


def lead_mutation(request_id: str) -> dict[str, Any]:
    base = scenario_base(datetime.now(UTC)).isoformat()
    return {"query": "mutation($i: RegisterLeadInput!) { registerLead(input: $i) { __typename } }",
            "variables": {"i": {"requestId": request_id, "occurredAt": base, "town": "zhangjiawo",
                                "unit": "zhangjiawo-bureau", "source": "INSPECTION", "discoveredAt": base,
                                "violationType": "OPEN_STRAW_BURNING", "place": "张家窝镇某村东侧农田",
                                "party": {"name": "赵某某", "partyType": "CITIZEN", "idNumber": "120111196805123456"},
                                "summary": "当事人在农田内露天焚烧秸秆"}}}


async def test_metrics_count_the_request_and_the_step_outcome_and_name_no_one(api: GraphQLClient) -> None:
    step = ("zhifa_step_outcomes_total", (("mutation", "registerLead"), ("outcome", "InvalidTransition")))
    request = ("zhifa_http_requests_total", (("method", "POST"), ("route", "/graphql"), ("status", "200")))
    scrape_request = ("zhifa_http_requests_total", (("method", "GET"), ("route", "/metrics"), ("status", "200")))
    _, before = await scrape(api)

    refused = await register_lead(api, "lead-metrics", scenario_base(datetime.now(UTC)))
    assert refused["__typename"] == "InvalidTransition"  # the stand-in refuses every step
    assert (await api.http.get("/no/such/path")).status_code == 404

    text, after = await scrape(api)
    assert after[step] == before.get(step, 0) + 1
    assert after[request] == before.get(request, 0) + 1
    assert after[scrape_request] >= before.get(scrape_request, 0) + 1  # the first scrape, answered
    latency = ("zhifa_http_request_duration_seconds_count", (("method", "POST"), ("route", "/graphql")))
    assert after[latency] == before.get(latency, 0) + 1
    unmatched = ("zhifa_http_requests_total", (("method", "GET"), ("route", "other"), ("status", "404")))
    assert after[unmatched] == before.get(unmatched, 0) + 1
    for personal in (OFFICER, "zhangjiawo", "case:", "赵某某", "/no/such/path", "lead-metrics"):
        assert personal not in text


async def test_json_logs_carry_the_request_id_the_officer_the_town_and_the_stream(
    api: GraphQLClient, json_log: io.StringIO
) -> None:
    headers = {"Authorization": f"Bearer {token_for(OFFICER)}", "X-Request-Id": "req-observed-1"}
    response = await api.http.post("/graphql", json=lead_mutation("lead-logged"), headers=headers)
    assert response.status_code == 200 and response.headers["x-request-id"] == "req-observed-1"

    records = [json.loads(line) for line in json_log.getvalue().splitlines()]
    step = next(r for r in records if r["message"] == "step registerLead: InvalidTransition")
    assert step["request_id"] == "req-observed-1" and step["officer"] == OFFICER and step["town"] == "zhangjiawo"
    assert step["stream_id"].startswith("case:zhangjiawo:")
    assert (step["level"], step["logger"]) == ("INFO", "zhifa.api")
    assert datetime.fromisoformat(step["timestamp"]).tzinfo is not None
    assert "trace_id" not in step  # tracing is off


async def test_a_request_without_an_id_is_logged_under_the_id_its_response_names(
    api: GraphQLClient, json_log: io.StringIO
) -> None:
    response = await api.http.post("/graphql", json=lead_mutation("lead-unnamed"),
                                   headers={"Authorization": f"Bearer {token_for(OFFICER)}"})
    given = response.headers["x-request-id"]
    records = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert [r["request_id"] for r in records if r["message"].startswith("step ")] == [given]


async def test_an_activity_logs_under_its_stream_id() -> None:
    class Innermost:
        def init(self, outbound: Any) -> None: ...

        async def execute_activity(self, input: ExecuteActivityInput) -> dict[str, str]:
            return dict(current_fields())

    env = ActivityEnvironment()
    env.info = dataclasses.replace(env.info, workflow_id="case:zhangjiawo:lead-1")
    inbound = ActivityLogContext().intercept_activity(Innermost())  # type: ignore[arg-type]

    async def activity() -> dict[str, str]:
        return await inbound.execute_activity(ExecuteActivityInput(fn=activity, args=[], executor=None, headers={}))

    assert await env.run(activity) == {"stream_id": "case:zhangjiawo:lead-1"}
    assert dict(current_fields()) == {}


def test_logs_are_json_in_production_text_in_development_and_the_format_is_checked() -> None:
    assert ObservabilitySettings.from_env({}, production=True).json_logs
    assert not ObservabilitySettings.from_env({}, production=False).json_logs
    assert ObservabilitySettings.from_env({"ZHIFA_LOG_FORMAT": "JSON"}, production=False).json_logs
    with pytest.raises(SettingsError, match="ZHIFA_LOG_FORMAT"):
        ObservabilitySettings.from_env({"ZHIFA_LOG_FORMAT": "xml"}, production=False)
    with pytest.raises(SettingsError, match="ZHIFA_WORKER_METRICS_ADDRESS"):
        ObservabilitySettings.from_env({"ZHIFA_WORKER_METRICS_ADDRESS": "9464"}, production=True)
    traced = ObservabilitySettings.from_env({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, production=True)
    assert traced.otlp_endpoint == "http://collector:4318"
    assert ObservabilitySettings.from_env({}, production=True).otlp_endpoint is None
