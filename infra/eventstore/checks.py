"""What an append checks of a batch before it touches the store, and the conflict it may find against the store."""

from __future__ import annotations

from collections.abc import Sequence

from domain.envelope import EventEnvelope
from infra.eventstore.errors import ChainMismatch, InvalidEnvelope


class StoredConflict(Exception):
    """A stored (stream_id, seq) offered again with another hash (the store turns it into `AppendConflict`)."""

    def __init__(self, stored_hash: str, envelope: EventEnvelope) -> None:
        self.stored_hash = stored_hash
        self.envelope = envelope


def check_batch(batch: Sequence[EventEnvelope], *, rehash: bool = True) -> None:
    """What can be checked without the store: one stream, consecutive seqs chained by hash, honest hashes
    (`rehash=False`: the caller sealed these very envelopes itself, so hashing their content again would only
    repeat the SHA-256 it just computed; the links are checked all the same)."""
    if not batch:
        raise InvalidEnvelope(None, "nothing to append")
    stream_id = batch[0].stream_id
    previous: EventEnvelope | None = None
    for env in batch:
        if env.stream_id != stream_id:
            raise InvalidEnvelope(env.event_id, f"one append takes one stream; {stream_id} came first")
        if rehash:
            _check_hash(env)
        if previous is not None:
            _check_link(previous, env)
        previous = env


def check_histories(histories: Sequence[Sequence[EventEnvelope]], *, rehash: bool = True) -> None:
    """`check_batch` of each, and no stream twice (its events would collide with themselves)."""
    seen: set[str] = set()
    for history in histories:
        check_batch(history, rehash=rehash)
        if history[0].stream_id in seen:
            raise InvalidEnvelope(history[0].event_id, f"stream {history[0].stream_id} comes twice in one append")
        seen.add(history[0].stream_id)


def refuse_conflicts(batch: Sequence[EventEnvelope], stored: dict[int, str]) -> None:
    """`StoredConflict` for the first event of the batch stored (seq → hash) with another hash."""
    for env in batch:
        if env.seq in stored and stored[env.seq] != env.hash:
            raise StoredConflict(stored[env.seq], env)


def _check_hash(env: EventEnvelope) -> None:
    actual = env.computed_hash()
    if actual != env.hash:
        raise InvalidEnvelope(env.event_id, f"hash {env.hash} is not the hash of its content ({actual})")


def _check_link(previous: EventEnvelope, env: EventEnvelope) -> None:
    if env.seq != previous.seq + 1:
        raise ChainMismatch(env.stream_id, env.seq, f"seq {env.seq} does not follow seq {previous.seq} (gap)")
    if env.prev_hash != previous.hash:
        raise ChainMismatch(env.stream_id, env.seq, f"prev_hash {env.prev_hash} does not match "
                                                    f"seq {previous.seq}'s hash {previous.hash}")
