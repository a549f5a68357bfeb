"""What deadline clocks record: the events of a clock's life (started, satisfied, paused, resumed, recomputed,
cancelled, warned, breached) and the statuses they leave it in."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from domain.deadlines.rules import Unit
from domain.messages import Event


class ClockStatus(enum.StrEnum):
    RUNNING = "RUNNING"
    WARNED = "WARNED"
    BREACHED = "BREACHED"
    SATISFIED = "SATISFIED"
    PAUSED = "PAUSED"
    CANCELLED = "CANCELLED"


ACTIVE = frozenset({ClockStatus.RUNNING, ClockStatus.WARNED})


@dataclass(frozen=True, kw_only=True)
class DeadlineStarted(Event):
    clock_key: str
    deadline_id: str
    started_on: date
    length: int
    unit: Unit
    due_on: date
    warn_on: date
    provisional: bool
    source: str
    anchor: date | None = None  # the fixed day a NOTICE_BEFORE period counts back from (the hearing day)


@dataclass(frozen=True, kw_only=True)
class DeadlineSatisfied(Event):
    clock_key: str
    deadline_id: str


@dataclass(frozen=True, kw_only=True)
class DeadlinePaused(Event):
    clock_key: str
    deadline_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class DeadlineResumed(Event):
    clock_key: str
    deadline_id: str
    due_on: date
    warn_on: date
    provisional: bool
    # Days excluded by every pause so far, this one included, counted in the clock's unit (working days for a
    # working-day clock). None in events written before the field existed: calendar days are assumed then.
    paused_days: int | None = None


@dataclass(frozen=True, kw_only=True)
class DeadlineRecomputed(Event):
    """Holiday data arrived for a provisional clock's year: the due date moves with the real calendar."""

    clock_key: str
    deadline_id: str
    due_on: date
    warn_on: date
    provisional: bool
    # The period's new length when it changed (an approved extension, see `extend`), so that later pauses and
    # recomputations keep it; None when only the calendar changed.
    length: int | None = None


@dataclass(frozen=True, kw_only=True)
class DeadlineCancelled(Event):
    clock_key: str
    deadline_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class DeadlineWarning(Event):
    clock_key: str
    deadline_id: str
    due_on: date


@dataclass(frozen=True, kw_only=True)
class DeadlineBreached(Event):
    clock_key: str
    deadline_id: str
    due_on: date


CLOCK_EVENTS: tuple[type[Event], ...] = (
    DeadlineStarted,
    DeadlineSatisfied,
    DeadlinePaused,
    DeadlineResumed,
    DeadlineRecomputed,
    DeadlineCancelled,
    DeadlineWarning,
    DeadlineBreached,
)
