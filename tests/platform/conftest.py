from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

from tests.fixtures.temporal import start_time_skipping

__all__ = ["time_skipping_env"]


@pytest_asyncio.fixture(loop_scope="session")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server of each test's own (as `tests.disclosure.conftest.disclosure_env`): a stream left
    running by one test (an inspection's clock) would otherwise carry the shared clock years ahead, past the
    officers' certificates."""
    env = await start_time_skipping()
    try:
        yield env
    finally:
        await env.shutdown()
