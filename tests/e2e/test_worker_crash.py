"""Acceptance: the worker is killed (SIGKILL) in the middle of a case and restarted; the case completes with no
event lost and none duplicated."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from domain.deadlines.clock_events import CLOCK_EVENTS
from infra.eventstore import verify
from tests.e2e import straw_burning as scenario
from tests.e2e.conftest import system
from tests.e2e.worker_process import WorkerProcess

CLOCK_TYPES = {cls.type_name() for cls in CLOCK_EVENTS}
KILL_BEFORE_STEP = {2: 0.0, 8: 0.05, 12: 0.2}  # step index → seconds after the step is sent


@pytest.mark.postgres
async def test_a_worker_killed_mid_case_loses_nothing_and_duplicates_nothing(
    dev_server: WorkflowEnvironment, pg_fresh_url: str, tmp_path: Path
) -> None:
    async with system(dev_server, pg_fresh_url, in_process_worker=False) as s:
        worker = WorkerProcess(temporal_address=dev_server.client.service_client.config.target_host,
                               database_url=pg_fresh_url, task_queue=s.task_queue, data_dir=tmp_path)
        worker.start()
        crashes: list[asyncio.Task[None]] = []

        async def crash_and_restart(delay: float) -> None:
            await asyncio.sleep(delay)
            worker.kill()
            worker.start()

        async def between(step: int) -> None:
            if step in KILL_BEFORE_STEP:
                crashes.append(asyncio.create_task(crash_and_restart(KILL_BEFORE_STEP[step])))

        try:
            inspection_id = f"inspection:zjw:{uuid.uuid4().hex[:12]}"
            case_id = await asyncio.wait_for(
                scenario.run_case(s.streams, inspection_id, scenario.scenario_base(datetime.now(UTC)),
                                  between=between), timeout=240)
            await asyncio.gather(*crashes)
            head = await s.streams.head(case_id)
        finally:
            worker.stop()
        assert worker.kills == len(KILL_BEFORE_STEP), worker.log()

        stored = await s.store.load_stream(case_id)
        assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
        assert [e.event_type for e in stored if e.event_type not in CLOCK_TYPES] == scenario.EXPECTED_CASE_EVENTS
        assert head["seq"] == len(stored)
        assert head["status"] == "ARCHIVED"
        inspection = await s.store.load_stream(inspection_id)
        assert [e.event_type for e in inspection] == ["InspectionCompleted"]
        assert await verify(s.engine) == []
