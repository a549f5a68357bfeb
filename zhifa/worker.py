"""Composition root of the worker process: the event store on the configured database, the activities that use
it, and every stream workflow on one task queue."""

from __future__ import annotations

from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.settings import Settings
from infra.temporal.connection import connect
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.definitions import WORKFLOWS
from workflows.worker import create_worker
from zhifa.composition import context_source, stream_client

# The task-list routing the read models use, on the append path and in `zhifa projections rebuild` alike.
next_steps = next_steps_for


async def run_worker(settings: Settings) -> None:
    client = await connect(settings)
    engine = create_engine(settings.database_url)
    try:
        store = EventStore(engine, Projector(next_steps))
        opener = stream_client(client, settings, context_source(settings))
        worker = create_worker(client, task_queue=settings.task_queue, activities=StreamActivities(store),
                               workflows=list(WORKFLOWS.values()), follow_ups=FollowUpActivities(opener))
        await worker.run()
    finally:
        await engine.dispose()
