"""Shared set-up for workflow tests: the real demo reference data, the real calendar, an in-memory store."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from infra.calendar import load_work_calendar
from infra.reference import demo_profiles, demo_reference
from tests.workflows.memory_store import MemoryStore
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.client import StreamClient
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.stream_workflows import SPECS, WORKFLOWS
from workflows.worker import create_worker
from zhifa.context import ReferenceContextSource


def context_source() -> ReferenceContextSource:
    return ReferenceContextSource(demo_reference(), load_work_calendar(), demo_profiles())


@dataclass
class Harness:
    env: WorkflowEnvironment
    client: StreamClient
    store: MemoryStore
    worker: Worker


@asynccontextmanager
async def harness(env: WorkflowEnvironment, *, search_attributes: bool = False) -> AsyncIterator[Harness]:
    store, queue = MemoryStore(), f"q-{uuid.uuid4().hex}"
    client = StreamClient(env.client, task_queue=queue, context_source=context_source(), workflows=WORKFLOWS,
                          specs=SPECS, search_attributes=search_attributes, clock=env.get_current_time)
    worker = create_worker(env.client, task_queue=queue, activities=StreamActivities(store),
                           workflows=list(WORKFLOWS.values()),
                           follow_ups=FollowUpActivities(FollowUpRouter(client, SPECS)))
    async with worker:
        yield Harness(env, client, store, worker)
