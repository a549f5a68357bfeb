from __future__ import annotations

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.eventstore import EventStore
from infra.projections import Projector
from tests.infra.eventstore.sample_streams import fake_next_steps


@pytest_asyncio.fixture
async def store(engine: AsyncEngine) -> EventStore:
    return EventStore(engine, Projector(fake_next_steps))
