"""The checkpoint the daily schedule takes (the workflow's `AnchorPort`): the signer is resolved when the
service is built, so a worker without a usable key in production refuses to start instead of failing nightly."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.anchoring.checkpoint import Checkpoint
from infra.anchoring.anchor import take_checkpoint
from infra.anchoring.directory import CheckpointDirectory
from infra.anchoring.settings import AnchorSettings


class AnchorService:
    def __init__(self, engine: AsyncEngine, settings: AnchorSettings) -> None:
        self._engine = engine
        self._signer = settings.signer()
        self._directory = CheckpointDirectory(settings.checkpoint_dir)

    async def take_checkpoint(self) -> tuple[Checkpoint, str]:
        stored = await take_checkpoint(self._engine, self._directory, self._signer, datetime.now(UTC))
        return stored.signed.checkpoint, str(stored.path)
