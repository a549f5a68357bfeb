"""`zhifa projections rebuild`: empty the read models (never the events) and fold the whole log again, in
position order and in batches, through the same projector the append path uses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.projections import NextSteps
from infra.db.models import READ_MODEL_TABLES, case_summaries, deadlines, events, tasks
from infra.eventstore.rows import from_row, select_envelopes
from infra.projections.checkpoint import advance_checkpoint, reset_checkpoint
from infra.projections.projector import Projector

BATCH_SIZE = 1_000


@dataclass(frozen=True)
class RebuildReport:
    events: int
    streams: int
    batches: int
    checkpoint: int
    case_summaries: int
    deadlines: int
    tasks: int


async def rebuild(engine: AsyncEngine, next_steps: NextSteps, *, batch_size: int = BATCH_SIZE) -> RebuildReport:
    """Each batch commits on its own, with the checkpoint saying how far the rebuild got. Appends should be
    stopped meanwhile (they would be folded twice if they land behind the rebuild's position)."""
    projector = Projector(next_steps)
    async with engine.begin() as conn:
        for table in READ_MODEL_TABLES:
            await conn.execute(delete(table))
        await reset_checkpoint(conn)
    position = 0
    folded = batches = 0
    streams: set[str] = set()
    while True:
        async with engine.begin() as conn:
            rows = (await conn.execute(
                select_envelopes().where(events.c.position > position).order_by(events.c.position).limit(batch_size)
            )).mappings().all()
            if not rows:
                break
            envelopes = [from_row(row) for row in rows]
            position = int(rows[-1]["position"])
            await projector.apply(conn, envelopes)
            await advance_checkpoint(conn, position)
        folded += len(envelopes)
        batches += 1
        streams.update(env.stream_id for env in envelopes)
    async with engine.connect() as conn:
        counts = [int(await conn.scalar(select(func.count()).select_from(t)) or 0)
                  for t in (case_summaries, deadlines, tasks)]
    return RebuildReport(events=folded, streams=len(streams), batches=batches, checkpoint=position,
                         case_summaries=counts[0], deadlines=counts[1], tasks=counts[2])
