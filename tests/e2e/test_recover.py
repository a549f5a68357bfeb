"""Disaster recovery: three straw-burning cases stop mid-way (filed; prior notice served; decision served, its
disclosure opened), the Temporal dev server is stopped and its store deleted, a fresh one starts on the same port,
and `recover` restarts every open stream from the event log. The same clocks run again, recovering twice changes
nothing, and the cases continue to their archive with gapless chains, no event twice, every chain verifying."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.disclosure.views import STREAM_KIND as DISCLOSURE_KIND
from infra.db.models import deadlines
from infra.eventstore import verify
from infra.eventstore.streams import EventLogStreams
from tests.e2e import straw_burning as scenario
from tests.e2e.conftest import System, system_on
from tests.e2e.temporal_process import Temporal
from workflows.recovery import recover
from workflows.stream_workflows import SPECS

pytestmark = pytest.mark.temporal
STOP_BEFORE = (2, 10, 15)  # case step index: after filing; after the prior notice; after service of the decision
CLOCK_TYPES = {cls.type_name() for cls in CLOCK_EVENTS}


class Paused(Exception):
    """Raised before a case's step to leave the case where it is."""


async def _drive_until(s: System, inspection_id: str, base: datetime, stop: int) -> None:
    async def between(step: int) -> None:
        if step == stop:
            raise Paused

    with pytest.raises(Paused):
        await scenario.run_case(s.streams, inspection_id, base, between=between)


async def _clocks(s: System, case_id: str) -> tuple[Any, ...]:
    """The case's clocks as the workflow holds them, its chain head, and the read model's deadlines."""
    handle = s.client.get_workflow_handle(case_id)
    async with s.engine.connect() as conn:
        rows = (await conn.execute(select(deadlines).where(deadlines.c.stream_id == case_id)
                                   .order_by(*deadlines.primary_key.columns))).mappings().all()
    head = await s.streams.head(case_id)
    clocks = sorted(await handle.query("deadlines"), key=lambda clock: str(clock["key"]))
    return clocks, (head["seq"], head["hash"], head["status"]), [dict(r) for r in rows]


async def _stream_ids(s: System, stream_kind: str) -> set[str]:
    return {stream[0].stream_id async for stream in EventLogStreams(s.engine).streams(stream_kind, None, None)}


async def test_open_streams_are_restarted_from_the_event_log_after_temporal_loses_its_store(
    tmp_path: Path, sqlite_url: str
) -> None:
    temporal, queue = Temporal(tmp_path), f"recover-{uuid.uuid4().hex[:8]}"
    base = scenario.scenario_base(datetime.now(UTC))
    inspections = [f"inspection:zjw:{uuid.uuid4().hex[:12]}" for _ in STOP_BEFORE]
    cases = [f"case:{inspection_id}/1" for inspection_id in inspections]
    try:
        async with system_on(await temporal.start(), sqlite_url, task_queue=queue) as s:
            for inspection_id, stop in zip(inspections, STOP_BEFORE, strict=True):
                await _drive_until(s, inspection_id, base, stop)
            before = {case_id: await _clocks(s, case_id) for case_id in cases}
            disclosures = await _stream_ids(s, DISCLOSURE_KIND)
        assert len(disclosures) == 1  # the served decision's

        temporal.stop()
        temporal.lose_persistence()
        client = await temporal.start()
        async with system_on(client, sqlite_url, task_queue=queue) as s:
            assert not await s.streams.exists(cases[0])  # nothing survived in Temporal

            first = await recover(EventLogStreams(s.engine), s.streams, SPECS)
            again = await recover(EventLogStreams(s.engine), s.streams, SPECS)

            assert sorted(first.restarted) == sorted([*cases, *disclosures])
            assert first.finished == len(inspections)  # completed, their cases opened: nothing to run
            assert (again.restarted, sorted(again.running)) == ([], sorted(first.restarted))
            assert {case_id: await _clocks(s, case_id) for case_id in cases} == before

            for inspection_id, stop in zip(inspections, STOP_BEFORE, strict=True):
                await scenario.run_case(s.streams, inspection_id, base, first_step=stop)
            published = await _stream_ids(s, DISCLOSURE_KIND)
            assert disclosures < published and len(published) == len(cases)  # one per served decision
            for disclosure in published:
                types = [e.event_type for e in await s.store.load_stream(disclosure)]
                assert types.count(types[0]) == 1, types  # opened once, also the one opened before the loss
            for case_id in cases:
                stored = await s.store.load_stream(case_id)
                assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
                assert [e.event_type for e in stored if e.event_type not in CLOCK_TYPES] == \
                    scenario.EXPECTED_CASE_EVENTS
                assert (await s.streams.head(case_id))["status"] == "ARCHIVED"
            assert await verify(s.engine) == []
    finally:
        temporal.stop()
