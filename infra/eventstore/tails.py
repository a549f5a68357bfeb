"""What an append reads of its stream before it writes, and the two ways of reading and writing it: SQLAlchemy Core
on any dialect (`core_io`), prepared statements on the asyncpg driver for PostgreSQL (`asyncpg_io`). Both store the
same rows; the store's checks in between are one and the same."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from domain.envelope import EventEnvelope
from domain.projections import StreamReadModel


@dataclass(frozen=True)
class StreamTail:
    stored: dict[int, str]  # seq → hash of the stored events from the seq before the batch's first on
    head: tuple[int, str] | None  # the stream's last stored event (seq, hash); None: the stream has none
    model: StreamReadModel  # the stream's read models as stored


class AppendIO(Protocol):
    # The write is one statement, atomic on its own: an append that writes nothing else needs no transaction of its
    # own (no BEGIN and COMMIT round trips); its read and its write still see one stream head, as the
    # (stream_id, seq) unique constraint refuses the write if another appender moved the head in between.
    one_statement_write: bool

    async def read(self, conn: AsyncConnection, stream_id: str, from_seq: int) -> StreamTail: ...

    async def write(self, conn: AsyncConnection, new: list[EventEnvelope], before: StreamReadModel,
                    after: StreamReadModel) -> int:
        """Insert `new` and turn the read models from `before` into `after`; the last event's log position."""
        ...
