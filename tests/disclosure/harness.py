"""Disclosure streams on the time-skipping server: the real workflows and follow-up routing, an in-memory event
store and an in-memory platform whose availability the test switches."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime

from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.deadlines.calendar import WorkCalendar
from infra.calendar import load_work_calendar
from infra.reference import demo_profiles, demo_reference
from infra.supervision import PlatformRejected, PlatformUnavailable
from infra.supervision.client import PlatformReceipt
from tests.workflows.memory_store import MemoryStore
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.client import StreamClient
from workflows.disclosure_activities import DisclosureActivities
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.stream_workflows import SPECS, WORKFLOWS
from workflows.worker import create_worker
from zhifa.context import ReferenceContextSource


@dataclass
class FakePlatform:
    """`mode`: "up", "down" (retryable failures) or "refusing" (a final 422)."""

    mode: str = "up"
    published: dict[str, bytes] = field(default_factory=dict)
    withdrawn: dict[str, bytes] = field(default_factory=dict)
    attempts: int = 0

    def _check(self) -> None:
        self.attempts += 1
        if self.mode == "down":
            raise PlatformUnavailable("503 UNAVAILABLE: down (test)")
        if self.mode == "refusing":
            raise PlatformRejected(422, "INVALID_PAYLOAD", "refused (test)")

    async def publish(self, idempotency_key: str, decision_no: str, body: bytes) -> PlatformReceipt:
        self._check()
        replayed = idempotency_key in self.published
        self.published.setdefault(idempotency_key, body)
        return PlatformReceipt(f"GS-{idempotency_key[:8]}", "2026-01-01T00:00:00+00:00", replayed)

    async def withdraw(self, idempotency_key: str, body: bytes) -> PlatformReceipt:
        self._check()
        self.withdrawn.setdefault(idempotency_key, body)
        return PlatformReceipt(f"CH-{idempotency_key[:8]}", "2026-01-01T00:00:00+00:00")


@dataclass
class Harness:
    env: WorkflowEnvironment
    client: StreamClient
    store: MemoryStore
    platform: FakePlatform
    worker: Worker

    def events(self, stream_id: str) -> list[tuple[str, dict[str, object]]]:
        return [(e.event_type, dict(e.payload)) for e in self.store.streams.get(stream_id, [])]

    async def now(self) -> datetime:
        return await self.env.get_current_time()


@asynccontextmanager
async def disclosure_harness(env: WorkflowEnvironment, *, calendar: WorkCalendar | None = None
                             ) -> AsyncIterator[Harness]:
    store, queue, platform = MemoryStore(), f"q-{uuid.uuid4().hex}", FakePlatform()
    contexts = ReferenceContextSource(demo_reference(), calendar or load_work_calendar(), demo_profiles())
    client = StreamClient(env.client, task_queue=queue, context_source=contexts, workflows=WORKFLOWS, specs=SPECS,
                          search_attributes=False, clock=env.get_current_time)
    worker = create_worker(env.client, task_queue=queue, activities=StreamActivities(store),
                           workflows=list(WORKFLOWS.values()),
                           follow_ups=FollowUpActivities(FollowUpRouter(client, SPECS)),
                           disclosure=DisclosureActivities(platform))
    async with worker:
        yield Harness(env, client, store, platform, worker)
