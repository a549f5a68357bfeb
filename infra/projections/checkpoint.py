"""How far a `zhifa projections rebuild` got: the log position of the last batch it folded (seeded at 0)."""

from __future__ import annotations

from sqlalchemy import case, update
from sqlalchemy.ext.asyncio import AsyncConnection

from infra.db.models import READ_MODELS_CHECKPOINT, projection_checkpoint

_c = projection_checkpoint.c


async def advance_checkpoint(conn: AsyncConnection, position: int) -> None:
    """Move the checkpoint forward to `position` (never back: appends may commit out of position order)."""
    await conn.execute(
        update(projection_checkpoint)
        .where(_c.name == READ_MODELS_CHECKPOINT)
        .values(position=case((_c.position < position, position), else_=_c.position))
    )


async def reset_checkpoint(conn: AsyncConnection) -> None:
    await conn.execute(update(projection_checkpoint).where(_c.name == READ_MODELS_CHECKPOINT).values(position=0))
