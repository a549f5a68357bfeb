"""Outages are answered, not hidden, and nothing is lost or doubled. With Temporal down, the worker (started
during the outage) waits and connects when it returns; a step answers the typed `Unavailable` (retryable) and
/readyz is red; once Temporal is back, the same requestId applies exactly once. The worker is its own process,
the API is the production app (lazy Temporal connection, real readiness checks), the Temporal dev server is
stopped and started again on the same port and store."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.settings import Settings
from tests.api.client import GraphQLClient, token_for
from tests.api.general_case import LEAD, OFFICER, OUTCOME
from tests.e2e.straw_burning import scenario_base
from tests.e2e.temporal_process import Temporal
from tests.e2e.worker_process import WorkerProcess
from zhifa.api_server import build_app

pytestmark = pytest.mark.temporal
RECOVERY_BOUND = 120  # seconds a worker may take to reconnect (its back-off is capped at 30 s)


async def _eventually(attempt: Callable[[], Awaitable[dict[str, Any]]], typename: str) -> dict[str, Any]:
    """Retry a step (same requestId) until it answers `typename`, while the worker reconnects (bounded)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + RECOVERY_BOUND
    while True:
        result = await attempt()
        if result["__typename"] == typename or loop.time() > deadline:
            return result
        assert result["__typename"] == "Unavailable", result
        await asyncio.sleep(1.0)


async def _worker_waits(worker: WorkerProcess) -> None:
    for _ in range(600):
        if "unavailable" in worker.log():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"the worker did not report waiting for Temporal:\n{worker.log()}")


@asynccontextmanager
async def api_for(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(settings, {}, step_timeout=5.0)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver",
                                 timeout=60) as http:
        yield http


async def _step(http: httpx.AsyncClient, officer: str, mutation: str, data: dict[str, Any]) -> dict[str, Any]:
    type_name = mutation[0].upper() + mutation[1:]
    outcome = f"{OUTCOME} ... on Unavailable {{ dependency retryable retryAfterSeconds }}"
    body = (await GraphQLClient(http).post(token_for(officer), f"mutation($i: {type_name}Input!) {{ "
                                           f"{mutation}(input: $i) {{ {outcome} }} }}", {"i": data})).json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"][mutation]
    return result


async def test_steps_during_a_temporal_outage_answer_unavailable_and_apply_exactly_once_when_it_returns(
    tmp_path: Path, sqlite_url: str,
) -> None:
    temporal, queue = Temporal(tmp_path), f"outage-{uuid.uuid4().hex[:8]}"
    settings = Settings(data_dir=tmp_path, database_url=sqlite_url, temporal_address=temporal.config.address,
                        task_queue=queue)
    worker = WorkerProcess(temporal_address=temporal.config.address, database_url=sqlite_url, task_queue=queue,
                           data_dir=tmp_path)
    base = scenario_base(datetime.now(UTC))
    lead = {"requestId": f"lead-{uuid.uuid4().hex[:8]}", "occurredAt": base.isoformat(), "town": "zhangjiawo",
            "unit": "zhangjiawo-bureau", "source": "INSPECTION", "discoveredAt": base.isoformat(),
            "violationType": "OPEN_STRAW_BURNING", "party": {"name": "赵某某", "partyType": "CITIZEN"},
            "place": "张家窝镇某村东侧农田", "summary": "当事人在农田内露天焚烧秸秆"}
    worker.start()  # before Temporal exists: it must wait, not exit
    try:
        async with api_for(settings) as http:
            refused = await _step(http, OFFICER, "registerLead", lead)
            assert (refused["__typename"], refused["dependency"], refused["retryable"]) == (
                "Unavailable", "temporal", True), refused
            assert "same requestId" in refused["message"]
            ready = await http.get("/readyz")
            assert ready.status_code == 503 and ready.json()["failing"] == ["temporal"]

            await _worker_waits(worker)
            await temporal.start()
            opened = await _eventually(lambda: _step(http, OFFICER, "registerLead", lead), "Case")
            assert opened["status"] == "LEAD_REGISTERED", opened
            assert (await http.get("/readyz")).status_code == 200
            case_id = opened["streamId"]

            temporal.stop()
            verify = {"requestId": f"{case_id}:verify", "caseId": case_id, "occurredAt": base.isoformat(),
                      "coActors": [OFFICER], "findings": "现场核实，违法事实存在"}
            during = await _step(http, LEAD, "startVerification", verify)
            assert (during["__typename"], during["dependency"]) == ("Unavailable", "temporal"), during
            assert (await http.get("/readyz")).status_code == 503

            await temporal.start()
            applied = await _eventually(lambda: _step(http, LEAD, "startVerification", verify), "Case")
            again = await _step(http, LEAD, "startVerification", verify)
            assert applied["__typename"] == again["__typename"] == "Case", (applied, again)
            assert applied["version"] == again["version"]
        engine = create_engine(sqlite_url)
        try:
            stored = await EventStore(engine, Projector(next_steps_for)).load_stream(case_id)
        finally:
            await engine.dispose()
        types = [e.event_type for e in stored]
        assert types.count("LeadRegistered") == 1 and types.count("VerificationStarted") == 1, types
        assert "unavailable" in worker.log() and "connected after" in worker.log(), worker.log()
    finally:
        worker.stop()
        temporal.stop()
