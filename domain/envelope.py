"""The sealed form of an event in the log, and the tamper-evident hash chain over a stream.

Every stream's events form a chain: each envelope's `hash` is SHA-256 over the canonical serialisation of all
its columns and its payload, including `prev_hash`, the hash of the previous event in the same stream
(`GENESIS_HASH` for seq 1). Changing any byte of a stored event breaks its hash; deleting or reordering breaks
the next event's `prev_hash`. Everything is computed in the workflow, so a retried append is byte-identical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from domain.codec import canonical_json, to_primitive
from domain.frozen import replace
from domain.messages import Event, EventRegistry

GENESIS_HASH = "0" * 64


def chain_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of a link's content (every chain of the system hashes this way)."""
    text = canonical_json(content if type(content) is dict else dict(content))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Link(Protocol):
    """One link of a hash chain: its position, the previous link's hash, its own stored and computed hash."""

    @property
    def seq(self) -> int: ...

    @property
    def prev_hash(self) -> str: ...

    @property
    def hash(self) -> str: ...

    def computed_hash(self) -> str: ...


@dataclass(frozen=True)
class StreamContext:
    """The typed columns a stream gives each of its events (they are not part of the event's own fields)."""

    stream_id: str
    stream_kind: str
    town: str
    unit: str
    procedure: str | None = None
    violation_type: str | None = None
    status: str | None = None  # the stream's state after the event (typed column for read models and statistics)


@dataclass(frozen=True)
class EventEnvelope:
    stream_id: str
    stream_kind: str
    seq: int
    event_type: str
    event_version: int
    occurred_at: datetime
    recorded_at: datetime
    actor: str
    town: str
    unit: str
    procedure: str | None
    violation_type: str | None
    fine_amount_fen: int | None
    status: str | None
    payload: Mapping[str, Any] = field(hash=False)
    prev_hash: str
    hash: str

    @property
    def event_id(self) -> str:
        return f"{self.stream_id}#{self.seq}"

    def hashed_content(self, times: tuple[str, str] | None = None) -> dict[str, Any]:
        """Everything the hash covers: every column but the hash itself. `times`: the canonical text of
        `occurred_at` and `recorded_at` when the caller has it already (sealing)."""
        occurred, recorded = times or (to_primitive(self.occurred_at), to_primitive(self.recorded_at))
        return {
            "stream_id": self.stream_id,
            "stream_kind": self.stream_kind,
            "seq": self.seq,
            "event_type": self.event_type,
            "event_version": self.event_version,
            "occurred_at": occurred,
            "recorded_at": recorded,
            "actor": self.actor,
            "town": self.town,
            "unit": self.unit,
            "procedure": self.procedure,
            "violation_type": self.violation_type,
            "fine_amount_fen": self.fine_amount_fen,
            "status": self.status,
            "payload": dict(self.payload),
            "prev_hash": self.prev_hash,
        }

    def computed_hash(self) -> str:
        return chain_hash(self.hashed_content())

    def open(self, registry: EventRegistry) -> Event:
        return registry.decode(self.event_type, self.event_version, self.payload)


def seal(
    events: Iterable[tuple[StreamContext, Event]],
    *,
    first_seq: int,
    prev_hash: str,
    recorded_at: datetime,
) -> list[EventEnvelope]:
    """Seal events into consecutive envelopes of one stream, chaining their hashes. Each event comes with the
    stream context as it stands after that event (see `record`)."""
    sealed: list[EventEnvelope] = []
    recorded = to_primitive(recorded_at)
    for offset, (context, event) in enumerate(events):
        payload = EventRegistry.encode(event)
        draft = EventEnvelope(
            stream_id=context.stream_id,
            stream_kind=context.stream_kind,
            seq=first_seq + offset,
            event_type=event.type_name(),
            event_version=event.EVENT_VERSION,
            occurred_at=event.occurred_at,
            recorded_at=recorded_at,
            actor=event.primary_actor,
            town=context.town,
            unit=context.unit,
            procedure=context.procedure,
            violation_type=context.violation_type,
            fine_amount_fen=event.fine_amount_fen(),
            status=context.status,
            payload=payload,
            prev_hash=prev_hash,
            hash="",
        )
        # The payload holds `occurred_at` in its canonical text already (every event has the field).
        envelope = replace(draft, hash=chain_hash(draft.hashed_content((payload["occurred_at"], recorded))))
        sealed.append(envelope)
        prev_hash = envelope.hash
    return sealed


@dataclass(frozen=True)
class ChainBreak:
    """The first event of a stream whose stored form does not match its chain."""

    stream_id: str
    seq: int
    reason: str


def verify_chain(envelopes: Iterable[EventEnvelope]) -> ChainBreak | None:
    """Walk one stream in seq order; name the first event that breaks the chain, or None if intact."""
    stream = list(envelopes)
    return first_break(stream, chain=stream[0].stream_id if stream else "")


def first_break(links: Iterable[Link], *, chain: str, start_seq: int = 1,
                start_hash: str = GENESIS_HASH) -> ChainBreak | None:
    """Walk links in seq order from an anchor (the genesis, or what a purge left: the seq and hash the first
    remaining link must continue); name the first link that breaks the chain, or None if intact."""
    expected_prev = start_hash
    expected_seq = start_seq
    for link in links:
        if link.seq != expected_seq:
            return ChainBreak(chain, link.seq, f"expected seq {expected_seq}, found {link.seq} (gap)")
        if link.prev_hash != expected_prev:
            return ChainBreak(chain, link.seq, "prev_hash does not match the previous event's hash")
        actual = link.computed_hash()
        if actual != link.hash:
            return ChainBreak(chain, link.seq, f"content hash {actual} differs from stored {link.hash}")
        expected_prev = link.hash
        expected_seq += 1
    return None
