"""The compose topology as processes on this machine: a fresh PostgreSQL database migrated by `zhifa migrate`
(which gives `zhifa_app` its login), `zhifa temporal setup` against the Temporal dev server, two `zhifa api` and
two `zhifa worker` processes logged in as `zhifa_app`. Cases run through both APIs alternately while one worker
is killed with SIGKILL mid-way; every case closes with exactly its events and every chain verifies."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url
from temporalio.testing import WorkflowEnvironment

from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore, verify
from infra.projections import Projector
from tests.api.client import GraphQLClient
from tests.api.general_case import CLOSED_CASE_EVENTS, drive_to_closure, register_lead, upload_evidence
from tests.deploy.processes import ApiProcess
from tests.e2e.straw_burning import scenario_base
from tests.e2e.worker_process import WorkerProcess
from tests.runtime.ports import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.temporal]
CASES = 4
KILL_AT_REQUEST = 24  # of 4 × 18 GraphQL requests: cases are in their investigation or review by then
CLOCK_TYPES = {cls.type_name() for cls in CLOCK_EVENTS}


class Alternating:
    """A GraphQL client that sends each request to the next API instance in turn, and calls `on_request(n)`
    before the n-th request (counting from 1) across all cases."""

    def __init__(self, clients: list[GraphQLClient], on_request: Callable[[int], None]) -> None:
        self._clients = clients
        self._on_request = on_request
        self.sent = [0] * len(clients)

    async def run(self, token: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        index = sum(self.sent) % len(self._clients)
        self.sent[index] += 1
        self._on_request(sum(self.sent))
        return await self._clients[index].run(token, query, variables)


def _zhifa(env: dict[str, str], *command: str) -> str:
    result = subprocess.run([sys.executable, "-m", "zhifa", *command], env={**os.environ, **env},
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


async def _logins(admin_url: str, database: str) -> set[str]:
    """The roles of every session connected to `database` (the test's own admin session is elsewhere)."""
    conn = await asyncpg.connect(make_url(admin_url).set(drivername="postgresql", database="postgres")
                                 .render_as_string(hide_password=False))
    try:
        rows = await conn.fetch("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1", database)
    finally:
        await conn.close()
    return {row["usename"] for row in rows}


async def test_two_apis_and_two_workers_as_the_application_role_close_every_case_through_a_worker_kill(
    dev_server: WorkflowEnvironment, pg_blank_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "app_password").write_text("topology-test-password\n")
    owner = {"ZHIFA_DATABASE_URL": pg_blank_url, "ZHIFA_APP_PASSWORD_FILE": str(tmp_path / "app_password")}
    assert "role zhifa_app may log in" in _zhifa(owner, "migrate")

    database = make_url(pg_blank_url).database
    assert database is not None
    app_url = make_url(pg_blank_url).set(username="zhifa_app", password=None).render_as_string()
    queue = f"topology-{uuid.uuid4().hex[:8]}"
    app = {"ZHIFA_DATABASE_URL": app_url, "ZHIFA_DATABASE_PASSWORD_FILE": str(tmp_path / "app_password"),
           "ZHIFA_TEMPORAL_ADDRESS": dev_server.client.service_client.config.target_host, "ZHIFA_TASK_QUEUE": queue,
           "ZHIFA_PLATFORM_URL": f"http://127.0.0.1:{free_port()}"}
    assert "search attributes added" in _zhifa(app, "temporal", "setup")
    for variable, value in app.items():
        monkeypatch.setenv(variable, value)  # the worker processes take this environment

    workers = [WorkerProcess(temporal_address=app["ZHIFA_TEMPORAL_ADDRESS"], database_url=app_url, task_queue=queue,
                             data_dir=tmp_path / f"worker-{i}") for i in range(2)]
    apis = [ApiProcess(free_port(), app, tmp_path / f"api-{i}") for i in range(2)]

    def kill_one_worker(request: int) -> None:
        if request == KILL_AT_REQUEST:
            workers[0].kill()  # the other worker carries on alone

    base = scenario_base(datetime.now(UTC))
    try:
        for i, worker in enumerate(workers):
            (tmp_path / f"worker-{i}").mkdir()
            worker.start()
        for api in apis:
            api.launch()
        await asyncio.gather(*(api.ready() for api in apis))
        async with httpx.AsyncClient(base_url=apis[0].url, timeout=120) as first, \
                httpx.AsyncClient(base_url=apis[1].url, timeout=120) as second:
            client = Alternating([GraphQLClient(first), GraphQLClient(second)], kill_one_worker)

            async def one_case(n: int) -> str:
                opened = await register_lead(client, f"lead-{queue}-{n}", base)  # type: ignore[arg-type]
                assert opened["__typename"] == "Case", opened
                await upload_evidence(first, opened["streamId"])
                status = await drive_to_closure(client, opened["streamId"], base, proposal_hash="")  # type: ignore[arg-type]
                assert status == "CLOSED"
                return str(opened["streamId"])

            case_ids = await asyncio.wait_for(asyncio.gather(*(one_case(n) for n in range(CASES))), timeout=180)
            logins = await _logins(pg_blank_url, database)
    finally:
        for api in apis:
            api.stop()
        for worker in workers:
            worker.stop()

    assert workers[0].kills == 1
    assert min(client.sent) >= CASES * len(CLOSED_CASE_EVENTS) // 2  # both APIs served half the steps
    assert logins == {"zhifa_app"}, logins
    engine = create_engine(pg_blank_url)
    try:
        store = EventStore(engine, Projector(next_steps_for))
        for case_id in case_ids:
            stored = await store.load_stream(case_id)
            assert [e.seq for e in stored] == list(range(1, len(stored) + 1)), case_id
            assert [e.event_type for e in stored if e.event_type not in CLOCK_TYPES] == CLOSED_CASE_EVENTS
        assert await verify(engine) == []
    finally:
        await engine.dispose()
