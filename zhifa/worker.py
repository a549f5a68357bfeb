"""Composition root of the worker process: the event store on the configured database, the activities that use
it, the supervision platform's client, and every stream workflow on one task queue."""

from __future__ import annotations

import os

from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.settings import Settings
from infra.temporal.connection import connect
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.definitions import SPECS, WORKFLOWS
from workflows.disclosure_activities import DisclosureActivities
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.worker import create_worker
from zhifa.composition import PlatformSettings, context_source, stream_client, supervision_client

# The task-list routing the read models use, on the append path and in `zhifa projections rebuild` alike.
next_steps = next_steps_for


async def run_worker(settings: Settings) -> None:
    client = await connect(settings)
    engine = create_engine(settings.database_url)
    platform = supervision_client(PlatformSettings.from_env(os.environ))
    try:
        store = EventStore(engine, Projector(next_steps))
        streams = stream_client(client, settings, context_source(settings))
        worker = create_worker(client, task_queue=settings.task_queue, activities=StreamActivities(store),
                               workflows=list(WORKFLOWS.values()),
                               follow_ups=FollowUpActivities(FollowUpRouter(streams, SPECS)),
                               disclosure=DisclosureActivities(platform))
        await worker.run()
    finally:
        await platform.aclose()
        await engine.dispose()
