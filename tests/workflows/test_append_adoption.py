"""A local activity's append can be committed by the store while its workflow task is lost (a worker dies before
completing it); the task then runs again and seals the same events at a later moment. The append activity
recognises the stored events as that step's and the workflow adopts their seal: nothing is written twice, nothing
different is written, and the step does not fail. Any other difference stays a conflict."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.codec import to_primitive
from domain.envelope import GENESIS_HASH, EventEnvelope
from domain.recording import record
from tests.workflows import toy
from tests.workflows.memory_store import AppendConflict, MemoryStore
from workflows.activities import StreamActivities
from workflows.messages import AppendRequest

OPENED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def sealed(subject: str, recorded_at: datetime) -> list[EventEnvelope]:
    opened = toy.TicketOpened(occurred_at=OPENED_AT, actors=("o1",), stream_id="t-1", town="t1", subject=subject)
    _, envelopes = record(toy.SPEC.decider, toy.SPEC.decider.initial(), [opened], context_of=toy.SPEC.context_of,
                          first_seq=1, prev_hash=GENESIS_HASH, recorded_at=recorded_at)
    return envelopes


def request(envelopes: list[EventEnvelope]) -> AppendRequest:
    return AppendRequest(envelopes=[to_primitive(e) for e in envelopes])


async def test_the_same_events_sealed_again_later_adopt_the_stored_seal() -> None:
    store = MemoryStore()
    first = sealed("noise", OPENED_AT)
    await store.append(first)
    receipt = await StreamActivities(store).append_events(request(sealed("noise", OPENED_AT + timedelta(minutes=1))))
    assert (receipt.last_seq, receipt.appended, receipt.already_present) == (1, 0, 1)
    assert receipt.head_hash == first[-1].hash
    assert store.streams["t-1"] == first


async def test_other_events_at_the_same_seq_stay_a_conflict() -> None:
    store = MemoryStore()
    await store.append(sealed("noise", OPENED_AT))
    with pytest.raises(AppendConflict):
        await StreamActivities(store).append_events(request(sealed("smoke", OPENED_AT + timedelta(minutes=1))))


async def test_a_plain_append_reports_no_adopted_head() -> None:
    receipt = await StreamActivities(MemoryStore()).append_events(request(sealed("noise", OPENED_AT)))
    assert (receipt.appended, receipt.head_hash) == (1, "")
