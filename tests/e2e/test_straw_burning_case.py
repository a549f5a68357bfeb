"""Acceptance: a 露天焚烧秸秆 case from inspection to archive on the real Temporal dev server and the real
databases (SQLite and PostgreSQL); the audit trail verifies, and one changed byte is found and named."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime

import pytest
from temporalio.testing import WorkflowEnvironment

from domain.deadlines.clock_events import CLOCK_EVENTS
from infra.eventstore import verify
from infra.projections import queries
from tests.e2e import straw_burning as scenario
from tests.e2e.conftest import system
from tests.e2e.tampering import replace_in_payload

CLOCK_TYPES = {cls.type_name() for cls in CLOCK_EVENTS}


def zhifa(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZHIFA_DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "zhifa", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


async def test_a_straw_burning_case_runs_from_inspection_to_archive_and_its_audit_trail_holds(
    dev_server: WorkflowEnvironment, db_url: str
) -> None:
    async with system(dev_server, db_url) as s:
        inspection_id = f"inspection:zjw:{uuid.uuid4().hex[:12]}"
        base = scenario.scenario_base(datetime.now(UTC))
        case_id = await scenario.run_case(s.streams, inspection_id, base)

        head = await s.streams.head(case_id)
        assert head["status"] == "ARCHIVED"
        stored = await s.store.load_stream(case_id)
        assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
        assert [e.event_type for e in stored if e.event_type not in CLOCK_TYPES] == scenario.EXPECTED_CASE_EVENTS
        assert "DeadlineBreached" not in {e.event_type for e in stored}
        decided = next(e for e in stored if e.event_type == "DecisionMade")
        assert (decided.fine_amount_fen, decided.violation_type, decided.procedure) == (
            scenario.FINE, "OPEN_STRAW_BURNING", "GENERAL")
        assert stored[0].payload["source_ref"] == f"{inspection_id}/1"

        summary = await queries.get_case_summary(s.engine, case_id)
        assert summary is not None
        assert (summary.status, summary.case_no, summary.fine_amount_fen) == (
            "ARCHIVED", "津西青张综执立〔2026〕31号", scenario.FINE)

        assert await verify(s.engine) == []
        ok = await asyncio.to_thread(zhifa, "audit", "verify", database_url=db_url)
        assert ok.returncode == 0, ok.stdout + ok.stderr

        issued = next(e for e in stored if e.event_type == "DecisionDocumentIssued")
        await replace_in_payload(db_url, case_id, issued.seq, "〔2026〕31号", "〔2026〕32号")  # one byte: 1 → 2
        breaks = await verify(s.engine)
        assert [(b.stream_id, b.seq) for b in breaks] == [(case_id, issued.seq)]
        bad = await asyncio.to_thread(zhifa, "audit", "verify", database_url=db_url)
        assert bad.returncode == 1
        assert f"{case_id}#{issued.seq}" in bad.stdout


@pytest.mark.postgres
async def test_cases_can_be_found_by_town_and_status_in_temporal_visibility(
    dev_server: WorkflowEnvironment, pg_fresh_url: str
) -> None:
    async with system(dev_server, pg_fresh_url) as s:
        inspection_id = f"inspection:zjw:{uuid.uuid4().hex[:12]}"
        case_id = await scenario.run_case(s.streams, inspection_id, scenario.scenario_base(datetime.now(UTC)))
        query = "ZhifaTown = 'zhangjiawo' AND ZhifaStatus = 'ARCHIVED' AND ZhifaViolationType = 'OPEN_STRAW_BURNING'"
        found: list[str] = []
        for _ in range(50):
            found = [w.id async for w in s.client.list_workflows(query)]
            if case_id in found:
                break
            await asyncio.sleep(0.2)
        assert case_id in found
