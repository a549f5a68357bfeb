"""Records the committed history of the `YearEnd` workflow: `python -m tests.year_end.record_history`.

Run it only when the workflow type is new; when the workflow's code changes the committed history must still
replay (`test_replay.py`), otherwise the change needs `workflow.patched`."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import uuid
from pathlib import Path

from temporalio.testing import WorkflowEnvironment

from infra.db.engine import create_engine
from infra.db.migrate import upgrade
from tests.year_end.support import seed_history, year_end_worker
from workflows.year_end import WORKFLOW_NAME, YearEndInput, YearEndWorkflow

HISTORY = Path(__file__).parent.parent / "workflows" / "histories" / f"{WORKFLOW_NAME}.json"
BIN = Path(sys.executable).parent


async def record() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{folder}/zhifa.db"
        await upgrade(url)
        engine = create_engine(url)
        # No payload codec, on purpose: committed histories stay readable in review (tests/workflows/test_replay).
        env = await WorkflowEnvironment.start_time_skipping(
            test_server_existing_path=str(BIN / "temporal-test-server"))
        try:
            await seed_history(engine)
            async with year_end_worker(env.client, engine) as queue:
                handle = await env.client.start_workflow(YearEndWorkflow.run, YearEndInput(),
                                                         id=f"year-end-{uuid.uuid4().hex}", task_queue=queue)
                await handle.result()
            history = await handle.fetch_history()
            HISTORY.write_text(history.to_json(), encoding="utf-8")
            print(f"{HISTORY}: {len(history.events)} events")
        finally:
            await env.shutdown()
            await engine.dispose()


if __name__ == "__main__":
    asyncio.run(record())
