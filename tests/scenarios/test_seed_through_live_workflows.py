"""杨柳青镇 2023 reproduced with its year's cases driven through the live workflows: every step of every 2023 case
of the scenario file (simple, general and inspection) is sent through the `StreamClient` facade to the stream
workflows on the real Temporal dev server, whose worker appends to PostgreSQL; the prior year's cases come from
the bulk import and the ledger entries from the ledger service, as in the other seed scenarios. The statistics
then equal every figure the report states."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from temporalio.testing import WorkflowEnvironment

from domain.reference import ReferenceData
from domain.task_routing import next_steps_for
from infra.bulk_import import import_cases
from infra.calendar import load_work_calendar
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.ledgers import record_entries
from infra.projections import Projector
from infra.reference import load_profiles, load_reference
from tests.scenarios import scenario as sc
from tests.scenarios.ledger_entries import expand_entries
from tests.scenarios.templates import expand_cases
from tests.scenarios.test_seed_reports import _check
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.client import StreamClient
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.stream_workflows import SPECS, WORKFLOWS
from workflows.worker import create_worker
from zhifa.context import ReferenceContextSource

NAME = "yangliuqing-2023"
AT_ONCE = 16  # cases driven concurrently
ID_FIELDS = ("case_id", "inspection_id")
Case = dict[str, Any]


@asynccontextmanager
async def live(env: WorkflowEnvironment, store: EventStore, reference: ReferenceData, directory: Path,
               as_of: datetime) -> AsyncIterator[StreamClient]:
    """A worker over the real event store and the facade, deciding with the scenario's reference data, its rule
    profiles and the calendar of the years around the report's (its `today` is the report's day)."""
    queue = f"seed-{uuid.uuid4().hex}"
    contexts = ReferenceContextSource(reference, load_work_calendar(), load_profiles(directory), today=lambda: as_of)
    streams = StreamClient(env.client, task_queue=queue, context_source=contexts, workflows=WORKFLOWS, specs=SPECS)
    worker = create_worker(env.client, task_queue=queue, activities=StreamActivities(store),
                           workflows=list(WORKFLOWS.values()),
                           follow_ups=FollowUpActivities(FollowUpRouter(streams, SPECS)))
    async with worker:
        yield streams


async def drive(streams: StreamClient, town: str, case: Case) -> str:
    """The case's steps in order: the first starts its stream, the others are steps of it; "$proposal_hash" is
    the hash the workflow's state holds (what the reviewer and the collective discussion saw)."""
    kind = case["kind"]
    spec = SPECS[kind]
    first, *rest = case["steps"]
    stream_id = next(str(first[f]) for f in ID_FIELDS if f in first)
    await streams.start(kind, stream_id, town, spec.decode_command(first["command"], _fields(first)),
                        request_id=f"{stream_id}:1")
    for number, raw in enumerate(rest, start=2):
        fields = _fields(raw)
        if "$proposal_hash" in fields.values():
            state = await streams.state(stream_id)
            fields = {k: state["assessment"]["proposal_hash"] if v == "$proposal_hash" else v
                      for k, v in fields.items()}
        await streams.step(stream_id, spec.decode_command(raw["command"], fields),
                           request_id=f"{stream_id}:{number}")
    return stream_id


def _fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in raw.items() if key != "command"}


def _year_of(case: Case) -> int:
    return int(str(case["steps"][0]["occurred_at"])[:4])


async def test_yangliuqing_2023_cases_entered_through_the_live_workflows_give_the_reports_figures(
        dev_server: WorkflowEnvironment, pg_fresh_url: str, tmp_path: Path) -> None:
    scenario = sc.load(NAME)
    year, town = int(scenario["year"]), str(scenario["town"])
    directory = sc.reference_directory(scenario, tmp_path)
    reference = load_reference(directory)
    as_of = datetime.fromisoformat(f"{scenario['as_of']}T18:00:00+08:00").astimezone(UTC)
    cases = list(expand_cases(scenario))
    earlier = [c for c in cases if _year_of(c) < year]
    this_year = [c for c in cases if _year_of(c) == year]
    assert len(earlier) + len(this_year) == len(cases)
    assert sorted({c["kind"] for c in this_year}) == ["GENERAL_CASE", "INSPECTION", "SIMPLE_CASE"]

    engine = create_engine(pg_fresh_url)
    try:
        store = EventStore(engine, Projector(next_steps_for))
        await import_cases(store, {"format": "zhifa.bulk-import/1", "cases": earlier}, reference=reference,
                           profiles=load_profiles(directory), calendar=load_work_calendar())
        async with live(dev_server, store, reference, directory, as_of) as streams:
            gate = asyncio.Semaphore(AT_ONCE)

            async def one(case: Case) -> str:
                async with gate:
                    return await drive(streams, town, case)

            driven = await asyncio.gather(*(one(c) for c in this_year))
        await record_entries(store, list(expand_entries(scenario)), reference=reference,
                             calendar=load_work_calendar())

        for stream_id in driven:  # recorded by the workflows now (late entry), not replayed by the bulk import
            stored = await store.load_stream(stream_id)
            assert stored and all(e.recorded_at > as_of for e in stored), stream_id
        wrong: list[str] = []
        for scope, expected in scenario["expected"].items():
            figures = await sc.figures(engine, scenario, scope, reference)
            wrong += _check(figures, expected, scope)
            behind = {e.rsplit("#", 1)[0] for e in figures.figures["penalty_cases_total"].event_ids}
            assert behind <= set(driven) and len(behind) == expected["penalty_cases_total"]  # the live cases
        assert not wrong, "\n".join(wrong)
    finally:
        await engine.dispose()
