"""Year-end test support: the workflow and its activities on a worker of the test's own, over a real database."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.worker import Worker

from domain.deadlines.local_time import local_date
from domain.task_routing import next_steps_for
from infra.db.models_reports import reports
from infra.db.models_statistics import statistics_snapshots
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.reference import demo_reference
from infra.year_end import YearEndService
from tests.api.seeding import seed_case
from workflows.worker import sandbox_runner
from workflows.year_end import YearEndActivities, YearEndWorkflow


@asynccontextmanager
async def year_end_worker(client: Client, engine: AsyncEngine) -> AsyncIterator[str]:
    """A worker with the year-end workflow and its activities (what the lead registers in `zhifa worker`)."""
    queue = f"year-end-{uuid.uuid4().hex}"
    activities = YearEndActivities(YearEndService(engine, demo_reference()))
    async with Worker(client, task_queue=queue, workflows=[YearEndWorkflow],
                      activities=[activities.towns, activities.snapshot, activities.documents],
                      workflow_runner=sandbox_runner()):
        yield queue


@dataclass(frozen=True)
class History:
    store: EventStore
    filed_on: date  # the local day both cases were filed


async def seed_history(engine: AsyncEngine) -> History:
    """A case registered three days ago and filed the next day, in zhangjiawo and in dasi."""
    store = EventStore(engine, Projector(next_steps_for))
    base = (datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0)
    await seed_case(store, "zhangjiawo", "张甲", base=base)
    await seed_case(store, "dasi", "李乙", base=base)
    return History(store, local_date(base + timedelta(days=1)))


@dataclass(frozen=True)
class Stored:
    snapshots: dict[tuple[str, str], int]  # (scope, kind) -> count
    documents: dict[tuple[str, str], int]  # (scope, format) -> count


async def stored(engine: AsyncEngine) -> Stored:
    s, r = statistics_snapshots.c, reports.c
    async with engine.connect() as conn:
        snapshots = await conn.execute(select(s.scope, s.kind, func.count()).group_by(s.scope, s.kind))
        documents = await conn.execute(select(r.scope, r.format, func.count()).group_by(r.scope, r.format))
        return Stored({(str(a), str(b)): int(n) for a, b, n in snapshots},
                      {(str(a), str(b)): int(n) for a, b, n in documents})
