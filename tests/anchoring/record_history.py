"""Records the committed history of the `AnchorCheckpoint` workflow: `python -m tests.anchoring.record_history`.

Run it only when the workflow type is new; when the workflow's code changes the committed history must still
replay (`test_replay.py`), otherwise the change needs `workflow.patched`."""

from __future__ import annotations

import asyncio
import uuid

from infra.anchoring import Signer
from infra.eventstore import EventStore
from infra.projections import Projector
from tests.anchoring.support import anchor_settings, anchor_worker
from tests.infra.eventstore.sample_streams import fake_next_steps
from tests.infra.eventstore.tampering import three_cases
from tests.workflows.recording import recording, save_history
from workflows.anchoring import WORKFLOW_NAME, AnchorCheckpointWorkflow, AnchorInput


async def record() -> None:
    async with recording() as on:
        await three_cases(EventStore(on.engine, Projector(fake_next_steps)))
        settings = anchor_settings(on.folder / "checkpoints", Signer.generate())
        async with anchor_worker(on.env.client, on.engine, settings) as queue:
            handle = await on.env.client.start_workflow(AnchorCheckpointWorkflow.run, AnchorInput(),
                                                        id=f"anchor-{uuid.uuid4().hex}", task_queue=queue)
            await handle.result()
        await save_history(WORKFLOW_NAME, handle)


if __name__ == "__main__":
    asyncio.run(record())
