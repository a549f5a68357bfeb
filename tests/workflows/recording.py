"""What recording one scheduled workflow's committed history needs: a migrated SQLite database in a scratch
folder and the time-skipping server, then the finished run's history written where the replay test reads it."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from infra.db.engine import create_engine
from infra.db.migrate import upgrade

HISTORIES = Path(__file__).parent / "histories"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Recording:
    env: WorkflowEnvironment
    engine: AsyncEngine
    folder: Path


@asynccontextmanager
async def recording() -> AsyncIterator[Recording]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/zhifa.db"
        await upgrade(url)
        engine = create_engine(url)
        env = await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=str(BIN / "temporal-test-server"))
        try:
            yield Recording(env, engine, Path(folder))
        finally:
            await env.shutdown()
            await engine.dispose()


async def save_history(workflow_name: str, handle: WorkflowHandle[Any, Any]) -> None:
    history = await handle.fetch_history()
    path = HISTORIES / f"{workflow_name}.json"
    path.write_text(history.to_json(), encoding="utf-8")
    print(f"{path}: {len(history.events)} events")
