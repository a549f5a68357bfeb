"""Evidence fixtures: the straw-burning case of 张家窝镇 and a canary case of 大寺镇 in a migrated database, an
evidence store in a temporary directory with a small size limit, and the API (evidence routes and GraphQL over a
recording workflow facade) for the demo officers' tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest_asyncio
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from api.app import create_app
from api.evidence.routes import evidence_routes
from api.graphql.routes import graphql_routes
from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.db.models_documents import evidence_files
from infra.eventstore import EventStore
from infra.evidence.service import EvidenceService
from infra.evidence.settings import EvidenceSettings
from infra.evidence.store import LocalBlobStore
from infra.projections import Projector
from tests.api.client import AUTH, RecordingStreams, services_for
from tests.api.seeding import seed_case
from tests.documents.cases import import_all, straw_burning

MAX_BYTES = 64 * 1024
OTHER_TOWN_CASE = "case:dasi:CANARY"


@dataclass
class Evidence:
    app: Starlette
    service: EvidenceService
    streams: RecordingStreams
    root: Path
    engine: AsyncEngine

    def stored_files(self) -> list[Path]:
        """Every file under the store's root (content and temporary files alike)."""
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    async def records(self) -> int:
        async with self.engine.connect() as conn:
            return int((await conn.execute(select(func.count()).select_from(evidence_files))).scalar_one())


@pytest_asyncio.fixture(loop_scope="session")
async def evidence(db_url: str, tmp_path: Path) -> AsyncIterator[Evidence]:
    engine = create_engine(db_url)
    store = EventStore(engine, Projector(next_steps_for))
    try:
        await import_all(store, straw_burning())
        await seed_case(store, "dasi", "CANARY")
        settings = EvidenceSettings(root=tmp_path / "evidence", max_bytes=MAX_BYTES)
        service = EvidenceService(engine, LocalBlobStore(settings.root), settings, lambda: datetime.now(UTC))
        streams = RecordingStreams()
        services = services_for(engine, streams, evidence=service)
        app = create_app(health_checks={}, routes=[*evidence_routes(services, AUTH, service),
                                                   *graphql_routes(services, AUTH, development=True)])
        yield Evidence(app, service, streams, settings.root, engine)
    finally:
        await engine.dispose()
