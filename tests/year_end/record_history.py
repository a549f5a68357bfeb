"""Records the committed history of the `YearEnd` workflow: `python -m tests.year_end.record_history`.

Run it only when the workflow type is new; when the workflow's code changes the committed history must still
replay (`test_replay.py`), otherwise the change needs `workflow.patched`."""

from __future__ import annotations

import asyncio
import uuid

from tests.workflows.recording import recording, save_history
from tests.year_end.support import seed_history, year_end_worker
from workflows.year_end import WORKFLOW_NAME, YearEndInput, YearEndWorkflow


async def record() -> None:
    async with recording() as on:
        await seed_history(on.engine)
        async with year_end_worker(on.env.client, on.engine) as queue:
            handle = await on.env.client.start_workflow(YearEndWorkflow.run, YearEndInput(),
                                                        id=f"year-end-{uuid.uuid4().hex}", task_queue=queue)
            await handle.result()
        await save_history(WORKFLOW_NAME, handle)


if __name__ == "__main__":
    asyncio.run(record())
