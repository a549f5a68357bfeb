"""One row per clock of a stream: the deadlines list an officer and a supervisor watch."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.deadlines.clock_events import (
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
from domain.envelope import EventEnvelope
from domain.frozen import replace


@dataclass(frozen=True)
class DeadlineView:
    stream_id: str
    clock_key: str
    deadline_id: str
    started_on: date
    due_on: date
    warn_on: date
    provisional: bool
    status: str
    town: str


_STATUS_AFTER = {
    DeadlineSatisfied.type_name(): ClockStatus.SATISFIED,
    DeadlineCancelled.type_name(): ClockStatus.CANCELLED,
    DeadlineWarning.type_name(): ClockStatus.WARNED,
    DeadlineBreached.type_name(): ClockStatus.BREACHED,
    DeadlinePaused.type_name(): ClockStatus.PAUSED,
    DeadlineResumed.type_name(): ClockStatus.RUNNING,
}
_MOVES_DUE_DATE = frozenset({DeadlineResumed.type_name(), DeadlineRecomputed.type_name()})
_STARTED = DeadlineStarted.type_name()
_CLOCK_EVENTS = frozenset({_STARTED, *_STATUS_AFTER, *_MOVES_DUE_DATE})  # most of a history is none of them


def fold_deadlines(clocks: Mapping[str, DeadlineView], envelopes: Iterable[EventEnvelope]
                   ) -> Mapping[str, DeadlineView]:
    """Fold a stream's next envelopes (in seq order) into its deadlines, as `domain.deadlines.clocks.evolve_clocks`
    does for the stream's own state; events that are not clock events leave them unchanged (the same mapping
    when none changes, else one new mapping for all of them)."""
    folded: dict[str, DeadlineView] | None = None
    for env in envelopes:
        if env.event_type not in _CLOCK_EVENTS:
            continue
        change = _clock_change(clocks if folded is None else folded, env)
        if change is not None:
            folded = dict(clocks) if folded is None else folded
            folded[change[0]] = change[1]
    return clocks if folded is None else folded


def _clock_change(clocks: Mapping[str, DeadlineView], env: EventEnvelope) -> tuple[str, DeadlineView] | None:
    """The clock an envelope starts or moves, as it is after it; None for any other envelope."""
    payload = env.payload
    if env.event_type == _STARTED:
        key = str(payload["clock_key"])
        return key, DeadlineView(
            stream_id=env.stream_id, clock_key=key, deadline_id=str(payload["deadline_id"]),
            started_on=_day(payload["started_on"]), due_on=_day(payload["due_on"]),
            warn_on=_day(payload["warn_on"]), provisional=bool(payload["provisional"]),
            status=ClockStatus.RUNNING.value, town=env.town)
    status = _STATUS_AFTER.get(env.event_type)
    moves = env.event_type in _MOVES_DUE_DATE
    if status is None and not moves:
        return None
    clock_key = payload.get("clock_key")
    if not isinstance(clock_key, str) or clock_key not in clocks:
        return None
    changes: dict[str, Any] = {"town": env.town}
    if status is not None:
        changes["status"] = status.value
    if moves:
        changes.update(due_on=_day(payload["due_on"]), warn_on=_day(payload["warn_on"]),
                       provisional=bool(payload["provisional"]))
    return clock_key, replace(clocks[clock_key], **changes)


def _day(value: Any) -> date:
    return date.fromisoformat(str(value))
