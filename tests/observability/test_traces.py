"""One step, one trace: the API's request span → the Temporal client's Update → the workflow's Update handler →
the activity → its SQL statements, on the real dev server with an in-process worker, every span exported to memory
as it ends (nothing is waited for: a step's answer comes after its append)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from prometheus_client import REGISTRY
from temporalio.testing import WorkflowEnvironment

from api.app import create_app
from api.graphql.routes import graphql_routes
from infra.observability.tracing import Tracing
from infra.temporal.connection import open_client
from tests.api.client import AUTH, GraphQLClient, asgi_client, services_for
from tests.api.general_case import LEAD, OFFICER, register_lead, step
from tests.e2e.conftest import System, system_on
from tests.e2e.straw_burning import scenario_base
from tests.fixtures.temporal import CODEC

pytestmark = pytest.mark.temporal


@dataclass
class Traced:
    api: GraphQLClient
    spans: InMemorySpanExporter
    system: System


@asynccontextmanager
async def traced_system(env: WorkflowEnvironment, database_url: str) -> AsyncIterator[Traced]:
    """The API, the client and an in-process worker built as the composition roots build them, with tracing on."""
    exporter = InMemorySpanExporter()
    tracing = Tracing.exporting_to(exporter)
    client = await open_client(env.client.service_client.config.target_host, env.client.namespace, codec=CODEC,
                               interceptors=tracing.temporal_interceptors())
    async with system_on(client, database_url) as s:
        tracing.instrument(s.engine)
        app = create_app(health_checks={}, routes=graphql_routes(services_for(s.engine, s.streams), AUTH,
                                                                 development=True),
                         middleware=tracing.asgi_middleware())
        api = asgi_client(app)
        try:
            yield Traced(api, exporter, s)
        finally:
            await api.http.aclose()
            tracing.shutdown()


def _one(spans: list[ReadableSpan], name: str) -> ReadableSpan:
    found = [s for s in spans if s.name == name]
    assert len(found) == 1, (name, [s.name for s in spans])
    return found[0]


def _parent_of(span: ReadableSpan, spans: list[ReadableSpan]) -> ReadableSpan:
    assert span.parent is not None, span.name
    parents = [s for s in spans if s.context.span_id == span.parent.span_id]
    assert len(parents) == 1, (span.name, [s.name for s in spans])
    return parents[0]


def _chain(span: ReadableSpan, spans: list[ReadableSpan]) -> list[str]:
    names = [span.name]
    while span.parent is not None:
        span = _parent_of(span, spans)
        names.append(span.name)
    return names


async def test_a_step_is_one_trace_from_the_request_through_the_workflow_to_its_sql(
    dev_server: WorkflowEnvironment, sqlite_url: str
) -> None:
    async with traced_system(dev_server, sqlite_url) as t:
        base = scenario_base(datetime.now(UTC))
        opened = await register_lead(t.api, f"lead-{uuid.uuid4().hex[:8]}", base)
        assert opened["__typename"] == "Case", opened
        t.spans.clear()
        labels = {"mutation": "startVerification", "outcome": "Case"}
        counted_before = REGISTRY.get_sample_value("zhifa_step_outcomes_total", labels) or 0.0

        verified = await step(t.api, LEAD, "startVerification", {
            "requestId": f"verify-{uuid.uuid4().hex[:8]}", "caseId": opened["streamId"], "coActors": [OFFICER],
            "occurredAt": (base + timedelta(days=1)).isoformat(), "findings": "现场核实，违法事实存在"})
        assert verified["__typename"] == "Case", verified
        # The registry is the process's: other tests' steps are counted too, so the step adds exactly one.
        assert REGISTRY.get_sample_value("zhifa_step_outcomes_total", labels) == counted_before + 1

        spans = list(t.spans.get_finished_spans())
        assert len({s.context.trace_id for s in spans}) == 1, [(s.name, s.context.trace_id) for s in spans]
        request = _one(spans, "POST /graphql")
        assert request.parent is None and request.kind is SpanKind.SERVER
        inserts = [s for s in spans if s.name.startswith("INSERT") and
                   _chain(s, spans)[1:4] == ["RunActivity:append_events", "StartActivity:append_events",
                                             "HandleUpdate:step"]]
        assert inserts, [(s.name, _chain(s, spans)) for s in spans]
        assert _chain(inserts[0], spans)[4:] == ["StartWorkflowUpdate:step", "POST /graphql"]
        update = _one(spans, "HandleUpdate:step")
        assert update.attributes is not None and update.attributes["temporalWorkflowID"] == opened["streamId"]
        # The workflow's start (the request that opened the case) is a link, not the parent.
        assert [link.context.trace_id != request.context.trace_id for link in update.links] == [True]
        assert _chain(_one(spans, "ValidateUpdate:step"), spans) == [
            "ValidateUpdate:step", "StartWorkflowUpdate:step", "POST /graphql"]
        # The reads of the case around the step are statements of the same request.
        assert any(s.name.startswith("SELECT") and _parent_of(s, spans) is request for s in spans)


async def test_opening_a_case_is_one_trace_too(dev_server: WorkflowEnvironment, sqlite_url: str) -> None:
    async with traced_system(dev_server, sqlite_url) as t:
        opened = await register_lead(t.api, f"lead-{uuid.uuid4().hex[:8]}", scenario_base(datetime.now(UTC)))
        assert opened["__typename"] == "Case", opened
        spans = list(t.spans.get_finished_spans())
        assert len({s.context.trace_id for s in spans}) == 1, [(s.name, s.context.trace_id) for s in spans]
        run = _one(spans, "RunActivity:append_events")
        assert _chain(run, spans) == ["RunActivity:append_events", "StartActivity:append_events", "HandleUpdate:step",
                                      "StartUpdateWithStartWorkflow:GeneralCase", "POST /graphql"]
