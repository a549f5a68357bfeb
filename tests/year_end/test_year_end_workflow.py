"""The year-end workflow on the time-skipping server: every town gets one as-reported snapshot and its four
documents; running it again (a re-run, a retried activity, a second firing the same day) adds nothing."""

from __future__ import annotations

import io
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta

import pytest_asyncio
from docx import Document
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment

from domain.deadlines.local_time import SHANGHAI
from infra.db.engine import create_engine
from infra.reference import demo_reference
from infra.report import ReportFormat
from infra.statistics.snapshots import SnapshotKind, load_snapshots
from infra.year_end import YearEndService, load_report
from tests.api.seeding import seed_case
from tests.year_end.support import seed_history, stored, year_end_worker
from workflows.year_end import FORMATS, YearEndInput, YearEndWorkflow, cut_off

TOWNS = sorted(demo_reference().towns)


@pytest_asyncio.fixture(loop_scope="session")
async def engine(sqlite_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(sqlite_url)
    try:
        yield engine
    finally:
        await engine.dispose()


async def test_a_run_snapshots_every_town_once_and_stores_its_documents_and_a_rerun_adds_nothing(
    time_skipping_env: WorkflowEnvironment, engine: AsyncEngine
) -> None:
    await seed_history(engine)
    client = time_skipping_env.client
    async with year_end_worker(client, engine) as queue:
        handle = await client.start_workflow(YearEndWorkflow.run, YearEndInput(), id=f"ye-{uuid.uuid4().hex}",
                                             task_queue=queue)
        first = await handle.result()
        second = await client.execute_workflow(YearEndWorkflow.run, YearEndInput(as_of=first.as_of),
                                               id=f"ye-{uuid.uuid4().hex}", task_queue=queue)

    started = (await handle.describe()).start_time
    assert first.as_of == second.as_of == cut_off(started).isoformat()
    assert [s.scope for s in first.snapshots] == TOWNS
    assert all(s.created and s.kind == "AS_REPORTED" for s in first.snapshots)
    assert [d.created for d in first.documents] == [len(FORMATS)] * len(TOWNS)
    assert not any(s.created for s in second.snapshots)
    assert [s.hash for s in second.snapshots] == [s.hash for s in first.snapshots]
    assert [d.created for d in second.documents] == [0] * len(TOWNS)

    found = await stored(engine)
    assert found.snapshots == {(town, "AS_REPORTED"): 1 for town in TOWNS}
    assert found.documents == {(town, f): 1 for town in TOWNS for f in FORMATS}


async def test_the_stored_docx_is_the_snapshot_s_report_and_opens_in_python_docx(
    time_skipping_env: WorkflowEnvironment, engine: AsyncEngine
) -> None:
    history = await seed_history(engine)
    as_of = history.filed_on
    client = time_skipping_env.client
    async with year_end_worker(client, engine) as queue:
        result = await client.execute_workflow(YearEndWorkflow.run, YearEndInput(as_of=as_of.isoformat(),
                                                                                 towns=["zhangjiawo"]),
                                               id=f"ye-{uuid.uuid4().hex}", task_queue=queue)
    assert result.as_of == as_of.isoformat()
    [snapshot] = await load_snapshots(engine, scope="zhangjiawo", year=as_of.year)
    assert snapshot.hash == result.snapshots[0].hash
    assert snapshot.figures.as_of == as_of and snapshot.figures.high_water_mark > 0
    assert snapshot.figures.value("cases_filed") == 1  # dasi's case is not zhangjiawo's
    report = await load_report(engine, scope="zhangjiawo", year=as_of.year, as_of=as_of,
                               report_format=ReportFormat.DOCX)
    assert report is not None
    assert report.snapshot_hash == snapshot.hash and report.snapshot_kind == "AS_REPORTED"
    text = "\n".join(p.text for p in Document(io.BytesIO(report.content)).paragraphs)
    assert f"张家窝镇{as_of.year}年度行政执法工作报告" in text


async def test_a_restatement_is_added_and_the_as_reported_snapshot_and_documents_stay(engine: AsyncEngine) -> None:
    history = await seed_history(engine)
    service = YearEndService(engine, demo_reference())
    as_of = history.filed_on
    reported = await service.as_reported("zhangjiawo", as_of.year, as_of)
    await service.store_documents("zhangjiawo", as_of.year, as_of, reported.hash, ["json"])
    # Filed on the same day, entered later (a case the as-reported figures missed).
    await seed_case(history.store, "zhangjiawo", "王丙", base=datetime.combine(as_of, time(9), SHANGHAI)
                    - timedelta(days=1))
    restated = await service.restate("zhangjiawo", as_of.year, as_of)
    again = await service.as_reported("zhangjiawo", as_of.year, as_of)
    await service.store_documents("zhangjiawo", as_of.year, as_of, restated.hash, ["json"])

    snapshots = await load_snapshots(engine, scope="zhangjiawo", year=as_of.year)
    assert [(s.kind, s.figures.value("cases_filed")) for s in snapshots] == [
        (SnapshotKind.AS_REPORTED, 1), (SnapshotKind.RESTATED, 2)]
    assert again.hash == reported.hash and not again.created
    latest = await load_report(engine, scope="zhangjiawo", year=as_of.year, as_of=as_of,
                               report_format=ReportFormat.JSON)
    assert latest is not None and latest.snapshot_kind == "RESTATED" and latest.snapshot_hash == restated.hash
    assert (await stored(engine)).documents == {("zhangjiawo", "json"): 2}


def test_the_cut_off_is_the_firing_s_date_in_shanghai() -> None:
    assert cut_off(datetime(2026, 11, 30, 18, 0, tzinfo=UTC)) == date(2026, 12, 1)  # 02:00 on 1 December, +08:00
    assert cut_off(datetime(2026, 11, 30, 15, 59, tzinfo=UTC)) == date(2026, 11, 30)
