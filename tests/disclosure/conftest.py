from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from tests.fixtures.temporal import start_time_skipping


@pytest_asyncio.fixture(loop_scope="session")
async def disclosure_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server of each test's own: the tests move its clock to chosen dates, and no workflow left
    running by another test (its worker gone) holds the clock back."""
    env = await start_time_skipping()
    try:
        yield env
    finally:
        await env.shutdown()
