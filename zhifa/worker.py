"""Composition root of the worker process: the event store on the configured database, the activities that use
it, the supervision platform's client, and every stream workflow on one task queue."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date

from domain.disclosure.views import STREAM_KIND as DISCLOSURE_STREAM_KIND
from domain.disclosure.views import status_steps as disclosure_status_steps
from domain.projections.case_summary import CaseSummary
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


def next_steps(
    stream_kind: str, procedure: str | None, status: str | None, summary: CaseSummary | None, /
) -> Sequence[tuple[str, str, date | None]]:
    """The task-list routing the read models use, on the append path and in `zhifa projections rebuild` alike:
    every procedure's, and the disclosure streams' (a delivery the platform refused waits for an officer)."""
    if stream_kind == DISCLOSURE_STREAM_KIND:
        return () if status is None else tuple((s.step, s.role.value, s.due_on)
                                               for s in disclosure_status_steps(status))
    return next_steps_for(stream_kind, procedure, status, summary)


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
