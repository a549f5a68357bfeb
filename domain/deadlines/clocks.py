"""Deadline clocks inside a stream: started, warned (预警), breached, satisfied, paused, recomputed.

A clock is started by the domain when its trigger happens (e.g. `CaseFiled` starts D7) and its due date is
computed then, on the calendar given, so the log records what the officer was told. The workflow turns
running clocks into durable timers (`pending_timers`) and reports a fired timer back as a command
(`on_timer`), which emits `DeadlineWarning` or `DeadlineBreached`. A clock computed on a year without holiday
data is provisional and is recomputed (`recompute`) when the data arrives.
"""

from __future__ import annotations

import calendar as _gregorian
import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone

from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.rules import DEADLINES, DeadlineRule, Unit
from domain.messages import SYSTEM_ACTOR, Event
from domain.profile import RuleProfile

# Asia/Shanghai has had no daylight saving since 1991: a fixed offset keeps the domain free of tz-database IO.
SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")


def local_date(moment: datetime) -> date:
    """The date in Asia/Shanghai of an aware moment (deadlines count in local days)."""
    return moment.astimezone(SHANGHAI).date()


def start_of_local_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=SHANGHAI).astimezone(UTC)


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


@dataclass(frozen=True, kw_only=True)
class DeadlineRecomputed(Event):
    """Holiday data arrived for a provisional clock's year: the due date moves with the real calendar."""

    clock_key: str
    deadline_id: str
    due_on: date
    warn_on: date
    provisional: bool


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


Clocks = Mapping[str, Clock]


# --- computing due dates -------------------------------------------------------------------------------


def rule_length(rule: DeadlineRule, profile: RuleProfile) -> int:
    if rule.profile_field is None:
        return rule.length
    value = getattr(profile, rule.profile_field)
    assert isinstance(value, int)
    return value


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _gregorian.monthrange(year, month)[1])
    return date(year, month, day)


def due_date(unit: Unit, started_on: date, length: int, cal: WorkCalendar) -> date:
    """CPL 85: the start day is not counted; a period ending on a day off ends on the next working day."""
    if unit is Unit.WORKING_DAYS:
        return cal.add_working_days(started_on, length)
    if unit is Unit.CALENDAR_DAYS:
        return cal.add_calendar_days(started_on, length)
    if unit is Unit.MONTHS:
        return cal.next_working_day(add_months(started_on, length))
    # Hours: the clock is kept in days; a 24-hour period started on a day is due the next day.
    return started_on + timedelta(days=max(1, -(-length // 24)))


def warning_date(unit: Unit, started_on: date, due_on: date, cal: WorkCalendar, profile: RuleProfile) -> date:
    """When to warn: a few working days before a short period ends, more calendar days before a long one."""
    if unit in (Unit.CALENDAR_DAYS, Unit.MONTHS) and (due_on - started_on).days > 30:
        warn = due_on - timedelta(days=profile.warning_lead_calendar_days)
    else:
        warn = due_on
        lead = profile.warning_lead_working_days
        while lead and warn > started_on:
            warn -= timedelta(days=1)
            if cal.is_working_day(warn):
                lead -= 1
    return max(warn, started_on)


def _is_provisional(started_on: date, due_on: date, cal: WorkCalendar) -> bool:
    return any(cal.is_provisional(date(y, 1, 1)) for y in range(started_on.year, due_on.year + 1))


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
) -> DeadlineStarted:
    """Start the clock of `deadline_id` on `started_on`; `length`/`unit` override the rule (e.g. a rectification
    order's own deadline, an approved extension)."""
    rule = DEADLINES[deadline_id]
    n = rule_length(rule, profile) if length is None else length
    u = rule.unit if unit is None else unit
    due = due_date(u, started_on, n, cal)
    return DeadlineStarted(
        occurred_at=occurred_at,
        actors=(SYSTEM_ACTOR,),
        clock_key=key or deadline_id,
        deadline_id=deadline_id,
        started_on=started_on,
        length=n,
        unit=u,
        due_on=due,
        warn_on=warning_date(u, started_on, due, cal, profile),
        provisional=_is_provisional(started_on, due, cal),
        source=rule.source,
    )


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
    clock = clocks.get(key)
    if clock is None or clock.status not in ACTIVE:
        return []
    return [DeadlinePaused(occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=key,
                           deadline_id=clock.deadline_id, reason=reason)]


def resume(
    clocks: Clocks, key: str, *, occurred_at: datetime, cal: WorkCalendar, profile: RuleProfile
) -> list[Event]:
    """Resume a paused clock; the paused span does not count, so the due date moves out by it."""
    clock = clocks.get(key)
    if clock is None or clock.status is not ClockStatus.PAUSED or clock.paused_on is None:
        return []
    resumed_on = local_date(occurred_at)
    if clock.unit is Unit.WORKING_DAYS:
        excluded = clock.paused_days + cal.working_days_between(clock.paused_on, resumed_on)
    else:
        excluded = clock.paused_days + (resumed_on - clock.paused_on).days
    due = _due_with_exclusion(clock, excluded, cal)
    return [DeadlineResumed(occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=key,
                            deadline_id=clock.deadline_id, due_on=due,
                            warn_on=warning_date(clock.unit, clock.started_on, due, cal, profile),
                            provisional=_is_provisional(clock.started_on, due, cal))]


def _due_with_exclusion(clock: Clock, excluded: int, cal: WorkCalendar) -> date:
    if clock.unit is Unit.WORKING_DAYS:
        return cal.add_working_days(clock.started_on, clock.length + excluded)
    base = due_date(clock.unit, clock.started_on, clock.length, WorkCalendar.weekends_only())
    return cal.next_working_day(base + timedelta(days=excluded)) if excluded else due_date(
        clock.unit, clock.started_on, clock.length, cal)


def recompute(clocks: Clocks, *, occurred_at: datetime, cal: WorkCalendar, profile: RuleProfile) -> list[Event]:
    """Recompute provisional clocks on a calendar that now has more data; emits only real changes."""
    events: list[Event] = []
    for clock in clocks.values():
        if not clock.provisional or clock.status not in (*ACTIVE, ClockStatus.PAUSED):
            continue
        due = _due_with_exclusion(clock, clock.paused_days, cal)
        provisional = _is_provisional(clock.started_on, due, cal)
        if due == clock.due_on and provisional == clock.provisional:
            continue
        events.append(DeadlineRecomputed(
            occurred_at=occurred_at, actors=(SYSTEM_ACTOR,), clock_key=clock.key, deadline_id=clock.deadline_id,
            due_on=due, warn_on=warning_date(clock.unit, clock.started_on, due, cal, profile),
            provisional=provisional))
    return events


# --- timers ----------------------------------------------------------------------------------------------


class TimerKind(enum.StrEnum):
    WARNING = "WARNING"
    BREACH = "BREACH"


@dataclass(frozen=True)
class Timer:
    clock_key: str
    kind: TimerKind
    fire_at: datetime  # UTC


def pending_timers(clocks: Clocks) -> list[Timer]:
    """The next timer of every running clock: a warning at the start of `warn_on`, then a breach at the
    start of the day after `due_on` (the whole due day is still in time), both Asia/Shanghai."""
    timers: list[Timer] = []
    for clock in clocks.values():
        if clock.status is ClockStatus.RUNNING and clock.warn_on < clock.due_on:
            timers.append(Timer(clock.key, TimerKind.WARNING, start_of_local_day(clock.warn_on)))
        elif clock.status in ACTIVE:
            timers.append(Timer(clock.key, TimerKind.BREACH, start_of_local_day(clock.due_on + timedelta(days=1))))
    return sorted(timers, key=lambda t: (t.fire_at, t.clock_key))


def on_timer(clocks: Clocks, timer: Timer, *, now: datetime) -> list[Event]:
    """A durable timer fired: warn or breach, if the clock is still in the state that set the timer."""
    clock = clocks.get(timer.clock_key)
    if clock is None or now < timer.fire_at:
        return []
    if timer.kind is TimerKind.WARNING and clock.status is ClockStatus.RUNNING:
        return [DeadlineWarning(occurred_at=timer.fire_at, actors=(SYSTEM_ACTOR,), clock_key=clock.key,
                                deadline_id=clock.deadline_id, due_on=clock.due_on)]
    if timer.kind is TimerKind.BREACH and clock.status in ACTIVE and local_date(now) > clock.due_on:
        return [DeadlineBreached(occurred_at=timer.fire_at, actors=(SYSTEM_ACTOR,), clock_key=clock.key,
                                 deadline_id=clock.deadline_id, due_on=clock.due_on)]
    return []


# --- folding ---------------------------------------------------------------------------------------------


def evolve_clocks(clocks: Clocks, event: Event) -> Clocks:
    """Apply a clock event; any other event leaves the clocks as they are."""
    if isinstance(event, DeadlineStarted):
        return {**clocks, event.clock_key: Clock(
            key=event.clock_key, deadline_id=event.deadline_id, started_on=event.started_on,
            length=event.length, unit=event.unit, due_on=event.due_on, warn_on=event.warn_on,
            provisional=event.provisional, status=ClockStatus.RUNNING)}
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
        paused = clock.paused_on or clock.started_on
        resumed = local_date(event.occurred_at)
        extra = (resumed - paused).days
        return replace(clock, status=ClockStatus.RUNNING, due_on=event.due_on, warn_on=event.warn_on,
                       provisional=event.provisional, paused_on=None, paused_days=clock.paused_days + extra)
    if isinstance(event, DeadlineRecomputed):
        return replace(clock, due_on=event.due_on, warn_on=event.warn_on, provisional=event.provisional)
    return clock
