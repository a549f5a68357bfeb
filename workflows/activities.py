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


class StreamActivities:
    def __init__(self, store: EventStorePort) -> None:
        self._store = store

    @activity.defn(name="append_events")
    async def append_events(self, request: AppendRequest) -> AppendReceipt:
        """Persist sealed events (and their read-model updates) in one transaction; idempotent on retry."""
        envelopes = [from_primitive(EventEnvelope, data) for data in request.envelopes]
        outcome = await self._store.append(envelopes)
        return AppendReceipt(
            stream_id=envelopes[-1].stream_id,
            last_seq=outcome.head_seq,
            appended=len(outcome.appended),
            already_present=len(outcome.already_stored),
        )


class StreamOpener(Protocol):
    async def open(self, stream: OpenStream) -> OpenedStream: ...


class FollowUpActivities:
    """Opens the streams another stream calls for, through the client facade (idempotent by request id)."""

    def __init__(self, opener: StreamOpener) -> None:
        self._opener = opener

    @activity.defn(name="open_streams")
    async def open_streams(self, request: OpenStreamsRequest) -> list[OpenedStream]:
        return [await self._opener.open(stream) for stream in request.streams]
