"""One stream's inclusion proof: its head, the audit path to the root and the signed checkpoint, as one JSON
document that verifies without the database (a court or the district checks one case, not the whole log).

`check_proof` does everything but the signature (the caller checks that with the public key): the head's leaf
with the audit path must climb to exactly the signed root of a tree of exactly the signed size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.anchoring import merkle
from domain.anchoring.checkpoint import (
    CheckpointFormatError,
    SignedCheckpoint,
    StreamHead,
    read_signed,
    signed_document,
)


class NotInCheckpoint(LookupError):
    """The stream has no head in the checkpoint (it is newer, or was never there)."""


@dataclass(frozen=True)
class StreamProof:
    head: StreamHead
    proof: merkle.InclusionProof
    signed: SignedCheckpoint


def prove(stream_id: str, signed: SignedCheckpoint, heads: Sequence[StreamHead]) -> StreamProof:
    """The proof that `stream_id`'s head is in the checkpoint (`heads` as stored beside it)."""
    index = next((i for i, head in enumerate(heads) if head.stream_id == stream_id), None)
    if index is None:
        raise NotInCheckpoint(f"stream {stream_id} is not in checkpoint {signed.checkpoint.sequence}")
    proof = merkle.inclusion_proof(index, [head.leaf() for head in heads])
    return StreamProof(heads[index], proof, signed)


def check_proof(found: StreamProof) -> str | None:
    """Why the proof fails against its checkpoint's signed root and size, or None when it holds."""
    checkpoint = found.signed.checkpoint
    if found.proof.tree_size != checkpoint.tree_size:
        return (f"the proof is for a tree of {found.proof.tree_size} leaves, "
                f"the checkpoint signed {checkpoint.tree_size}")
    reached = merkle.root_from_proof(found.head.leaf(), found.proof)
    if reached is None:
        return "the audit path does not fit the tree's shape"
    if reached.hex() != checkpoint.root:
        return f"the head and audit path lead to root {reached.hex()}, the checkpoint signed {checkpoint.root}"
    return None


def proof_document(found: StreamProof) -> dict[str, Any]:
    head = found.head
    return {
        "leaf": {"stream_id": head.stream_id, "seq": head.seq, "hash": head.hash},
        "leaf_bytes": head.leaf().decode("utf-8"),  # what the leaf hash is taken over (0x00 || these bytes)
        "index": found.proof.index,
        "tree_size": found.proof.tree_size,
        "audit_path": [sibling.hex() for sibling in found.proof.audit_path],
        "root": found.signed.checkpoint.root,
        **signed_document(found.signed),
    }


def read_proof(document: Mapping[str, Any]) -> StreamProof:
    signed = read_signed(document)
    try:
        leaf = document["leaf"]
        head = StreamHead(str(leaf["stream_id"]), int(leaf["seq"]), str(leaf["hash"]))
        path = tuple(bytes.fromhex(sibling) for sibling in document["audit_path"])
        proof = merkle.InclusionProof(int(document["index"]), int(document["tree_size"]), path)
    except (KeyError, TypeError, ValueError) as error:
        raise CheckpointFormatError(f"not an inclusion proof: {error!r}") from None
    return StreamProof(head, proof, signed)
