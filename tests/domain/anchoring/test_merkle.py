"""The Merkle tree agrees with RFC 6962's reference answers (the Certificate Transparency test vectors), and
every inclusion proof of every tree verifies, while an altered one does not."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.anchoring import merkle

# The inputs and roots of the RFC 6962 reference tests (certificate-transparency's merkle_tree_test).
LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = [  # (0-based index, tree size, audit path)
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]


def test_the_empty_tree_hashes_to_sha256_of_nothing() -> None:
    assert merkle.root([]) == hashlib.sha256(b"").digest()


def test_a_one_leaf_tree_is_its_prefixed_leaf_hash() -> None:
    assert merkle.root([b"leaf"]) == hashlib.sha256(b"\x00leaf").digest()


@pytest.mark.parametrize("size", range(1, 9))
def test_roots_match_the_rfc_6962_reference_tree(size: int) -> None:
    assert merkle.root(LEAVES[:size]).hex() == ROOTS[size - 1]


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_audit_paths_match_the_rfc_6962_reference_proofs(index: int, size: int, path: list[str]) -> None:
    proof = merkle.inclusion_proof(index, LEAVES[:size])

    assert [sibling.hex() for sibling in proof.audit_path] == path
    assert merkle.verify_inclusion(LEAVES[index], proof, bytes.fromhex(ROOTS[size - 1]))


def test_a_leaf_outside_the_tree_has_no_proof() -> None:
    with pytest.raises(IndexError, match="leaf 3 is not in a tree of 3 leaves"):
        merkle.inclusion_proof(3, LEAVES[:3])


# Distinct leaves, so that a proof moved to another index cannot verify by coincidence.
trees = st.lists(st.binary(max_size=12), min_size=1, max_size=70, unique=True)


@given(trees, st.data())
def test_every_leafs_proof_verifies_against_the_root(leaves: list[bytes], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(leaves) - 1))
    proof = merkle.inclusion_proof(index, leaves)

    assert merkle.verify_inclusion(leaves[index], proof, merkle.root(leaves))


@given(trees, st.data())
def test_an_altered_leaf_index_or_audit_path_fails(leaves: list[bytes], data: st.DataObject) -> None:
    """(The tree size alone is not bound by the path — index 0 climbs alike in trees of 3 and 4 leaves — which
    is why the checkpoint signs it and a proof's size must equal the signed one.)"""
    index = data.draw(st.integers(0, len(leaves) - 1))
    proof = merkle.inclusion_proof(index, leaves)
    root = merkle.root(leaves)

    assert not merkle.verify_inclusion(leaves[index] + b"!", proof, root)
    assert not merkle.verify_inclusion(leaves[index], replace(proof, audit_path=(*proof.audit_path, root)), root)
    if proof.audit_path:
        flipped = bytes([proof.audit_path[0][0] ^ 1]) + proof.audit_path[0][1:]
        assert not merkle.verify_inclusion(leaves[index], replace(proof, audit_path=(flipped, *proof.audit_path[1:])),
                                           root)
        assert not merkle.verify_inclusion(leaves[index], replace(proof, audit_path=proof.audit_path[:-1]), root)
    if len(leaves) > 1:
        other = data.draw(st.integers(0, len(leaves) - 1).filter(lambda i: i != index))
        assert not merkle.verify_inclusion(leaves[index], replace(proof, index=other), root)
