"""Why an append was refused."""

from __future__ import annotations


class EventStoreError(Exception):
    """An append the log refused; nothing of it was written."""


class InvalidEnvelope(EventStoreError):
    """The batch itself is malformed: empty, several streams, or an envelope whose hash is not its content's."""

    def __init__(self, event_id: str | None, reason: str) -> None:
        self.event_id = event_id
        self.reason = reason
        super().__init__(f"{event_id}: {reason}" if event_id else reason)


class ChainMismatch(EventStoreError):
    """The batch does not continue the stream: a seq gap or a prev_hash other than the stored head's hash."""

    def __init__(self, stream_id: str, seq: int, reason: str) -> None:
        self.stream_id = stream_id
        self.seq = seq
        self.reason = reason
        super().__init__(f"{stream_id}#{seq}: {reason}")


class AppendConflict(EventStoreError):
    """A stored event was offered again with different content. This is an alarm (recorded in `append_alarms`),
    never an overwrite: the stored event stays as it is."""

    def __init__(self, stream_id: str, seq: int, stored_hash: str, attempted_hash: str) -> None:
        self.stream_id = stream_id
        self.seq = seq
        self.stored_hash = stored_hash
        self.attempted_hash = attempted_hash
        super().__init__(
            f"{stream_id}#{seq} is already stored with hash {stored_hash}; "
            f"refusing different content with hash {attempted_hash}"
        )
