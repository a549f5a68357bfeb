"""Activities: methods on a class that receives its dependencies (the event store port)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from temporalio import activity

from domain.codec import from_primitive
from domain.envelope import EventEnvelope
from workflows.messages import AppendReceipt, AppendRequest, OpenedStream, OpenStream, OpenStreamsRequest

# Failures of the store that retrying cannot fix: a different event already holds the seq (an alarm), or the chain
# head moved. Matched by exception class name, so workflows need not import infra.
NON_RETRYABLE_APPEND_ERRORS = ["AppendConflict", "ChainMismatch", "InvalidEnvelope"]


class AppendOutcomePort(Protocol):
    @property
    def appended(self) -> Sequence[int]: ...  # seqs written by this call

    @property
    def already_stored(self) -> Sequence[int]: ...  # seqs found stored with the same hash (a retried append)

    @property
    def head_seq(self) -> int: ...


class EventStorePort(Protocol):
    async def append(self, envelopes: Sequence[EventEnvelope]) -> AppendOutcomePort: ...

    async def load_stream(self, stream_id: str, *, after_seq: int = 0) -> list[EventEnvelope]: ...


def _unsealed(envelope: EventEnvelope) -> dict[str, object]:
    content = envelope.hashed_content()
    for sealing in ("recorded_at", "prev_hash"):
        content.pop(sealing, None)
    return content


def sealed_alike(stored: Sequence[EventEnvelope], offered: Sequence[EventEnvelope]) -> bool:
    """The stored events are the offered ones sealed at another moment: same events from the same head."""
    return (len(stored) == len(offered) and stored[0].prev_hash == offered[0].prev_hash
            and all(_unsealed(s) == _unsealed(o) for s, o in zip(stored, offered, strict=True)))


class StreamActivities:
    def __init__(self, store: EventStorePort) -> None:
        self._store = store

    @activity.defn(name="append_events")
    async def append_events(self, request: AppendRequest) -> AppendReceipt:
        """Persist sealed events (and their read-model updates) in one transaction; idempotent on retry."""
        envelopes = [from_primitive(EventEnvelope, data) for data in request.envelopes]
        try:
            outcome = await self._store.append(envelopes)
        except Exception as error:
            stored = await self._stored_alike(error, envelopes)
            if stored is None:
                raise
            return AppendReceipt(stream_id=stored[-1].stream_id, last_seq=stored[-1].seq, appended=0,
                                 already_present=len(stored), head_hash=stored[-1].hash)
        return AppendReceipt(
            stream_id=envelopes[-1].stream_id,
            last_seq=outcome.head_seq,
            appended=len(outcome.appended),
            already_present=len(outcome.already_stored),
        )

    async def _stored_alike(self, error: Exception, envelopes: list[EventEnvelope]) -> list[EventEnvelope] | None:
        """A local activity's append whose workflow task was lost after the store committed it is run again by a
        new task, which seals the same events at a later moment: the store refuses them as a conflict. Those stored
        events are this step's; the workflow adopts them (their seal) instead of failing. Anything else: None."""
        if type(error).__name__ != "AppendConflict":
            return None
        stored = await self._store.load_stream(envelopes[0].stream_id, after_seq=envelopes[0].seq - 1)
        return stored if sealed_alike(stored, envelopes) else None


class StreamOpener(Protocol):
    async def open(self, stream: OpenStream) -> OpenedStream: ...


class FollowUpActivities:
    """Opens the streams another stream calls for, through the client facade (idempotent by request id)."""

    def __init__(self, opener: StreamOpener) -> None:
        self._opener = opener

    @activity.defn(name="open_streams")
    async def open_streams(self, request: OpenStreamsRequest) -> list[OpenedStream]:
        return [await self._opener.open(stream) for stream in request.streams]
