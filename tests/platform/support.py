"""A worker with the stream workflows and the platform exchanges, over the real event store and the reference
platform over real HTTP (see `tests.disclosure.platform`)."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.worker import Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.platform_feed import PlatformFeed
from infra.projections import Projector
from tests.disclosure.platform import RunningPlatform
from tests.workflows.support import context_source
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.client import StreamClient
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.platform_activities import PlatformPort
from workflows.platform_worker import (
    PLATFORM_PASSTHROUGH,
    PLATFORM_STREAM_WORKFLOWS,
    PLATFORM_WORKFLOWS,
    platform_activities,
)
from workflows.stream_workflows import WORKFLOWS
from workflows.worker import PASSTHROUGH

STREAM_WORKFLOWS: dict[str, type] = {**WORKFLOWS, **PLATFORM_STREAM_WORKFLOWS}
STREAM_SPECS = {kind: cls.spec for kind, cls in STREAM_WORKFLOWS.items()}  # type: ignore[attr-defined]


def sandbox_runner() -> SandboxedWorkflowRunner:
    return SandboxedWorkflowRunner(
        restrictions=SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH, *PLATFORM_PASSTHROUGH))


@dataclass
class PlatformSystem:
    client: Client
    streams: StreamClient
    engine: AsyncEngine
    feed: PlatformFeed
    task_queue: str


@asynccontextmanager
async def platform_system(client: Client, database_url: str, platform: PlatformPort, *,
                          clock: Callable[[], Awaitable[datetime]] | None = None,
                          search_attributes: bool = False) -> AsyncIterator[PlatformSystem]:
    queue = f"platform-{uuid.uuid4().hex}"
    engine = create_engine(database_url)
    store = EventStore(engine, Projector(next_steps_for))
    feed = PlatformFeed(engine)
    streams = StreamClient(client, task_queue=queue, context_source=context_source(), workflows=STREAM_WORKFLOWS,
                           specs=STREAM_SPECS, search_attributes=search_attributes, clock=clock)
    worker = Worker(
        client, task_queue=queue, workflows=[*STREAM_WORKFLOWS.values(), *PLATFORM_WORKFLOWS],
        activities=[StreamActivities(store).append_events,
                    FollowUpActivities(FollowUpRouter(streams, STREAM_SPECS)).open_streams,
                    *platform_activities(feed, platform)],
        workflow_runner=sandbox_runner())
    try:
        async with worker:
            yield PlatformSystem(client, streams, engine, feed, queue)
    finally:
        await engine.dispose()


async def raise_warning(platform: RunningPlatform, **fields: str) -> dict[str, Any]:
    """An operator of the platform raises a warning (the reference platform's POST /api/v1/warnings)."""
    async with httpx.AsyncClient(base_url=platform.url) as http:
        response = await http.post("/api/v1/warnings", content=json.dumps(fields).encode("utf-8"))
    response.raise_for_status()
    data: dict[str, Any] = response.json()
    return data
