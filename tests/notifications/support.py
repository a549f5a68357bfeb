"""A filed case of a town whose D7 clock (decision within 90 days) then warns or breaches, appended through a
store whose projector notifies, as the worker's does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.deadlines.clock_events import DeadlineBreached, DeadlineWarning
from domain.messages import SYSTEM_ACTOR
from domain.recording import record
from domain.task_routing import next_steps_for
from infra.eventstore import EventStore
from infra.notifications import Notifier, principals_of
from infra.projections import Projector
from infra.reference import demo_reference
from tests.api.seeding import GENERAL, seed_case_with_state

REFERENCE = demo_reference()


def notifying_store(engine: AsyncEngine) -> EventStore:
    return EventStore(engine, Projector(next_steps_for, notifier=Notifier(principals_of(REFERENCE))))


@dataclass(frozen=True)
class Clocked:
    stream_id: str
    case_no: str
    warning_seq: int


async def case_with_d7(store: EventStore, town: str, name: str, *, breach: bool = False) -> Clocked:
    """A filed case of `town`, then its D7 warning (and, with `breach`, its breach) as the timers emit them."""
    base = (datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0)
    seeded, state, seq, head = await seed_case_with_state(store, town, name, base=base)
    clock = state.clocks["D7"]
    at = base + timedelta(days=2)
    fired = [DeadlineWarning(occurred_at=at, actors=(SYSTEM_ACTOR,), clock_key="D7", deadline_id="D7",
                             due_on=clock.due_on)]
    if breach:
        fired.append(DeadlineBreached(occurred_at=at + timedelta(hours=1), actors=(SYSTEM_ACTOR,), clock_key="D7",
                                      deadline_id="D7", due_on=clock.due_on))
    state, envelopes = record(GENERAL.decider, state, fired, context_of=GENERAL.context_of, first_seq=seq + 1,
                              prev_hash=head, recorded_at=at)
    await store.append(envelopes)
    return Clocked(seeded.stream_id, seeded.case_no, seq + 1)
