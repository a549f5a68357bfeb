"""The register over this test's own migrated database (both dialects), holding the demo set."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.administration.directory import directory_changes
from infra.administration.register import ReferenceRegister
from infra.reference import DEMO_DIRECTORY
from tests.infra.conftest import engine  # noqa: F401  (the engine on this test's own database)

AT = datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
DEMO_DAY = date(2019, 1, 1)


@pytest_asyncio.fixture
async def register(engine: AsyncEngine) -> ReferenceRegister:  # noqa: F811
    """The register holding the shipped demo set, recorded as one import."""
    register = ReferenceRegister(engine, clock=lambda: AT)
    await register.record(directory_changes(DEMO_DIRECTORY, effective_from=DEMO_DAY, actor="installer", at=AT,
                                            source="demo"))
    return register
