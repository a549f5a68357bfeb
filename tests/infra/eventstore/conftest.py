from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.projections import Projector
from tests.infra.eventstore.sample_streams import fake_next_steps


@pytest_asyncio.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest_asyncio.fixture
async def store(engine: AsyncEngine) -> EventStore:
    return EventStore(engine, Projector(fake_next_steps))
