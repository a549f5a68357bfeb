"""The daily upload of inspections on the time-skipping server, the real event store (SQLite and PostgreSQL) and
the reference platform over real HTTP: each inspection of the day is uploaded once, with its receipt on record,
however often the day runs and whatever the network loses."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from temporalio.testing import WorkflowEnvironment

from domain.deadlines.local_time import local_date
from infra.supervision import FaultConfig, PlatformUnavailable, SupervisionClient
from infra.supervision.client import InspectionReceipt
from tests.disclosure.platform import RunningPlatform, running_platform
from tests.platform.inspections import at, new_id, nothing_found, record, with_citizen_finding
from tests.platform.support import PlatformSystem, platform_system
from workflows.platform_upload import DailyUploadInput, DailyUploadResult, PlatformDailyUpload


def stored_payloads(platform: RunningPlatform) -> dict[str, dict[str, Any]]:
    with platform.storage.transaction() as conn:
        rows = conn.execute("SELECT inspection_id, payload FROM inspections").fetchall()
    return {str(iid): json.loads(payload) for iid, payload in rows}


async def upload(system: PlatformSystem, day: str, *, batch_size: int = 50) -> DailyUploadResult:
    result: DailyUploadResult = await system.client.execute_workflow(
        PlatformDailyUpload.run, DailyUploadInput(day=day, batch_size=batch_size), id=f"upload-{uuid.uuid4().hex}",
        task_queue=system.task_queue)
    return result


async def test_the_days_inspections_are_uploaded_once_in_batches_with_a_receipt_each(
    time_skipping_env: WorkflowEnvironment, db_url: str
) -> None:
    env = time_skipping_env
    async with running_platform() as platform:
        client = platform.client()
        try:
            async with platform_system(env.client, db_url, client, clock=env.get_current_time) as system:
                today = local_date(await env.get_current_time())
                day = today - timedelta(days=1)
                yesterday = [await record(system.streams, nothing_found(new_id(), at(day, 9))),
                             await record(system.streams, with_citizen_finding(new_id(), at(day, 15))),
                             await record(system.streams, nothing_found(new_id(), at(day, 23)))]
                await record(system.streams, nothing_found(new_id(), await env.get_current_time()))  # today

                first = await upload(system, day.isoformat(), batch_size=2)
                assert (first.day, first.pending, first.uploaded, len(first.batches)) == (day.isoformat(), 3, 3, 2)
                receipts = await system.feed.receipts(day=day)
                assert sorted(stream for stream, _ in receipts) == sorted(yesterday)
                on_platform = {iid: rid for rid, iid, _ in platform.storage.inspections()}
                assert sorted(on_platform) == sorted(yesterday)  # today's waits for tomorrow
                assert {stream: rid for (stream, _), rid in receipts.items()} == on_platform

                again = await upload(system, day.isoformat(), batch_size=2)
                assert (again.pending, again.uploaded, again.batches) == (0, 0, [])
                assert len(platform.storage.inspections()) == 3
                assert await system.feed.receipts(day=day) == receipts
        finally:
            await client.aclose()


async def test_the_uploaded_record_masks_the_citizens_personal_data(
    time_skipping_env: WorkflowEnvironment, sqlite_url: str
) -> None:
    env = time_skipping_env
    async with running_platform() as platform:
        client = platform.client()
        try:
            async with platform_system(env.client, sqlite_url, client, clock=env.get_current_time) as system:
                day = local_date(await env.get_current_time()) - timedelta(days=1)
                iid = await record(system.streams, with_citizen_finding(new_id(), at(day, 10)))
                await upload(system, day.isoformat())
                stored = stored_payloads(platform)[iid]
        finally:
            await client.aclose()
    text = json.dumps(stored, ensure_ascii=False)
    for secret in ("王建国", "120111198507153216", "13812345678", "12号3门201室", "李红梅"):
        assert secret not in text
    party = stored["findings"][0]["party"]
    assert (party["name"], party["id_number"], party["address"]) == \
        ("王某", "120111************", "天津市西青区张家窝镇***")
    assert stored["inspection_id"] == iid and stored["town"] == "zhangjiawo"
    assert stored["schema"] == "zhifa.inspection/1" and stored["inspected_on"] == day.isoformat()


class LosesFirstResponses:
    """The platform stores each of the first `lost` batches, but the response never reaches the worker."""

    def __init__(self, client: SupervisionClient, lost: int) -> None:
        self._client = client
        self.lost = lost
        self.calls = 0

    async def submit_inspections(self, idempotency_key: str, batch_id: str,
                                 records: Sequence[Mapping[str, Any]]) -> list[InspectionReceipt]:
        self.calls += 1
        receipts = await self._client.submit_inspections(idempotency_key, batch_id, records)
        if self.lost > 0:
            self.lost -= 1
            raise PlatformUnavailable("ReadTimeout: the response was lost")
        return receipts

    async def warnings(self, after: int = 0, town: str | None = None) -> Any:
        return await self._client.warnings(after, town)


async def test_a_batch_retried_after_a_lost_response_is_stored_once(
    time_skipping_env: WorkflowEnvironment, sqlite_url: str
) -> None:
    env = time_skipping_env
    async with running_platform() as platform:
        client = platform.client()
        flaky = LosesFirstResponses(client, lost=2)
        try:
            async with platform_system(env.client, sqlite_url, flaky, clock=env.get_current_time) as system:
                day = local_date(await env.get_current_time()) - timedelta(days=1)
                ids = [await record(system.streams, nothing_found(new_id(), at(day, h))) for h in (8, 9, 10)]
                result = await upload(system, day.isoformat(), batch_size=3)
                assert (result.uploaded, flaky.calls) == (3, 3)  # the batch, sent three times
                stored = [iid for _, iid, _ in platform.storage.inspections()]
                assert sorted(stored) == sorted(ids)
                assert len(await system.feed.receipts(day=day)) == 3
        finally:
            await client.aclose()


async def test_without_platform_deduplication_a_retry_sends_only_what_is_missing(
    time_skipping_env: WorkflowEnvironment, sqlite_url: str
) -> None:
    env = time_skipping_env
    async with running_platform(FaultConfig(deduplicate=False)) as platform:
        client = platform.client()
        flaky = LosesFirstResponses(client, lost=1)
        try:
            async with platform_system(env.client, sqlite_url, flaky, clock=env.get_current_time) as system:
                day = local_date(await env.get_current_time()) - timedelta(days=1)
                ids = [await record(system.streams, nothing_found(new_id(), at(day, h))) for h in (8, 9)]
                await upload(system, day.isoformat())
                await upload(system, day.isoformat())
                assert sorted(iid for _, iid, _ in platform.storage.inspections()) == sorted(ids)
        finally:
            await client.aclose()
