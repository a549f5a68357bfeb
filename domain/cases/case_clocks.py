"""How the case ends its deadline clocks: a clock whose awaited act comes late is breached, never quietly
satisfied (DOMAIN.md invariant 3: record the breach, do not hide it)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.cases.state import CaseState
from domain.deadlines.clock_events import ACTIVE, ClockStatus, DeadlineBreached
from domain.deadlines.clocks import cancel_all, satisfy
from domain.deadlines.local_time import local_date
from domain.deadlines.rules import DISCLOSURE_DEADLINES, PARTY_WINDOWS
from domain.messages import SYSTEM_ACTOR, Event

# The party's windows stay open after the case closes (the party may still act); so does the disclosure duty.
DISCLOSURE = DISCLOSURE_DEADLINES
__all__ = ["DISCLOSURE", "PARTY_WINDOWS", "cancel", "finish"]


def finish(state: CaseState, key: str, occurred_at: datetime) -> list[Event]:
    """The act a clock waits for happened at `occurred_at`: satisfied if in time, breached if late (a clock
    already breached stays breached)."""
    clock = state.clocks.get(key)
    if clock is None or clock.status is ClockStatus.BREACHED:
        return []
    if clock.status in ACTIVE and local_date(occurred_at) > clock.due_on:
        return [DeadlineBreached(occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=key,
                                 deadline_id=clock.deadline_id, due_on=clock.due_on)]
    return satisfy(state.clocks, key, occurred_at=occurred_at)


def cancel(state: CaseState, occurred_at: datetime, reason: str, *, keep: Iterable[str] = (),
           only: Iterable[str] | None = None) -> list[Event]:
    """Cancel open clocks, except those whose deadline id is in `keep` (and, given `only`, just those keys)."""
    kept = frozenset(keep)
    chosen = None if only is None else frozenset(only)
    clocks = {k: c for k, c in state.clocks.items()
              if c.deadline_id not in kept and (chosen is None or k in chosen)}
    return cancel_all(clocks, occurred_at=occurred_at, reason=reason)
