"""A tiny aggregate (a hotline ticket with a D33 clock) that exercises the stream workflow machinery on its own,
independent of the real procedures."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from domain.deadlines import clock_events, clocks, local_time
from domain.decider import Context
from domain.envelope import StreamContext
from domain.errors import InvalidTransition, ValidationError
from domain.messages import Command, Event, EventRegistry, check_occurred_at
from workflows.aggregate_spec import AggregateSpec, commands_in


class TicketStatus(enum.StrEnum):
    NEW = "NEW"
    OPEN = "OPEN"
    CLOSED = "CLOSED"


@dataclass(frozen=True)
class TicketState:
    stream_id: str = ""
    town: str = ""
    status: TicketStatus = TicketStatus.NEW
    clocks: clocks.Clocks = field(default_factory=dict)
    last_occurred_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class OpenTicket(Command):
    stream_id: str
    town: str
    subject: str


@dataclass(frozen=True, kw_only=True)
class CloseTicket(Command):
    outcome: str


@dataclass(frozen=True, kw_only=True)
class TicketOpened(Event):
    stream_id: str
    town: str
    subject: str


@dataclass(frozen=True, kw_only=True)
class TicketClosed(Event):
    outcome: str


EVENTS = EventRegistry([TicketOpened, TicketClosed, *clock_events.CLOCK_EVENTS])


class TicketDecider:
    def initial(self) -> TicketState:
        return TicketState()

    def decide(self, state: TicketState, command: Command, ctx: Context) -> list[Event]:
        check_occurred_at(command.occurred_at, ctx.recorded_at, not_before=state.last_occurred_at)
        if isinstance(command, OpenTicket):
            if state.status is not TicketStatus.NEW:
                raise InvalidTransition(f"OpenTicket is not allowed in {state.status}", rule="TRANSITION")
            if not command.subject:
                raise ValidationError("subject is empty", rule="REQUIRED", field="subject")
            opened = TicketOpened(occurred_at=command.occurred_at, actors=command.actors,
                                  stream_id=command.stream_id, town=command.town, subject=command.subject)
            started = clocks.start("D33", local_time.local_date(command.occurred_at), occurred_at=command.occurred_at,
                                   cal=ctx.calendar, profile=ctx.profile)
            return [opened, started]
        if isinstance(command, CloseTicket):
            if state.status is not TicketStatus.OPEN:
                raise InvalidTransition(f"CloseTicket is not allowed in {state.status}", rule="TRANSITION")
            return [TicketClosed(occurred_at=command.occurred_at, actors=command.actors, outcome=command.outcome),
                    *clocks.satisfy(state.clocks, "D33", occurred_at=command.occurred_at)]
        raise InvalidTransition(f"unknown command {type(command).__name__}")

    def evolve(self, state: TicketState, event: Event) -> TicketState:
        state = replace(state, clocks=clocks.evolve_clocks(state.clocks, event))
        if isinstance(event, TicketOpened):
            state = replace(state, stream_id=event.stream_id, town=event.town, status=TicketStatus.OPEN)
        elif isinstance(event, TicketClosed):
            state = replace(state, status=TicketStatus.CLOSED)
        if event.actors != ("system",):
            state = replace(state, last_occurred_at=event.occurred_at)
        return state


def context_of(state: TicketState) -> StreamContext:
    return StreamContext(stream_id=state.stream_id, stream_kind="TICKET", town=state.town, unit=state.town,
                         status=state.status.value)


def is_finished(state: TicketState) -> bool:
    return state.status is TicketStatus.CLOSED


def due(state: TicketState) -> date | None:
    clock = state.clocks.get("D33")
    return None if clock is None else clock.due_on


SPEC = AggregateSpec(
    kind="TICKET", decider=TicketDecider(), state_type=TicketState,
    commands=commands_in(sys.modules[__name__]), events=EVENTS, context_of=context_of,
    next_steps=lambda state: (), is_finished=is_finished,
)
