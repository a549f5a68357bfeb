"""Deadline clocks inside a stream: started, warned (预警), breached, satisfied, paused, recomputed.

A clock is started by the domain when its trigger happens (e.g. `CaseFiled` starts D7) and its due date is
computed then, on the calendar given, so the log records what the officer was told. The workflow turns
running clocks into durable timers (`pending_timers`) and reports a fired timer back as a command
(`on_timer`), which emits `DeadlineWarning` or `DeadlineBreached`. A clock computed on a year without holiday
data is provisional and is recomputed (`recompute`) when the data arrives. Paused time (`pause`/`resume`) and
approved extensions (`extend`) are kept on the clock, so every recomputation starts from the period's start.
"""

from __future__ import annotations

import calendar as _gregorian
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from domain.deadlines.calendar import WorkCalendar
from domain.deadlines.rules import DEADLINES, DeadlineRule, PeriodKind, Unit
from domain.frozen import replace
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


# --- computing due dates -------------------------------------------------------------------------------


def rule_length(rule: DeadlineRule, profile: RuleProfile) -> int:
    if rule.profile_field is None:
        return rule.length
    value = getattr(profile, rule.profile_field)
    assert isinstance(value, int)
    return value


def add_months(start: date, months: int) -> date:
    """The corresponding day `months` later; a month without it ends the period on its last day (Civil Code
    202: 到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _gregorian.monthrange(year, month)[1])
    return date(year, month, day)


def nominal_end(unit: Unit, started_on: date, length: int) -> date:
    """The last day of a calendar-day, month or hour period before CPL 85 moves it off a day off."""
    if unit is Unit.CALENDAR_DAYS:
        return started_on + timedelta(days=length)
    if unit is Unit.MONTHS:
        return add_months(started_on, length)
    if unit is Unit.HOURS:
        # The clock is kept in days: a 24-hour period started on a day is due the next day.
        return started_on + timedelta(days=max(1, -(-length // 24)))
    raise ValueError("a working-day period has no nominal end independent of the calendar")


def due_date(unit: Unit, started_on: date, length: int, cal: WorkCalendar) -> date:
    """CPL 85: the start day is not counted; a period ending on a day off ends on the next working day.

    Hour periods run by the clock, not by days, so a holiday does not move them."""
    if length < 0:
        raise ValueError("a period cannot be negative")
    if unit is Unit.WORKING_DAYS:
        return cal.add_working_days(started_on, length)
    if unit is Unit.HOURS:
        return nominal_end(unit, started_on, length)
    return cal.next_working_day(nominal_end(unit, started_on, length))


def latest_day_before(unit: Unit, anchor: date, length: int, cal: WorkCalendar) -> date:
    """The last day on which an act that must come at least `length` before `anchor` can still happen
    (APL 64: the hearing is notified seven days before it is held)."""
    if unit is Unit.WORKING_DAYS:
        return cal.subtract_working_days(anchor, length)
    if unit is Unit.CALENDAR_DAYS:
        return anchor - timedelta(days=length)
    if unit is Unit.MONTHS:
        return add_months(anchor, -length)
    return anchor - timedelta(days=max(1, -(-length // 24)))


def _is_long(unit: Unit, started_on: date, due_on: date, length: int | None) -> bool:
    if unit is Unit.MONTHS:
        return True
    if unit is not Unit.CALENDAR_DAYS:
        return False
    return (length if length is not None else (due_on - started_on).days) > 30


def warning_date(
    unit: Unit, started_on: date, due_on: date, cal: WorkCalendar, profile: RuleProfile, *, length: int | None = None
) -> date:
    """When to warn (预警): `warning_lead_working_days` working days before a short period ends, and for a long
    one (months, or more than 30 calendar days) `warning_lead_calendar_days` before it, on the working day at
    or before that. Never on the start day itself; a period too short for a warning returns `due_on` (no
    warning timer is set then)."""
    if _is_long(unit, started_on, due_on, length):
        warn = cal.previous_working_day(due_on - timedelta(days=profile.warning_lead_calendar_days))
    else:
        warn = due_on
        lead = profile.warning_lead_working_days
        while lead and warn > started_on:
            warn -= timedelta(days=1)
            if cal.is_working_day(warn):
                lead -= 1
    if warn <= started_on:
        warn = cal.next_working_day(started_on + timedelta(days=1))
    return min(warn, due_on)


def provisional_years(unit: Unit, started_on: date, length: int, due_on: date, cal: WorkCalendar) -> tuple[int, ...]:
    """The years without holiday data that the due date depends on: every counted day of a working-day period,
    only the days from the nominal end to the due date of any other period."""
    if unit is Unit.WORKING_DAYS:
        first = min(started_on + timedelta(days=1), due_on)
    elif unit is Unit.HOURS:
        return ()
    else:
        first = min(nominal_end(unit, started_on, length), due_on)
    return cal.uncovered_years(first, due_on)


def _clock_is_provisional(unit: Unit, started_on: date, length: int, due_on: date, cal: WorkCalendar) -> bool:
    return bool(provisional_years(unit, started_on, length, due_on, cal))


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
        provisional = _clock_is_provisional(u, started_on, n, due, cal)
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


def _kind(clock: Clock) -> PeriodKind:
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
    if _kind(clock) is PeriodKind.NOTICE_BEFORE and clock.anchor is not None:
        return latest_day_before(clock.unit, clock.anchor, clock.length, cal)
    if clock.unit is Unit.WORKING_DAYS:
        return cal.add_working_days(clock.started_on, clock.length + excluded)
    end = nominal_end(clock.unit, clock.started_on, clock.length) + timedelta(days=excluded)
    return end if clock.unit is Unit.HOURS else cal.next_working_day(end)


def _warning_and_provisional(
    clock: Clock, due: date, excluded: int, cal: WorkCalendar, profile: RuleProfile
) -> tuple[date, bool]:
    kind = _kind(clock)
    if kind is PeriodKind.NOTICE_BEFORE and clock.anchor is not None:
        warn = due if due <= clock.started_on else warning_date(Unit.WORKING_DAYS, clock.started_on, due, cal,
                                                                 profile)
        return warn, bool(cal.uncovered_years(min(due, clock.anchor), clock.anchor))
    if kind is PeriodKind.WAITING:
        warn = due
    else:
        warn = warning_date(clock.unit, clock.started_on, due, cal, profile, length=clock.length + excluded)
    return warn, _clock_is_provisional(clock.unit, clock.started_on, clock.length + excluded, due, cal)


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


# --- timers ----------------------------------------------------------------------------------------------


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
    kind = TimerKind.ELAPSED if _kind(clock) is PeriodKind.WAITING else TimerKind.BREACH
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
