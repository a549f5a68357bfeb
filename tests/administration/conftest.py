"""An engine on this test's own migrated database (both dialects) and the register over it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.administration.directory import directory_changes
from infra.administration.register import ReferenceRegister
from infra.db.engine import create_engine
from infra.reference import DEMO_DIRECTORY

AT = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
DEMO_DAY = date(2019, 1, 1)


@pytest_asyncio.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest_asyncio.fixture
async def register(engine: AsyncEngine) -> ReferenceRegister:
    """The register holding the shipped demo set, recorded as one import."""
    register = ReferenceRegister(engine, clock=lambda: AT)
    await register.record(directory_changes(DEMO_DIRECTORY, effective_from=DEMO_DAY, actor="installer", at=AT,
                                            source="demo"))
    return register
