"""Deadline clocks inside a stream: started, paused, resumed, extended, recomputed, satisfied, cancelled, and
the fold of their events.

A clock is started by the domain when its trigger happens (e.g. `CaseFiled` starts D7) and its due date is
computed then (`due_dates`), on the calendar given, so the log records what the officer was told. The workflow
turns running clocks into durable timers (`timers`), which emit `DeadlineWarning` or `DeadlineBreached`. A clock
computed on a year without holiday data is provisional and is recomputed (`recompute`) when the data arrives.
Paused time (`pause`/`resume`) and approved extensions (`extend`) are kept on the clock, so every recomputation
starts from the period's start; the events themselves are in `clock_events`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.clock_events import (
    ACTIVE,
    CLOCK_EVENTS,
    ClockStatus,
    DeadlineBreached,
    DeadlineCancelled,
    DeadlinePaused,
    DeadlineRecomputed,
    DeadlineResumed,
    DeadlineSatisfied,
    DeadlineStarted,
    DeadlineWarning,
)
from domain.deadlines.due_dates import (
    due_date,
    is_provisional,
    latest_day_before,
    nominal_end,
    rule_length,
    warning_date,
)
from domain.deadlines.local_time import local_date
from domain.deadlines.rules import DEADLINES, PeriodKind, Unit
from domain.frozen import replace
from domain.messages import SYSTEM_ACTOR, Event
from domain.profile import RuleProfile


@dataclass(frozen=True)
class Clock:
    key: str
    deadline_id: str
    started_on: date
    length: int
    unit: Unit
    due_on: date
    warn_on: date
    provisional: bool
    status: ClockStatus
    paused_on: date | None = None
    paused_days: int = 0  # days excluded so far (calendar or working days, as the unit counts)
    anchor: date | None = None  # NOTICE_BEFORE periods: the day the period counts back from


Clocks = Mapping[str, Clock]


def start(
    deadline_id: str,
    started_on: date,
    *,
    occurred_at: datetime,
    cal: WorkCalendar,
    profile: RuleProfile,
    key: str | None = None,
    length: int | None = None,
    unit: Unit | None = None,
    anchor: date | None = None,
) -> DeadlineStarted:
    """Start the clock of `deadline_id` on `started_on`; `length`/`unit` override the rule (e.g. a rectification
    order's own deadline, an approved extension). A NOTICE_BEFORE rule (D11) needs `anchor`, the day it counts
    back from; its due date is the last day the act can still happen."""
    rule = DEADLINES[deadline_id]
    n = rule_length(rule, profile) if length is None else length
    u = rule.unit if unit is None else unit
    if rule.kind is PeriodKind.NOTICE_BEFORE:
        if anchor is None:
            raise ValueError(f"{deadline_id} counts back from a fixed day: pass anchor")
        due = latest_day_before(u, anchor, n, cal)
        warn = due if due <= started_on else warning_date(Unit.WORKING_DAYS, started_on, due, cal, profile)
        provisional = bool(cal.uncovered_years(min(due, anchor), anchor))
    else:
        due = due_date(u, started_on, n, cal)
        warn = due if rule.kind is PeriodKind.WAITING else warning_date(u, started_on, due, cal, profile, length=n)
        provisional = is_provisional(u, started_on, n, due, cal)
    return DeadlineStarted(
        occurred_at=occurred_at,
        actors=(SYSTEM_ACTOR,),
        clock_key=key or deadline_id,
        deadline_id=deadline_id,
        started_on=started_on,
        length=n,
        unit=u,
        due_on=due,
        warn_on=warn,
        provisional=provisional,
        source=rule.source,
        anchor=anchor if rule.kind is PeriodKind.NOTICE_BEFORE else None,
    )


def period_kind(clock: Clock) -> PeriodKind:
    rule = DEADLINES.get(clock.deadline_id)
    return PeriodKind.DEADLINE if rule is None else rule.kind


def satisfy(clocks: Clocks, key: str, *, occurred_at: datetime) -> list[Event]:
    """Stop a clock because what it waits for happened (no event if it is not running)."""
    clock = clocks.get(key)
    if clock is None or clock.status not in (*ACTIVE, ClockStatus.PAUSED, ClockStatus.BREACHED):
        return []
    return [DeadlineSatisfied(occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=key,
                              deadline_id=clock.deadline_id)]


def cancel_all(clocks: Clocks, *, occurred_at: datetime, reason: str) -> list[Event]:
    """Cancel every open clock (the case was withdrawn, transferred or closed)."""
    return [
        DeadlineCancelled(occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=c.key,
                          deadline_id=c.deadline_id, reason=reason)
        for c in clocks.values()
        if c.status in (*ACTIVE, ClockStatus.PAUSED)
    ]


def pause(clocks: Clocks, key: str, *, occurred_at: datetime, reason: str) -> list[Event]:
    """Stop the count (e.g. hearing, testing, appraisal time that does not count towards APL 60's 90 days)."""
    clock = clocks.get(key)
    if clock is None or clock.status not in ACTIVE:
        return []
    return [DeadlinePaused(occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=key,
                           deadline_id=clock.deadline_id, reason=reason)]


def excluded_days(unit: Unit, paused_on: date, resumed_on: date, cal: WorkCalendar) -> int:
    """The days a pause removes from the count: those after the pause day up to and including the resume day
    (the pause day itself has already run; counting restarts the day after the resume), in the clock's unit."""
    if resumed_on <= paused_on:
        return 0
    if unit is Unit.WORKING_DAYS:
        return cal.working_days_between(paused_on, resumed_on)
    return (resumed_on - paused_on).days


def resume(
    clocks: Clocks, key: str, *, occurred_at: datetime, cal: WorkCalendar, profile: RuleProfile
) -> list[Event]:
    """Resume a paused clock; the paused span does not count, so the due date moves out by it."""
    clock = clocks.get(key)
    if clock is None or clock.status is not ClockStatus.PAUSED or clock.paused_on is None:
        return []
    excluded = clock.paused_days + excluded_days(clock.unit, clock.paused_on, local_date(occurred_at), cal)
    due = _due_with_exclusion(clock, excluded, cal)
    warn, provisional = _warning_and_provisional(clock, due, excluded, cal, profile)
    return [DeadlineResumed(occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=key,
                            deadline_id=clock.deadline_id, due_on=due, warn_on=warn, provisional=provisional,
                            paused_days=excluded)]


def _due_with_exclusion(clock: Clock, excluded: int, cal: WorkCalendar) -> date:
    """The due date of `clock` on `cal` with `excluded` paused days (in the clock's unit) added to the period."""
    if period_kind(clock) is PeriodKind.NOTICE_BEFORE and clock.anchor is not None:
        return latest_day_before(clock.unit, clock.anchor, clock.length, cal)
    if clock.unit is Unit.WORKING_DAYS:
        return cal.add_working_days(clock.started_on, clock.length + excluded)
    end = nominal_end(clock.unit, clock.started_on, clock.length) + timedelta(days=excluded)
    return end if clock.unit is Unit.HOURS else cal.next_working_day(end)


def _warning_and_provisional(
    clock: Clock, due: date, excluded: int, cal: WorkCalendar, profile: RuleProfile
) -> tuple[date, bool]:
    kind = period_kind(clock)
    if kind is PeriodKind.NOTICE_BEFORE and clock.anchor is not None:
        warn = due if due <= clock.started_on else warning_date(Unit.WORKING_DAYS, clock.started_on, due, cal,
                                                                 profile)
        return warn, bool(cal.uncovered_years(min(due, clock.anchor), clock.anchor))
    if kind is PeriodKind.WAITING:
        warn = due
    else:
        warn = warning_date(clock.unit, clock.started_on, due, cal, profile, length=clock.length + excluded)
    return warn, is_provisional(clock.unit, clock.started_on, clock.length + excluded, due, cal)


def extend(
    clocks: Clocks, key: str, *, days: int, occurred_at: datetime, cal: WorkCalendar, profile: RuleProfile
) -> list[Event]:
    """An approved extension (ACL 25: ≤ 30 more days; SAMR-R: 15 more working days; a sector's longer decision
    period): the period grows by `days` in the clock's unit, counted like the original period from its start, and
    the new length is recorded so a later pause or recomputation keeps it. No event for a clock not running."""
    if days <= 0:
        raise ValueError("an extension adds days")
    clock = clocks.get(key)
    if clock is None or clock.status not in (*ACTIVE, ClockStatus.PAUSED):
        return []
    longer = replace(clock, length=clock.length + days)
    due = _due_with_exclusion(longer, clock.paused_days, cal)
    warn, provisional = _warning_and_provisional(longer, due, clock.paused_days, cal, profile)
    return [DeadlineRecomputed(occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=key,
                               deadline_id=clock.deadline_id, due_on=due, warn_on=warn, provisional=provisional,
                               length=longer.length)]


def recompute(clocks: Clocks, *, occurred_at: datetime, cal: WorkCalendar, profile: RuleProfile) -> list[Event]:
    """Recompute provisional clocks on a calendar that now has more data; emits only real changes."""
    events: list[Event] = []
    for clock in clocks.values():
        if not clock.provisional or clock.status not in (*ACTIVE, ClockStatus.PAUSED):
            continue
        due = _due_with_exclusion(clock, clock.paused_days, cal)
        warn, provisional = _warning_and_provisional(clock, due, clock.paused_days, cal, profile)
        if (due, warn, provisional) == (clock.due_on, clock.warn_on, clock.provisional):
            continue
        events.append(DeadlineRecomputed(
            occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=clock.key, deadline_id=clock.deadline_id,
            due_on=due, warn_on=warn, provisional=provisional))
    return events


# --- folding ---------------------------------------------------------------------------------------------


def evolve_clocks(clocks: Clocks, event: Event) -> Clocks:
    """Apply a clock event; any other event leaves the clocks as they are."""
    if isinstance(event, DeadlineStarted):
        return {**clocks, event.clock_key: Clock(
            key=event.clock_key, deadline_id=event.deadline_id, started_on=event.started_on,
            length=event.length, unit=event.unit, due_on=event.due_on, warn_on=event.warn_on,
            provisional=event.provisional, status=ClockStatus.RUNNING, anchor=event.anchor)}
    key = getattr(event, "clock_key", None)
    if key is None or key not in clocks or not isinstance(event, CLOCK_EVENTS):
        return clocks
    clock = clocks[key]
    return {**clocks, key: _evolve_one(clock, event)}


def _evolve_one(clock: Clock, event: Event) -> Clock:
    if isinstance(event, DeadlineSatisfied):
        return replace(clock, status=ClockStatus.SATISFIED)
    if isinstance(event, DeadlineCancelled):
        return replace(clock, status=ClockStatus.CANCELLED)
    if isinstance(event, DeadlineWarning):
        return replace(clock, status=ClockStatus.WARNED)
    if isinstance(event, DeadlineBreached):
        return replace(clock, status=ClockStatus.BREACHED)
    if isinstance(event, DeadlinePaused):
        return replace(clock, status=ClockStatus.PAUSED, paused_on=local_date(event.occurred_at))
    if isinstance(event, DeadlineResumed):
        if event.paused_days is not None:
            paused_days = event.paused_days
        else:  # events written before `paused_days` existed counted calendar days
            paused = clock.paused_on or clock.started_on
            paused_days = clock.paused_days + max(0, (local_date(event.occurred_at) - paused).days)
        return replace(clock, status=ClockStatus.RUNNING, due_on=event.due_on, warn_on=event.warn_on,
                       provisional=event.provisional, paused_on=None, paused_days=paused_days)
    if isinstance(event, DeadlineRecomputed):
        return replace(clock, due_on=event.due_on, warn_on=event.warn_on, provisional=event.provisional,
                       length=clock.length if event.length is None else event.length)
    return clock
