"""`zhifa audit verify --against-checkpoint`: what the hash chain alone cannot catch — a rewrite with every hash
recomputed, a cut tail, a removed stream — departs from the signed checkpoint, named by stream and checkpoint;
streams newer than the checkpoint are not covered, which is no error. Both dialects, tampering done in SQL
around the append-only guards."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.anchoring import Signer
from infra.eventstore import EventStore
from tests.infra.eventstore.anchoring import Anchor, anchor_for, rewrite
from tests.infra.eventstore.sample_streams import CaseClosed, StreamWriter, at, lead
from tests.infra.eventstore.tampering import bypassing_the_guards, three_cases


@pytest.fixture
def anchor(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Anchor:
    return anchor_for(db_url, tmp_path, monkeypatch, capsys)


async def checkpointed(store: EventStore, anchor: Anchor) -> Path:
    """Three cases in the log and checkpoint 1 of them; the checkpoint file."""
    await three_cases(store)
    taken = await anchor.zhifa("checkpoint")
    assert taken.code == 0, taken.err
    path = anchor.checkpoints / "checkpoint-000001.json"
    assert taken.out.startswith(f"checkpoint 1 written to {path}: 3 stream(s), root ")
    return path


async def head_hash(store: EventStore, stream_id: str) -> str:
    head = await store.stream_head(stream_id)
    assert head is not None
    return head[1]


async def departs(anchor: Anchor, checkpoint: Path) -> str:
    """The report of a log that the plain chain audit passes and the checkpoint does not."""
    plain = await anchor.zhifa("verify")
    assert (plain.code, plain.out) == (0, "hash chains intact (every stream and the security log)\n")
    checked = await anchor.zhifa("verify", "--against-checkpoint")
    assert checked.code == 1, checked.out + checked.err
    assert f"log DEPARTS from checkpoint 1 ({checkpoint}, taken " in checked.out
    assert "in 1 stream(s):\n" in checked.out
    return checked.out


async def test_an_untouched_log_matches_and_what_came_later_is_not_covered(store: EventStore, anchor: Anchor) -> None:
    checkpoint = await checkpointed(store, anchor)
    later = StreamWriter("CASE-4")
    await store.append(later.seal((lead(at(9)), "LEAD_REGISTERED")))
    case_1 = StreamWriter("CASE-1")
    case_1.seq, case_1.head = 4, await head_hash(store, "CASE-1")
    await store.append(case_1.seal((CaseClosed(occurred_at=at(10), actors=("p",)), "CLOSED")))  # an append since

    checked = await anchor.zhifa("verify", "--against-checkpoint", str(checkpoint))

    assert checked.code == 0, checked.out + checked.err
    assert f"log matches checkpoint 1 ({checkpoint}, taken " in checked.out
    assert "): 3 stream(s) as checkpointed\n" in checked.out
    assert checked.out.endswith("not covered (newer than the checkpoint): 1 stream(s): CASE-4\n")


async def test_a_forged_event_with_its_hash_recomputed_departs(store: EventStore, engine: AsyncEngine,
                                                               anchor: Anchor) -> None:
    checkpoint = await checkpointed(store, anchor)
    signed = await head_hash(store, "CASE-2")
    await rewrite(engine, store, "CASE-2", 4,
                  lambda env: replace(env, actor="forger", payload={**env.payload, "actors": ["forger"]}))

    report = await departs(anchor, checkpoint)

    assert (f"  CASE-2: history up to #4 was rewritten: the chain now ends there in "
            f"{await head_hash(store, 'CASE-2')}, the checkpoint holds {signed}\n") in report


async def test_a_fine_rewritten_with_the_rest_of_the_chain_rehashed_departs(store: EventStore, engine: AsyncEngine,
                                                                            anchor: Anchor) -> None:
    checkpoint = await checkpointed(store, anchor)
    signed = await head_hash(store, "CASE-3")
    await rewrite(engine, store, "CASE-3", 3,
                  lambda env: replace(env, fine_amount_fen=3, payload={**env.payload, "fine_fen": 3}))
    assert [env.fine_amount_fen for env in await store.load_stream("CASE-3")] == [None, None, 3, None]

    report = await departs(anchor, checkpoint)

    assert (f"  CASE-3: history up to #4 was rewritten: the chain now ends there in "
            f"{await head_hash(store, 'CASE-3')}, the checkpoint holds {signed}\n") in report


async def test_a_truncated_tail_departs(store: EventStore, engine: AsyncEngine, anchor: Anchor) -> None:
    checkpoint = await checkpointed(store, anchor)
    async with bypassing_the_guards(engine) as conn:
        await conn.execute(text("DELETE FROM events WHERE stream_id = 'CASE-1' AND seq = 4"))

    report = await departs(anchor, checkpoint)

    assert "  CASE-1: the stream was cut: it ends at #3, the checkpoint holds it at #4\n" in report


async def test_a_deleted_stream_departs(store: EventStore, engine: AsyncEngine, anchor: Anchor) -> None:
    checkpoint = await checkpointed(store, anchor)
    signed = await head_hash(store, "CASE-2")
    async with bypassing_the_guards(engine) as conn:
        await conn.execute(text("DELETE FROM events WHERE stream_id = 'CASE-2'"))

    report = await departs(anchor, checkpoint)

    assert f"  CASE-2: the stream is gone: the checkpoint holds it at #4 (hash {signed})\n" in report


async def test_a_checkpoint_whose_signature_does_not_verify_is_refused(store: EventStore, anchor: Anchor,
                                                                       tmp_path: Path) -> None:
    checkpoint = await checkpointed(store, anchor)
    document = json.loads(checkpoint.read_text(encoding="utf-8"))
    document["checkpoint"]["event_count"] -= 1
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(document), encoding="utf-8")

    refused = await anchor.zhifa("verify", "--against-checkpoint", str(altered))

    assert refused.code == 1
    assert refused.err == (f"zhifa audit: checkpoint {altered} refused: the signature does not verify with key "
                           f"{anchor.signer.key_id}: the checkpoint was altered or forged\n")


async def test_a_checkpoint_is_refused_when_its_heads_are_not_the_ones_signed(store: EventStore, anchor: Anchor,
                                                                             tmp_path: Path) -> None:
    checkpoint = await checkpointed(store, anchor)
    document = json.loads(checkpoint.read_text(encoding="utf-8"))
    del document["heads"][1]  # CASE-2 taken out of the checkpoint, so its deletion would go unnoticed
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(document), encoding="utf-8")

    refused = await anchor.zhifa("verify", "--against-checkpoint", str(altered))

    assert refused.code == 1
    assert refused.err == f"zhifa audit: checkpoint {altered} refused: 2 heads stored, the signed tree has 3\n"


async def test_a_checkpoint_signed_by_another_key_is_refused(store: EventStore, anchor: Anchor,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    checkpoint = await checkpointed(store, anchor)
    other = Signer.generate().verifier
    monkeypatch.setenv("ZHIFA_ANCHOR_PUBLIC_KEY", other.public_pem().decode("ascii"))

    refused = await anchor.zhifa("verify", "--against-checkpoint")

    assert refused.code == 1
    assert refused.err == (f"zhifa audit: checkpoint {checkpoint} refused: signed by key {anchor.signer.key_id}, "
                           f"but the verification key is {other.key_id}\n")


async def test_no_checkpoint_is_taken_of_a_log_that_is_already_broken(store: EventStore, engine: AsyncEngine,
                                                                      anchor: Anchor) -> None:
    await three_cases(store)
    async with bypassing_the_guards(engine) as conn:
        await conn.execute(text("UPDATE events SET fine_amount_fen = 1 WHERE stream_id = 'CASE-3' AND seq = 3"))

    refused = await anchor.zhifa("checkpoint")

    assert refused.code == 1
    assert refused.err.startswith("zhifa audit: no checkpoint of a broken log: 1 stream(s) break their hash chain "
                                  "— run `zhifa audit verify`:\n  CASE-3#3: content hash ")
    assert not anchor.checkpoints.exists()
