"""An append's read and write through SQLAlchemy Core, on any dialect (the SQLite path): the tail and the read
models in one statement (built once), the events in one insert, then one upsert or delete per read model that
changed."""

from __future__ import annotations

from sqlalchemy import FromClause, Subquery, and_, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.envelope import EventEnvelope
from domain.projections import StreamReadModel
from infra.db.models import events
from infra.eventstore.rows import to_row
from infra.eventstore.tails import StreamTail
from infra.projections.rows import read_model_of, save_read_model, with_read_models


def _tail_of(anchor: Subquery) -> FromClause:
    return anchor.outerjoin(events, and_(events.c.stream_id == anchor.c.stream_id,
                                         events.c.seq >= bindparam("from_seq")))


# Built once, not per append (building a statement cost about as much CPU as running it).
_TAIL_AND_READ_MODELS = with_read_models(events.c.seq, events.c.hash, tail=_tail_of)
_INSERT = insert(events).returning(events.c.position, sort_by_parameter_order=True)


class CoreAppendIO:
    one_statement_write = False

    async def read(self, conn: AsyncConnection | None, stream_id: str, from_seq: int) -> StreamTail:
        assert conn is not None, "every Core append runs in a transaction"
        rows = (await conn.execute(_TAIL_AND_READ_MODELS, {"stream_id": stream_id, "from_seq": from_seq})
                ).mappings().all()
        stored = {int(row["seq"]): str(row["hash"]) for row in rows if row["seq"] is not None}
        if stored:
            last = max(stored)
            head: tuple[int, str] | None = (last, stored[last])
        else:  # nothing at or after `from_seq`: the stream is empty, or ends before it (a gap)
            head = await stream_head(conn, stream_id) if from_seq > 0 else None
        return StreamTail(stored, head, read_model_of(stream_id, rows))

    async def write(self, conn: AsyncConnection | None, new: list[EventEnvelope], before: StreamReadModel,
                    after: StreamReadModel) -> int:
        assert conn is not None, "every Core append runs in a transaction"
        result = await conn.execute(_INSERT, [to_row(env) for env in new])
        positions = [int(p) for p in result.scalars().all()]
        await save_read_model(conn, before, after)
        return positions[-1]


async def stream_head(conn: AsyncConnection, stream_id: str) -> tuple[int, str] | None:
    row = (await conn.execute(
        select(events.c.seq, events.c.hash)
        .where(events.c.stream_id == stream_id)
        .order_by(events.c.seq.desc())
        .limit(1))).first()
    return None if row is None else (int(row.seq), str(row.hash))
