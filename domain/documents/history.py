"""A stream's decoded events, looked up the way a document reads them: the latest event of a type, every event
of a type, the moment and seq of an event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from domain.messages import Event

E = TypeVar("E", bound=Event)


@dataclass(frozen=True)
class History:
    events: Sequence[tuple[int, Event]]  # (seq, event) in seq order

    def latest(self, cls: type[E]) -> E | None:
        for _, event in reversed(self.events):
            if isinstance(event, cls):
                return event
        return None

    def all(self, cls: type[E]) -> list[E]:
        return [event for _, event in self.events if isinstance(event, cls)]

    def seq_of(self, event: Event) -> int:
        return next(seq for seq, candidate in self.events if candidate is event)

    def has(self, event_type: str) -> bool:
        return any(event.type_name() == event_type for _, event in self.events)
