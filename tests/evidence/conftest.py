"""Evidence fixtures: the straw-burning case of 张家窝镇 and a canary case of 大寺镇 in a migrated database, an
evidence store with a small size limit — a temporary directory, or a bucket of a real S3 API over HTTP (moto's
server) with its spool directory: every behaviour is tested on both — and the API (evidence routes and GraphQL
over a recording workflow facade) for the demo officers' tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
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
from infra.evidence.store import BlobStore, LocalBlobStore
from infra.projections import Projector
from tests.api.client import AUTH, RecordingStreams, services_for
from tests.api.seeding import seed_case
from tests.documents.cases import import_all, straw_burning
from tests.evidence.s3 import Bucket, bucket, s3_endpoint

__all__ = ["bucket", "s3_endpoint"]  # fixtures, for the tests of this directory

MAX_BYTES = 64 * 1024
OTHER_TOWN_CASE = "case:dasi:CANARY"


@dataclass
class Evidence:
    app: Starlette
    service: EvidenceService
    streams: RecordingStreams
    root: Path
    engine: AsyncEngine
    bucket: Bucket | None = None

    def stored(self) -> list[str]:
        """Everything the store holds: every file under its directory (content and temporary files alike) and,
        for S3, every object and unfinished multipart upload in its bucket."""
        files = [str(p) for p in sorted(self.root.rglob("*")) if p.is_file()]
        return files + (self.bucket.contents() if self.bucket is not None else [])

    def location(self, sha256: str) -> str:
        return self.service.blobs.describe(sha256)

    async def records(self) -> int:
        async with self.engine.connect() as conn:
            return int((await conn.execute(select(func.count()).select_from(evidence_files))).scalar_one())


@pytest.fixture(params=["local", "s3"])
def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[BlobStore, Bucket | None]:
    """The store under test: the local directory, or a fresh bucket (spooling under the same directory)."""
    root = tmp_path / "evidence"
    if request.param == "local":
        return LocalBlobStore(root), None
    bucket: Bucket = request.getfixturevalue("bucket")
    return bucket.store(root / "tmp"), bucket


@pytest_asyncio.fixture(loop_scope="session")
async def evidence(db_url: str, tmp_path: Path, blobs: tuple[BlobStore, Bucket | None]) -> AsyncIterator[Evidence]:
    engine = create_engine(db_url)
    store = EventStore(engine, Projector(next_steps_for))
    try:
        await import_all(store, straw_burning())
        await seed_case(store, "dasi", "CANARY")
        settings = EvidenceSettings(root=tmp_path / "evidence", max_bytes=MAX_BYTES)
        service = EvidenceService(engine, blobs[0], settings, lambda: datetime.now(UTC))
        streams = RecordingStreams()
        services = services_for(engine, streams, evidence=service)
        app = create_app(health_checks={}, routes=[*evidence_routes(services, AUTH, service),
                                                   *graphql_routes(services, AUTH, development=True)])
        yield Evidence(app, service, streams, settings.root, engine, blobs[1])
    finally:
        await engine.dispose()
