"""The log position the read models reflect (seeded at 0 by the migration)."""

from __future__ import annotations

from sqlalchemy import case, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from infra.db.models import READ_MODELS_CHECKPOINT, projection_checkpoint

_c = projection_checkpoint.c


async def read_checkpoint(conn: AsyncConnection) -> int:
    position = await conn.scalar(select(_c.position).where(_c.name == READ_MODELS_CHECKPOINT))
    return int(position or 0)


async def advance_checkpoint(conn: AsyncConnection, position: int) -> None:
    """Move the checkpoint forward to `position` (never back: appends may commit out of position order)."""
    await conn.execute(
        update(projection_checkpoint)
        .where(_c.name == READ_MODELS_CHECKPOINT)
        .values(position=case((_c.position < position, position), else_=_c.position))
    )


async def reset_checkpoint(conn: AsyncConnection) -> None:
    await conn.execute(update(projection_checkpoint).where(_c.name == READ_MODELS_CHECKPOINT).values(position=0))
