from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

__all__ = ["time_skipping_env"]

BIN = Path(sys.executable).parent


@pytest_asyncio.fixture(loop_scope="session")
async def time_skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server of each test's own (as `tests.disclosure.conftest.disclosure_env`): a stream left
    running by one test (an inspection's clock) would otherwise carry the shared clock years ahead, past the
    officers' certificates."""
    env = await WorkflowEnvironment.start_time_skipping(test_server_existing_path=str(BIN / "temporal-test-server"))
    try:
        yield env
    finally:
        await env.shutdown()
