"""The RFC 6962 (Certificate Transparency) Merkle tree, its inclusion proofs and their verification.

Leaves are hashed as SHA-256(0x00 || leaf) and interior nodes as SHA-256(0x01 || left || right); the prefixes
keep a leaf from ever being passed off as a node. A tree of n > 1 leaves splits at the largest power of two
smaller than n (RFC 6962 §2.1), so any other RFC 6962 implementation computes the same root and accepts the
same proofs — a court or a district needs nothing of ours to check one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"


def leaf_hash(leaf: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def _subtree_root(hashes: Sequence[bytes]) -> bytes:
    if len(hashes) == 1:
        return hashes[0]
    k = _split(len(hashes))
    return node_hash(_subtree_root(hashes[:k]), _subtree_root(hashes[k:]))


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]): the empty tree's root is SHA-256 of nothing."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    return _subtree_root([leaf_hash(leaf) for leaf in leaves])


def _path(index: int, hashes: Sequence[bytes]) -> list[bytes]:
    if len(hashes) == 1:
        return []
    k = _split(len(hashes))
    if index < k:
        return [*_path(index, hashes[:k]), _subtree_root(hashes[k:])]
    return [*_path(index - k, hashes[k:]), _subtree_root(hashes[:k])]


@dataclass(frozen=True)
class InclusionProof:
    """That the leaf at `index` is in the tree of `tree_size` leaves: the audit path, bottom up."""

    index: int
    tree_size: int
    audit_path: tuple[bytes, ...]


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> InclusionProof:
    """PATH(m, D[n]) of RFC 6962 §2.1.1."""
    if not 0 <= index < len(leaves):
        raise IndexError(f"leaf {index} is not in a tree of {len(leaves)} leaves")
    return InclusionProof(index, len(leaves), tuple(_path(index, [leaf_hash(leaf) for leaf in leaves])))


def root_from_proof(leaf: bytes, proof: InclusionProof) -> bytes | None:
    """The root the proof leads to from `leaf`, or None when the path does not fit the tree's shape (the
    verification algorithm of RFC 9162 §2.1.3.2, which walks up without rebuilding the tree)."""
    if not 0 <= proof.index < proof.tree_size:
        return None
    fn, sn = proof.index, proof.tree_size - 1
    result = leaf_hash(leaf)
    for sibling in proof.audit_path:
        if sn == 0:
            return None  # a longer path than the tree is high
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            while not fn & 1 and fn != 0:  # the right edge of a ragged tree: climb the levels with no sibling
                fn, sn = fn >> 1, sn >> 1
        else:
            result = node_hash(result, sibling)
        fn, sn = fn >> 1, sn >> 1
    return result if sn == 0 else None


def verify_inclusion(leaf: bytes, proof: InclusionProof, expected_root: bytes) -> bool:
    return root_from_proof(leaf, proof) == expected_root
