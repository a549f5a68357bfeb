"""Audit: the stored chain verifies, and a changed byte is named down to the event."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import ChainBreak, seal
from infra.eventstore import EventStore, verify
from tests.infra.eventstore.sample_streams import StreamWriter, at, lead
from tests.infra.eventstore.tampering import bypassing_the_guards, three_cases


async def test_an_intact_log_verifies_clean(store: EventStore, engine: AsyncEngine) -> None:
    await three_cases(store)

    assert await verify(engine) == []
    assert await verify(engine, "CASE-2") == []


async def test_one_changed_payload_byte_is_named_and_nothing_else(store: EventStore, engine: AsyncEngine) -> None:
    await three_cases(store)
    (original,) = [env for env in await store.load_stream("CASE-2") if env.seq == 1]

    async with bypassing_the_guards(engine) as conn:
        as_text = "CAST(payload AS text)" if conn.dialect.name == "postgresql" else "payload"
        changed = f"replace({as_text}, 'Gate 2', 'Gate 7')"
        new_value = f"CAST({changed} AS json)" if conn.dialect.name == "postgresql" else changed
        result = await conn.execute(text(
            f"UPDATE events SET payload = {new_value} WHERE stream_id = 'CASE-2' AND seq = 1"))
        assert result.rowcount == 1

    (tampered,) = [env for env in await store.load_stream("CASE-2") if env.seq == 1]
    assert tampered.payload["place"] == "Gate 7" and tampered.hash == original.hash
    assert await verify(engine) == [ChainBreak(
        "CASE-2", 1, f"content hash {tampered.computed_hash()} differs from stored {original.hash}")]
    assert await verify(engine, "CASE-1") == []


async def test_a_changed_typed_column_breaks_the_hash(store: EventStore, engine: AsyncEngine) -> None:
    await three_cases(store)

    async with bypassing_the_guards(engine) as conn:
        await conn.execute(text("UPDATE events SET fine_amount_fen = 1 WHERE stream_id = 'CASE-3' AND seq = 3"))

    breaks = await verify(engine)
    assert [(b.stream_id, b.seq) for b in breaks] == [("CASE-3", 3)]
    assert breaks[0].reason.startswith("content hash ")


async def test_a_removed_event_is_named_at_the_gap_it_leaves(store: EventStore, engine: AsyncEngine) -> None:
    await three_cases(store)

    async with bypassing_the_guards(engine) as conn:
        await conn.execute(text("DELETE FROM events WHERE stream_id = 'CASE-1' AND seq = 2"))

    assert await verify(engine) == [ChainBreak("CASE-1", 3, "expected seq 2, found 3 (gap)")]


async def test_a_typed_column_restating_the_payload_must_agree_with_it(
    store: EventStore, engine: AsyncEngine
) -> None:
    """A sealer that put the wrong actor in the column would still hash consistently; the audit notices."""
    case = StreamWriter("CASE-9")
    (honest,) = seal([(case.context("LEAD_REGISTERED"), lead(at(0)))], first_seq=1, prev_hash=case.head,
                     recorded_at=at(1))
    wrong = replace(honest, actor="officer-9")
    wrong = replace(wrong, hash=wrong.computed_hash())
    await store.append([wrong])

    assert await verify(engine) == [ChainBreak("CASE-9", 1, "actor column 'officer-9' is not the payload's first "
                                                            "actor 'officer-1'")]
