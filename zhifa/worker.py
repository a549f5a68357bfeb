"""Composition root of the worker process: the event store on the configured database, the activities that use
it, the supervision platform's client, and every stream workflow on one task queue."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Coroutine
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client

from domain.reference import ReferenceData
from domain.task_routing import next_steps_for
from infra.administration.live import LiveReference
from infra.administration.register import ReferenceRegister
from infra.anchoring import AnchorService, AnchorSettings
from infra.availability import when_available
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.eventstore.streams import EventLogStreams
from infra.notifications import Notifier, principals_of
from infra.notifications.webhook import WebhookSettings, run_delivery
from infra.observability import ObservabilitySettings
from infra.observability.logs import ActivityLogContext
from infra.observability.metrics import temporal_runtime
from infra.observability.tracing import Tracing
from infra.platform_feed import PlatformFeed
from infra.projections import Projector
from infra.settings import Environment, Settings
from infra.temporal.connection import connect_when_available
from infra.year_end import YearEndService
from workflows.activities import FollowUpActivities, StreamActivities
from workflows.anchoring import AnchorActivities, ensure_anchor_schedule
from workflows.disclosure_activities import DisclosureActivities
from workflows.disclosure_follow_ups import FollowUpRouter
from workflows.follow_up_audit import FollowUpAuditActivities, ensure_follow_up_audit_schedule
from workflows.platform_schedules import ensure_schedules
from workflows.platform_worker import platform_activities
from workflows.stream_workflows import SPECS
from workflows.worker import create_worker
from workflows.workflow_types import ALL_WORKFLOWS
from workflows.year_end import YearEndActivities, YearEndTime, ensure_year_end_schedule
from zhifa.composition import (
    PlatformSettings,
    context_source,
    file_reference,
    payload_codec,
    stream_client,
    supervision_client,
)

REFERENCE_REFRESH_SECONDS = 30.0  # how often the worker looks for changes of the reference register

# The task-list routing the read models use, on the append path and in `zhifa projections rebuild` alike.
next_steps = next_steps_for


def utc_now() -> datetime:
    return datetime.now(UTC)


async def ensure_every_schedule(client: Client, settings: Settings) -> None:
    """The daily platform upload, the hourly warnings pull, the hourly follow-up audit, the year-end generation
    (1 Dec 02:00 Asia/Shanghai) and the daily checkpoint (03:30); creating them again only brings them up to date
    (every worker start, and `zhifa recover` on a replaced Temporal), and a Temporal still starting is waited for."""
    for ensure in (lambda: ensure_schedules(client, settings.task_queue),
                   lambda: ensure_follow_up_audit_schedule(client, settings.task_queue),
                   lambda: ensure_year_end_schedule(client, task_queue=settings.task_queue, at=YearEndTime()),
                   lambda: ensure_anchor_schedule(client, task_queue=settings.task_queue)):
        await when_available(ensure, what="schedules")


async def run_worker(settings: Settings) -> None:
    observability = ObservabilitySettings.from_env(os.environ, production=settings.env is Environment.PRODUCTION)
    webhook = WebhookSettings.from_env(os.environ)  # a URL without its secret stops the worker here, before work
    tracing = Tracing.from_settings(observability, "zhifa-worker")
    # A worker started during an outage waits for Temporal.
    engine = create_engine(settings.database_url)
    tracing.instrument(engine)
    client = await connect_when_available(settings, codec=payload_codec(settings, engine=engine),
                                          interceptors=tracing.temporal_interceptors(),
                                          runtime=temporal_runtime(observability))
    platform = supervision_client(PlatformSettings.from_env(os.environ))
    try:
        # The register once anything is recorded in it (else the files); follow-ups open streams with its data.
        live = LiveReference(ReferenceRegister(engine), file_reference(settings))
        await live.refresh()
        reference = live.current.reference
        contexts = context_source(settings, live.current)
        live.subscribe(lambda loaded: contexts.replace_data(loaded.reference, loaded.profiles))
        # The timers' warnings and breaches are appended here: this store notifies (inbox and webhook outbox).
        store = EventStore(engine, Projector(next_steps, notifier=Notifier(principals_of(reference))))
        streams = stream_client(client, settings, contexts)
        register = ReferenceRegister(engine)
        year_end = YearEndActivities(YearEndService(
            engine, reference, reference_on=lambda day: _reference_on(register, settings, day)))
        router = FollowUpRouter(streams, SPECS)
        audit = FollowUpAuditActivities(EventLogStreams(engine), router, SPECS, clock=utc_now)
        anchor = AnchorActivities(AnchorService(engine, AnchorSettings.from_env(os.environ, settings)))
        worker = create_worker(client, task_queue=settings.task_queue, activities=StreamActivities(store),
                               workflows=ALL_WORKFLOWS, follow_ups=FollowUpActivities(router),
                               disclosure=DisclosureActivities(platform),
                               extra_activities=[*platform_activities(PlatformFeed(engine), platform),
                                                 year_end.towns, year_end.snapshot, year_end.documents,
                                                 audit.repair_recent, anchor.checkpoint],
                               interceptors=[ActivityLogContext()])
        await ensure_every_schedule(client, settings)
        refreshing = asyncio.create_task(live.keep_current(REFERENCE_REFRESH_SECONDS))
        try:
            await _with_webhook_delivery(engine, webhook, worker.run())
        finally:
            refreshing.cancel()
    finally:
        await platform.aclose()
        await engine.dispose()
        tracing.shutdown()


async def _reference_on(register: ReferenceRegister, settings: Settings, day: date) -> ReferenceData:
    return (await register.configured(day, lambda: file_reference(settings))).reference


async def _with_webhook_delivery(engine: AsyncEngine, webhook: WebhookSettings | None,
                                 running: Coroutine[Any, Any, None]) -> None:
    """Run the worker with the notification webhook's delivery loop beside it, when a town configured one."""
    if webhook is None:
        await running
        return
    delivery = asyncio.create_task(run_delivery(engine, webhook, utc_now))
    try:
        await running
    finally:
        delivery.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await delivery
