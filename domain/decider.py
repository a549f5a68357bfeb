"""The shape every aggregate (inspection, rectification order, case, …) follows.

`decide(state, command, ctx)` validates a command against the state and returns the events it causes, or raises
a `DomainError`; `evolve(state, event)` folds one event into the state and never fails for an event `decide`
produced. `apply` is the two together: a command applied to a state returns `(new_state, events)`.
Folding a stream's events from `initial()` rebuilds the state (projections, replay, bulk-import validation).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from domain.deadlines.calendar import WorkCalendar
from domain.messages import Command, Event
from domain.profile import RuleProfile
from domain.reference import ReferenceData

S = TypeVar("S")
C_contra = TypeVar("C_contra", bound=Command, contravariant=True)


@dataclass(frozen=True)
class Context:
    """What a decision may consult besides the state: the system's clock reading (the workflow's now), reference
    data, the working-day calendar and the town's rule profile."""

    recorded_at: datetime
    reference: ReferenceData
    calendar: WorkCalendar
    profile: RuleProfile


class Decider(Protocol, Generic[S, C_contra]):
    def initial(self) -> S: ...

    def decide(self, state: S, command: C_contra, ctx: Context) -> Sequence[Event]: ...

    def evolve(self, state: S, event: Event) -> S: ...


def apply(decider: Decider[S, C_contra], state: S, command: C_contra, ctx: Context) -> tuple[S, tuple[Event, ...]]:
    events = tuple(decider.decide(state, command, ctx))
    for event in events:
        state = decider.evolve(state, event)
    return state, events


def fold(decider: Decider[S, C_contra], events: Iterable[Event], state: S | None = None) -> S:
    current = decider.initial() if state is None else state
    for event in events:
        current = decider.evolve(current, event)
    return current
