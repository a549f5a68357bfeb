"""`zhifa audit prove STREAM` and `zhifa audit check-proof FILE`: one case's inclusion proof verifies offline,
with the public key alone and no database, and any altered part of it is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from infra.eventstore import EventStore
from tests.infra.eventstore.anchoring import Anchor, Outcome, anchor_for
from tests.infra.eventstore.tampering import three_cases


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """One dialect is enough: past taking the checkpoint, nothing here touches the database."""
    return sqlite_url


@pytest.fixture
def anchor(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> Anchor:
    return anchor_for(db_url, tmp_path, monkeypatch, capsys)


@pytest.fixture
async def proof(store: EventStore, anchor: Anchor) -> dict[str, Any]:
    await three_cases(store)
    assert (await anchor.zhifa("checkpoint")).code == 0
    proved = await anchor.zhifa("prove", "CASE-2")
    assert proved.code == 0, proved.err
    document: dict[str, Any] = json.loads(proved.out)
    return document


async def check_offline(anchor: Anchor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                        document: dict[str, Any]) -> Outcome:
    """What a court holding only the proof and the public key sees (no private key, no database)."""
    monkeypatch.delenv("ZHIFA_ANCHOR_KEY_FILE")
    monkeypatch.setenv("ZHIFA_ANCHOR_PUBLIC_KEY", anchor.signer.verifier.public_pem().decode("ascii"))
    monkeypatch.setenv("ZHIFA_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'nowhere' / 'none.db'}")
    monkeypatch.setenv("ZHIFA_ENV", "production")
    file = tmp_path / "proof.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    return await anchor.zhifa("check-proof", str(file))


async def test_a_streams_proof_names_its_head_and_the_signed_checkpoint(store: EventStore,
                                                                       proof: dict[str, Any]) -> None:
    head = await store.stream_head("CASE-2")
    assert head is not None

    assert proof["leaf"] == {"stream_id": "CASE-2", "seq": 4, "hash": head[1]}
    assert proof["leaf_bytes"] == f'["CASE-2",4,"{head[1]}"]'
    assert (proof["index"], proof["tree_size"], len(proof["audit_path"])) == (1, 3, 2)
    assert proof["root"] == proof["checkpoint"]["root"]
    assert proof["checkpoint"]["sequence"] == 1 and proof["signature"]


async def test_the_proof_verifies_offline_with_the_public_key_alone(
    anchor: Anchor, proof: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    checked = await check_offline(anchor, monkeypatch, tmp_path, proof)

    assert checked.code == 0, checked.err
    assert checked.out.startswith(f"proof holds: stream CASE-2 at #4 (hash {proof['leaf']['hash']}) is leaf 1 of "
                                  f"checkpoint 1 (3 streams, root {proof['root']}), signed by key "
                                  f"{anchor.signer.key_id} at ")


def _set(path: tuple[str, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def alter(document: dict[str, Any]) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return alter


ALTERATIONS = {
    "another head hash": (_set(("leaf", "hash"), "0" * 64), "the head and audit path lead to root "),
    "another seq": (_set(("leaf", "seq"), 3), "the head and audit path lead to root "),
    "an altered audit path": (_set(("audit_path", 0), "ab" * 32), "the head and audit path lead to root "),
    "a shorter audit path": (lambda d: d["audit_path"].pop(), "the audit path does not fit the tree's shape"),
    "another tree size": (_set(("tree_size",), 4), "the proof is for a tree of 4 leaves, the checkpoint signed 3"),
    "another signed root": (_set(("checkpoint", "root"), "cd" * 32), "the signature does not verify with key "),
}


@pytest.mark.parametrize("alteration", ALTERATIONS)
async def test_an_altered_proof_is_refused(alteration: str, anchor: Anchor, proof: dict[str, Any],
                                           monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    alter, reason = ALTERATIONS[alteration]
    alter(proof)

    checked = await check_offline(anchor, monkeypatch, tmp_path, proof)

    assert checked.code == 1
    assert checked.err.startswith(f"zhifa audit: proof {tmp_path / 'proof.json'} REFUSED: {reason}")


async def test_a_stream_the_checkpoint_does_not_hold_has_no_proof(anchor: Anchor, proof: dict[str, Any]) -> None:
    missing = await anchor.zhifa("prove", "CASE-9")

    assert (missing.code, missing.err) == (1, "zhifa audit: stream CASE-9 is not in checkpoint 1\n")
