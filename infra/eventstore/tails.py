"""What an append reads of its stream before it writes, and the two ways of reading and writing it: SQLAlchemy Core
on any dialect (`core_io`), prepared statements on the asyncpg driver for PostgreSQL (`asyncpg_io`). Both store the
same rows; the store's checks in between are one and the same."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from domain.envelope import GENESIS_HASH, EventEnvelope
from domain.projections import StreamReadModel


@dataclass(frozen=True)
class StreamTail:
    stored: dict[int, str]  # seq → hash of the stored events from the seq before the batch's first on
    head: tuple[int, str] | None  # the stream's last stored event (seq, hash); None: the stream has none
    model: StreamReadModel  # the stream's read models as stored


class AppendIO(Protocol):
    # The write is atomic on its own (PostgreSQL: one statement; SQLite: one call on the driver's thread, from BEGIN
    # to COMMIT): an append that writes nothing else needs no transaction of SQLAlchemy's (no BEGIN and COMMIT round
    # trips) and is then given no connection (None): its read and its write take pooled ones of their own. Its read
    # and its write still see one stream head, as the (stream_id, seq) unique constraint refuses the write if
    # another appender moved the head in between.
    atomic_write: bool

    async def read(self, conn: AsyncConnection | None, stream_id: str, from_seq: int) -> StreamTail: ...

    async def write(self, conn: AsyncConnection | None, new: list[EventEnvelope], before: StreamReadModel,
                    after: StreamReadModel) -> int:
        """Insert `new` and turn the read models from `before` into `after`; the last event's log position."""
        ...


class CommittedTails:
    """The tail each stream had when this process last saw it committed (its own appends, its no-op retries), for
    the streams it appended to most recently: an append continuing one of them skips the read. Nothing is trusted
    blindly: the write still inserts the events under the (stream_id, seq) unique constraint, so if another
    appender moved the head meanwhile the write fails as a lost race, the tail is forgotten, and the retry reads
    the stream. The read models remembered are the ones stored with that head (they change only with the stream's
    events). Only committed states are remembered: an append inside a caller's transaction (which may still roll
    back) is never.

    A stream's first event (seq 1 after the genesis hash) continues the empty tail: a new stream has no events and
    no read models (they are written only with its events). Should it have events after all (a first step sent
    again, another appender first), the write fails on the same constraint, and from then on the stream is read
    (`forget`) until an append of it commits here: the retry finds what is stored, a repeat or a conflict."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._tails: OrderedDict[str, StreamTail] = OrderedDict()
        self._not_new: OrderedDict[str, None] = OrderedDict()  # streams found to have events: read, not assumed

    def continued_by(self, batch: Sequence[EventEnvelope]) -> StreamTail | None:
        """The remembered tail if `batch` starts right after its head (a first event: the empty tail, unless the
        stream was found to have events), else None (read the stream)."""
        first = batch[0]
        tail = self._tails.get(first.stream_id)
        if tail is None and first.seq == 1 and first.prev_hash == GENESIS_HASH \
                and first.stream_id not in self._not_new:
            return StreamTail({}, None, StreamReadModel(first.stream_id))
        if tail is None or tail.head != (first.seq - 1, first.prev_hash):
            return None
        return tail

    def remember(self, head: tuple[int, str], model: StreamReadModel) -> None:
        known = self._tails.get(model.stream_id)
        if known is not None and known.head is not None and known.head[0] > head[0]:
            return  # a later head was committed meanwhile (appends of one stream finishing out of order)
        self._tails[model.stream_id] = StreamTail({}, head, model)
        self._tails.move_to_end(model.stream_id)
        self._not_new.pop(model.stream_id, None)
        if len(self._tails) > self._size:
            self._tails.popitem(last=False)

    def forget(self, stream_id: str) -> None:
        """Another appender moved the stream (the write lost its race): read it next time."""
        self._tails.pop(stream_id, None)
        self._not_new[stream_id] = None
        self._not_new.move_to_end(stream_id)
        if len(self._not_new) > self._size:
            self._not_new.popitem(last=False)
