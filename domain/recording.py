"""From decided events to sealed envelopes: fold each event into the state and seal it with the stream context
of the state after it, so the typed columns (status, violation type, procedure) say what the event made true."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from domain.decider import Decider
from domain.envelope import EventEnvelope, StreamContext, seal
from domain.messages import Command, Event

S = TypeVar("S")
C = TypeVar("C", bound=Command)


def record(
    decider: Decider[S, C],
    state: S,
    events: Sequence[Event],
    *,
    context_of: Callable[[S], StreamContext],
    first_seq: int,
    prev_hash: str,
    recorded_at: datetime,
) -> tuple[S, list[EventEnvelope]]:
    pairs: list[tuple[StreamContext, Event]] = []
    for event in events:
        state = decider.evolve(state, event)
        pairs.append((context_of(state), event))
    return state, seal(pairs, first_seq=first_seq, prev_hash=prev_hash, recorded_at=recorded_at)
