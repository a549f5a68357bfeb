"""The reference platform's contract, over real HTTP, and the client's typed errors."""

from __future__ import annotations

import json

import pytest

from domain.disclosure.content import (
    WITHDRAWAL_SCHEMA,
    WithdrawalNotice,
    publication,
    publication_body,
    withdrawal_body,
)
from infra.supervision import FaultConfig, PlatformRejected, PlatformUnavailable, SupervisionClient
from tests.disclosure.generated import decisions
from tests.disclosure.platform import running_platform
from tests.runtime.ports import free_port

PUBLISHED = [publication(d.content) for d in decisions(3, seed=99)]
BODIES = [publication_body(p) for p in PUBLISHED]


async def test_the_same_key_and_payload_returns_the_original_receipt() -> None:
    async with running_platform() as platform:
        client = platform.client()
        try:
            first = await client.publish(PUBLISHED[0].client_ref, PUBLISHED[0].decision_no, BODIES[0])
            again = await client.publish(PUBLISHED[0].client_ref, PUBLISHED[0].decision_no, BODIES[0])
        finally:
            await client.aclose()
        assert (again.record_id, again.accepted_at, again.replayed) == (first.record_id, first.accepted_at, True)
        assert not first.replayed and len(platform.storage.disclosures()) == 1


async def test_the_same_key_with_a_different_payload_is_refused_with_422() -> None:
    async with running_platform() as platform:
        client = platform.client()
        try:
            await client.publish(PUBLISHED[0].client_ref, PUBLISHED[0].decision_no, BODIES[0])
            with pytest.raises(PlatformRejected) as refused:
                await client.publish(PUBLISHED[0].client_ref, PUBLISHED[1].decision_no, BODIES[1])
        finally:
            await client.aclose()
        assert (refused.value.status, refused.value.code) == (422, "IDEMPOTENCY_KEY_REUSED")
        assert len(platform.storage.disclosures()) == 1


async def test_a_body_missing_the_decision_number_is_refused_for_good() -> None:
    async with running_platform() as platform:
        client = platform.client()
        body = json.dumps({"client_ref": "k", "town": "zhangjiawo"}).encode()
        try:
            with pytest.raises(PlatformRejected) as refused:
                await client.publish("k", "", body)
        finally:
            await client.aclose()
        assert (refused.value.status, refused.value.code) == (422, "INVALID_PAYLOAD")


async def test_server_errors_and_timeouts_are_retryable_and_an_unreachable_platform_too() -> None:
    async with running_platform(FaultConfig(error_rate=1.0)) as failing:
        client = failing.client()
        try:
            with pytest.raises(PlatformUnavailable, match="500"):
                await client.publish(PUBLISHED[0].client_ref, PUBLISHED[0].decision_no, BODIES[0])
        finally:
            await client.aclose()
    async with running_platform(FaultConfig(hang_rate=1.0, hang_seconds=1.0)) as hanging:
        client = hanging.client(timeout=0.2)
        try:
            with pytest.raises(PlatformUnavailable, match="Timeout"):
                await client.publish(PUBLISHED[0].client_ref, PUBLISHED[0].decision_no, BODIES[0])
        finally:
            await client.aclose()
        assert hanging.storage.disclosures() == []
    nowhere = SupervisionClient(f"http://127.0.0.1:{free_port()}", timeout=0.5)
    try:
        with pytest.raises(PlatformUnavailable, match="ConnectError"):
            await nowhere.publish(PUBLISHED[0].client_ref, PUBLISHED[0].decision_no, BODIES[0])
    finally:
        await nowhere.aclose()


async def test_a_withdrawal_marks_the_record_and_repeating_it_returns_the_first_withdrawal() -> None:
    async with running_platform() as platform:
        client = platform.client()
        notice = withdrawal_body(WithdrawalNotice(WITHDRAWAL_SCHEMA, PUBLISHED[0].client_ref, PUBLISHED[0].decision_no,
                                                  PUBLISHED[0].decision_version, "RECONSIDERATION:REVOKED"))
        try:
            published = await client.publish(PUBLISHED[0].client_ref, PUBLISHED[0].decision_no, BODIES[0])
            first = await client.withdraw("withdraw-key", notice)
            again = await client.withdraw("withdraw-key", notice)
            with pytest.raises(PlatformRejected) as missing:
                await client.withdraw("other", withdrawal_body(WithdrawalNotice(
                    WITHDRAWAL_SCHEMA, PUBLISHED[1].client_ref, PUBLISHED[1].decision_no, "v", "REVOKED")))
        finally:
            await client.aclose()
        [record] = platform.storage.disclosures(decision_no=PUBLISHED[0].decision_no)
        assert record.record_id == published.record_id and record.withdrawn_at == first.accepted_at
        assert again.record_id == first.record_id == record.withdrawal_id
        assert (missing.value.status, missing.value.code) == (404, "NOT_FOUND")


@pytest.mark.parametrize("deduplicate", [True, False])
async def test_an_inspection_batch_gets_one_receipt_per_record_and_a_retry_adds_nothing(deduplicate: bool) -> None:
    records = [{"inspection_id": f"inspection:{i}", "town": "zhangjiawo", "place": "学府路"} for i in range(5)]
    async with running_platform(FaultConfig(deduplicate=deduplicate)) as platform:
        client = platform.client()
        try:
            first = await client.submit_inspections("batch-key", "2026-11-23#1", records)
            again = await client.submit_inspections("batch-key", "2026-11-23#1", records)
        finally:
            await client.aclose()
        assert [r.inspection_id for r in first] == [r["inspection_id"] for r in records]
        assert first == again and len({r.record_id for r in first}) == 5
        assert len(platform.storage.inspections()) == 5


async def test_warnings_are_listed_after_a_sequence_number() -> None:
    async with running_platform() as platform:
        with platform.storage.transaction() as conn:
            for case in ("case:1", "case:2"):
                platform.storage.raise_warning(conn, town="zhangjiawo", case_id=case, decision_no="", category="LATE",
                                               message="超期", raised_at="2026-11-23T00:00:00+00:00")
        client = platform.client()
        try:
            every = await client.warnings()
            later = await client.warnings(after=every[0].seq)
        finally:
            await client.aclose()
        assert [w.case_id for w in every] == ["case:1", "case:2"] and [w.case_id for w in later] == ["case:2"]
