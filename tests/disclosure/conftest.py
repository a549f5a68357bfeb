from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from temporalio.testing import WorkflowEnvironment

BIN = Path(sys.executable).parent


@pytest_asyncio.fixture(loop_scope="session")
async def disclosure_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server of each test's own: the tests move its clock to chosen dates, and no workflow left
    running by another test (its worker gone) holds the clock back."""
    env = await WorkflowEnvironment.start_time_skipping(test_server_existing_path=str(BIN / "temporal-test-server"))
    try:
        yield env
    finally:
        await env.shutdown()
