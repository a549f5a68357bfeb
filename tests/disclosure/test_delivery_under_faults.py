"""Exactly-once effective delivery: 300 decisions disclosed through the delivery activity while the reference
platform, served over real HTTP, is down with a mix of 500s, hangs longer than the client's timeout, commits
followed by a hang and commits followed by a 504 — with and without the platform's deduplication.

The outage lasts 60 s × `ZHIFA_OUTAGE_SCALE` (default 0.1, i.e. 6 s, to keep the suite fast; set it to 1 for the
full minute). The client waits 1 s, a hang lasts 2.5 s; deliveries retry like the workflow's retry policy, scaled
down (0.1 s doubling to 1 s), 20 at a time (the worker's activity slots).
"""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from domain.disclosure.content import idempotency_key, publication, publication_body
from infra.supervision import FaultConfig
from infra.supervision.faults import OUTAGE_MIX, Fault
from tests.disclosure.generated import decisions
from tests.disclosure.platform import Attempts, running_platform, with_retries
from workflows.disclosure_activities import DeliveryReceipt, DisclosureActivities, PublishRequest

OUTAGE_SECONDS = 60 * float(os.environ.get("ZHIFA_OUTAGE_SCALE", "0.1"))
DECISIONS = decisions(300, seed=4)


def requests() -> list[PublishRequest]:
    """Each request exactly as the disclosure workflow builds it from its state."""
    built = []
    for generated in DECISIONS:
        content = generated.content
        built.append(PublishRequest(
            disclosure_id=f"disclosure:{content.case_id}:{content.version}",
            idempotency_key=idempotency_key(content.case_id, content.version),
            decision_no=content.decision_no, body=publication_body(publication(content)).decode("utf-8")))
    return built


async def deliver_all_through_an_outage(deduplicate: bool) -> None:
    config = FaultConfig(deduplicate=deduplicate, hang_seconds=2.5, seed=7)
    async with running_platform(config) as platform:
        client = platform.client(timeout=1.0)
        activities, attempts, slots = DisclosureActivities(client), Attempts(), asyncio.Semaphore(20)

        async def deliver(request: PublishRequest) -> DeliveryReceipt:
            async with slots:
                return await with_retries(lambda: activities.publish(request), attempts)

        try:
            platform.faults.start_outage(OUTAGE_SECONDS)
            started = time.monotonic()
            receipts = await asyncio.gather(*(deliver(r) for r in requests()))
            elapsed = time.monotonic() - started
        finally:
            await client.aclose()

        stored = platform.storage.disclosures()
        assert len(stored) == 300
        assert len({r.client_ref for r in stored}) == len({r.decision_no for r in stored}) == 300
        assert attempts.final_errors == 0  # not one 422 (nor any other refusal)
        by_ref = {r.client_ref: r.record_id for r in stored}
        assert [r.receipt_id for r in receipts] == [by_ref[q.idempotency_key] for q in requests()]
        for record, request in zip(sorted(stored, key=lambda r: r.decision_no), sorted(
                requests(), key=lambda q: q.decision_no), strict=True):
            assert platform.storage.disclosure_payload(record.record_id) == request.body.encode("utf-8")
        # The outage was real and mixed: every kind of fault was met, and the deliveries waited it out.
        assert all(platform.faults.counts[f] > 0 for f in OUTAGE_MIX), platform.faults.counts
        assert platform.faults.counts[Fault.COMMIT_THEN_504] + platform.faults.counts[Fault.COMMIT_THEN_HANG] > 0
        assert attempts.failed > 0 and elapsed >= OUTAGE_SECONDS


@pytest.mark.timeout(240)
async def test_300_decisions_published_through_an_outage_leave_exactly_300_records() -> None:
    await deliver_all_through_an_outage(deduplicate=True)


@pytest.mark.timeout(240)
async def test_without_platform_deduplication_the_client_query_still_leaves_exactly_300_records() -> None:
    await deliver_all_through_an_outage(deduplicate=False)


async def test_a_client_that_trusts_a_non_deduplicating_platform_stores_duplicates() -> None:
    """The control: the same outage against the no-deduplication mode, with a client that does not query before
    retrying, leaves more records than decisions — the faults do lose responses after committing."""
    config = FaultConfig(deduplicate=False, hang_seconds=2.5, seed=11, outage_mix=(Fault.COMMIT_THEN_504,))
    async with running_platform(config) as platform:
        naive = platform.client(timeout=1.0)
        naive.deduplicates = True  # wrongly believes the platform deduplicates
        activities, attempts = DisclosureActivities(naive), Attempts()
        try:
            platform.faults.start_outage(0.5)
            await asyncio.gather(*(with_retries(lambda r=r: activities.publish(r), attempts)
                                   for r in requests()[:20]))
        finally:
            await naive.aclose()
        assert len(platform.storage.disclosures()) > 20
