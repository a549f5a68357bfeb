"""Clocks as durable timers: the next timer of every running clock (a warning, then a breach, or the end of a
waiting period) and what a fired timer emits."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.deadlines.clock_events import (
    ACTIVE,
    ClockStatus,
    DeadlineBreached,
    DeadlineSatisfied,
    DeadlineWarning,
)
from domain.deadlines.clocks import Clock, Clocks, period_kind
from domain.deadlines.local_time import start_of_local_day
from domain.deadlines.rules import PeriodKind
from domain.messages import SYSTEM_ACTOR, Event


class TimerKind(enum.StrEnum):
    WARNING = "WARNING"
    BREACH = "BREACH"
    ELAPSED = "ELAPSED"  # a WAITING period (D24D) has run: the act it holds back is now allowed


@dataclass(frozen=True)
class Timer:
    clock_key: str
    kind: TimerKind
    fire_at: datetime  # UTC


def _next_timer(clock: Clock) -> Timer | None:
    if clock.status not in ACTIVE:
        return None
    if clock.status is ClockStatus.RUNNING and clock.warn_on < clock.due_on:
        return Timer(clock.key, TimerKind.WARNING, start_of_local_day(clock.warn_on))
    kind = TimerKind.ELAPSED if period_kind(clock) is PeriodKind.WAITING else TimerKind.BREACH
    return Timer(clock.key, kind, start_of_local_day(clock.due_on + timedelta(days=1)))


def pending_timers(clocks: Clocks) -> list[Timer]:
    """The next timer of every running clock: a warning at the start of `warn_on`, then a breach at the
    start of the day after `due_on` (the whole due day is still in time), both Asia/Shanghai. A WAITING clock
    (D24D) gets an ELAPSED timer instead of a breach; firing it satisfies the clock."""
    timers = [t for t in (_next_timer(c) for c in clocks.values()) if t is not None]
    return sorted(timers, key=lambda t: (t.fire_at, t.clock_key))


def on_timer(clocks: Clocks, timer: Timer, *, now: datetime) -> list[Event]:
    """A durable timer fired: warn, breach or mark a waiting period as run, if that is still the clock's next
    timer and its moment has come. A stale timer (the clock was paused, resumed, recomputed or stopped since it
    was set) emits nothing; the caller sets the timers `pending_timers` now lists. Events carry the moment the
    clock's dates make them true, so replaying a late timer gives the same events."""
    clock = clocks.get(timer.clock_key)
    if clock is None:
        return []
    expected = _next_timer(clock)
    if expected is None or expected.kind is not timer.kind or now < expected.fire_at:
        return []
    at, actors, key, deadline_id = expected.fire_at, (SYSTEM_ACTOR,), clock.key, clock.deadline_id
    if expected.kind is TimerKind.WARNING:
        return [DeadlineWarning(occurred_at=at, actors=actors, clock_key=key, deadline_id=deadline_id,
                                due_on=clock.due_on)]
    if expected.kind is TimerKind.ELAPSED:
        return [DeadlineSatisfied(occurred_at=at, actors=actors, clock_key=key, deadline_id=deadline_id)]
    return [DeadlineBreached(occurred_at=at, actors=actors, clock_key=key, deadline_id=deadline_id,
                             due_on=clock.due_on)]
