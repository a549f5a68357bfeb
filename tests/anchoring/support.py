"""The checkpoint workflow and its activity on a worker of the test's own, over a real database and a
checkpoint directory and key of the test's own."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.worker import Worker

from infra.anchoring import AnchorService, AnchorSettings, Signer
from infra.anchoring.settings import KeySource
from workflows.anchoring import AnchorActivities, AnchorCheckpointWorkflow
from workflows.worker import sandbox_runner


def anchor_settings(checkpoints: Path, signer: Signer) -> AnchorSettings:
    return AnchorSettings(checkpoint_dir=checkpoints, signing_key=KeySource("test key", signer.private_pem()),
                          public_key=None, dev_key_file=None)


@asynccontextmanager
async def anchor_worker(client: Client, engine: AsyncEngine, settings: AnchorSettings) -> AsyncIterator[str]:
    """A worker with the checkpoint workflow and its activity (what `zhifa worker` registers)."""
    queue = f"anchor-{uuid.uuid4().hex}"
    activities = AnchorActivities(AnchorService(engine, settings))
    async with Worker(client, task_queue=queue, workflows=[AnchorCheckpointWorkflow],
                      activities=[activities.checkpoint], workflow_runner=sandbox_runner()):
        yield queue
