"""API fixtures: seeded databases (a case in zhangjiawo, a canary case in dasi), the app over a recording
workflow facade, and the real Temporal dev server for the end-to-end tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from api.app import create_app
from api.graphql.ledger_templates import ledger_template_routes
from api.graphql.routes import graphql_routes
from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from tests.api.client import AUTH, GraphQLClient, RecordingStreams, asgi_client, build_app, services_for
from tests.api.seeding import Seeded, seed_case

CANARY = "CANARY大寺"


@dataclass
class Seeded2:
    engine: AsyncEngine
    store: EventStore
    own: Seeded  # zhangjiawo
    other: Seeded  # dasi, party name and case number carry the canary


@pytest_asyncio.fixture(loop_scope="session")
async def seeded(db_url: str) -> AsyncIterator[Seeded2]:
    engine = create_engine(db_url)
    store = EventStore(engine, Projector(next_steps_for))
    try:
        own = await seed_case(store, "zhangjiawo", "张甲")
        other = await seed_case(store, "dasi", CANARY)
        yield Seeded2(engine, store, own, other)
    finally:
        await engine.dispose()


@dataclass
class Api:
    client: GraphQLClient
    streams: RecordingStreams
    data: Seeded2


@pytest_asyncio.fixture(loop_scope="session")
async def api(seeded: Seeded2) -> AsyncIterator[Api]:
    streams = RecordingStreams()
    client = asgi_client(build_app(services_for(seeded.engine, streams)))
    try:
        yield Api(client, streams, seeded)
    finally:
        await client.http.aclose()


@pytest_asyncio.fixture(loop_scope="session")
async def client(seeded: Seeded2) -> AsyncIterator[GraphQLClient]:
    """GraphQL and the ledger template download, over a recording workflow facade."""
    services = services_for(seeded.engine, RecordingStreams())
    app = create_app(health_checks={}, routes=[*graphql_routes(services, AUTH, development=True),
                                               *ledger_template_routes(services, AUTH)])
    client = asgi_client(app)
    try:
        yield client
    finally:
        await client.http.aclose()
