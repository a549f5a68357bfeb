"""The checkpoint: a signed statement of every stream's head at one moment, anchored outside the database.

Each stream's chain ends in a head `(stream_id, seq, hash)`; the hash covers the whole stream back to genesis.
The heads, sorted by stream id, are the leaves of an RFC 6962 Merkle tree, and the checkpoint signs that tree's
root with its size and the log's position and event count. Whoever rewrites history afterwards — even with
every hash recomputed — can no longer reach the signed root: the rewritten stream's head differs.

The signature covers the canonical JSON of the `Checkpoint` fields (sorted keys, no spaces, UTF-8). A leaf is
the UTF-8 canonical JSON array `[stream_id, seq, hash]`, e.g. `["CASE-1",3,"9f…"]`, so a third party needs
only SHA-256, JSON and Ed25519 to check a proof.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.anchoring import merkle
from domain.codec import canonical_json, from_primitive, to_primitive

CHECKPOINT_VERSION = 1
TREE_ALGORITHM = "RFC6962-SHA256"
SIGNATURE_ALGORITHM = "Ed25519"


class CheckpointFormatError(ValueError):
    """A checkpoint or proof document that cannot be read as one (not a verification failure)."""


@dataclass(frozen=True, order=True)
class StreamHead:
    stream_id: str
    seq: int
    hash: str

    def leaf(self) -> bytes:
        return canonical_json([self.stream_id, self.seq, self.hash]).encode("utf-8")


@dataclass(frozen=True)
class Checkpoint:
    """The signed fields. `log_position` is the highest `events.position` covered, `event_count` the events."""

    version: int
    sequence: int
    created_at: datetime
    tree_algorithm: str
    tree_size: int
    root: str  # hex
    log_position: int
    event_count: int
    signature_algorithm: str
    key_id: str

    def signed_bytes(self) -> bytes:
        return canonical_json(to_primitive(self)).encode("utf-8")


@dataclass(frozen=True)
class SignedCheckpoint:
    checkpoint: Checkpoint
    signature: str  # base64 of the signature over `checkpoint.signed_bytes()`


def ordered(heads: Iterable[StreamHead]) -> tuple[StreamHead, ...]:
    """The leaves' order: by stream id in code-point order (Python's), never a database collation — SQLite
    and PostgreSQL sort differently, and the tree must not depend on which one produced it."""
    return tuple(sorted(heads, key=lambda head: head.stream_id))


def tree_root(heads: Sequence[StreamHead]) -> str:
    return merkle.root([head.leaf() for head in heads]).hex()


def new_checkpoint(heads: Sequence[StreamHead], *, sequence: int, created_at: datetime, log_position: int,
                   event_count: int, key_id: str) -> Checkpoint:
    """The checkpoint over `heads` (already `ordered`)."""
    return Checkpoint(version=CHECKPOINT_VERSION, sequence=sequence, created_at=created_at,
                      tree_algorithm=TREE_ALGORITHM, tree_size=len(heads), root=tree_root(heads),
                      log_position=log_position, event_count=event_count,
                      signature_algorithm=SIGNATURE_ALGORITHM, key_id=key_id)


def heads_disagree(checkpoint: Checkpoint, heads: Sequence[StreamHead]) -> str | None:
    """Why the heads stored beside a checkpoint are not the ones it signed, or None when they are."""
    if list(heads) != list(ordered(heads)):
        return "the heads are not in stream-id order"
    if len(heads) != checkpoint.tree_size:
        return f"{len(heads)} heads stored, the signed tree has {checkpoint.tree_size}"
    computed = tree_root(heads)
    if computed != checkpoint.root:
        return f"the stored heads hash to root {computed}, the signed root is {checkpoint.root}"
    return None


# --- documents (what the checkpoint files and proofs hold) ----------------------------------------------------


def signed_document(signed: SignedCheckpoint) -> dict[str, Any]:
    return {"checkpoint": to_primitive(signed.checkpoint), "signature": signed.signature}


def read_signed(document: Mapping[str, Any]) -> SignedCheckpoint:
    try:
        checkpoint = from_primitive(Checkpoint, document["checkpoint"])
        signature = document["signature"]
    except (KeyError, TypeError, ValueError) as error:
        raise CheckpointFormatError(f"not a signed checkpoint: {error!r}") from None
    if not isinstance(signature, str) or checkpoint.version != CHECKPOINT_VERSION:
        raise CheckpointFormatError(f"unsupported checkpoint (version {checkpoint.version})")
    return SignedCheckpoint(checkpoint, signature)


def checkpoint_file(signed: SignedCheckpoint, heads: Sequence[StreamHead]) -> dict[str, Any]:
    """A checkpoint file: the signed checkpoint and the heads it covers (to answer proofs later)."""
    return {**signed_document(signed), "heads": [[h.stream_id, h.seq, h.hash] for h in heads]}


def read_checkpoint_file(document: Mapping[str, Any]) -> tuple[SignedCheckpoint, tuple[StreamHead, ...]]:
    signed = read_signed(document)
    try:
        heads = tuple(StreamHead(str(stream_id), int(seq), str(hash_))
                      for stream_id, seq, hash_ in document["heads"])
    except (KeyError, TypeError, ValueError) as error:
        raise CheckpointFormatError(f"the checkpoint's heads cannot be read: {error!r}") from None
    return signed, heads
