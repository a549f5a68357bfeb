"""Document fixtures: the cases of `tests.documents.cases` imported into a migrated database, the document service
over it (a fixed clock), and the documents routes served over ASGI for tokens of the demo officers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest_asyncio

from api.app import create_app
from api.documents import document_routes
from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.documents.service import DocumentService
from infra.documents.templates import TemplateLibrary
from infra.eventstore import EventStore
from infra.projections import Projector
from infra.reference import demo_reference
from tests.api.client import AUTH, GraphQLClient, RecordingStreams, asgi_client, services_for
from tests.documents.cases import import_all

NOW = datetime(2026, 5, 20, 8, 0, tzinfo=UTC)


@dataclass
class Documents:
    store: EventStore
    service: DocumentService
    http: GraphQLClient


def service_over(store: EventStore, templates: TemplateLibrary | None = None) -> DocumentService:
    return DocumentService(store, demo_reference(), templates or TemplateLibrary(), lambda: NOW)


@pytest_asyncio.fixture(loop_scope="session")
async def documents(db_url: str) -> AsyncIterator[Documents]:
    engine = create_engine(db_url)
    store = EventStore(engine, Projector(next_steps_for))
    try:
        await import_all(store)
        service = service_over(store)
        app = create_app(health_checks={}, routes=document_routes(services_for(engine, RecordingStreams()), AUTH,
                                                                  service))
        client = asgi_client(app)
        yield Documents(store, service, client)
        await client.http.aclose()
    finally:
        await engine.dispose()
