"""Base classes of commands (imperative: what an officer asks to do) and events (past tense: what happened).

Both are frozen, keyword-only dataclasses. Every command carries `occurred_at` — when the act happened in the
world, which may lie in the past for late entry (补录) but never in the future — and the acting officers.
The system adds `recorded_at` when it seals an event into the log (see `domain.envelope`).
Statistics and deadlines always use `occurred_at`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from domain.codec import from_primitive, to_primitive
from domain.errors import ValidationError

SYSTEM_ACTOR = "system"


@dataclass(frozen=True, kw_only=True)
class Command:
    occurred_at: datetime
    actors: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Event:
    """A fact in a stream. `EVENT_TYPE` defaults to the class name; bump `EVENT_VERSION` on a schema change
    and register an upcaster for the old version."""

    EVENT_TYPE: ClassVar[str] = ""
    EVENT_VERSION: ClassVar[int] = 1

    occurred_at: datetime
    actors: tuple[str, ...]

    @classmethod
    def type_name(cls) -> str:
        return cls.EVENT_TYPE or cls.__name__

    @property
    def primary_actor(self) -> str:
        return self.actors[0] if self.actors else SYSTEM_ACTOR

    def fine_amount_fen(self) -> int | None:
        """The fine this event imposes, in fen, for the event store's typed column; None for most events."""
        return None


Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class EventRegistry:
    """Maps (event type, version) to the class that decodes it; older versions pass through upcasters."""

    def __init__(
        self,
        classes: Iterable[type[Event]],
        upcasters: Mapping[tuple[str, int], Upcaster] | None = None,
    ) -> None:
        self._classes: dict[str, type[Event]] = {}
        for cls in classes:
            name = cls.type_name()
            if name in self._classes and self._classes[name] is not cls:
                raise ValueError(f"event type {name} registered twice")
            self._classes[name] = cls
        self._upcasters = dict(upcasters or {})

    def __contains__(self, event_type: str) -> bool:
        return event_type in self._classes

    def merged(self, other: EventRegistry) -> EventRegistry:
        return EventRegistry(
            [*self._classes.values(), *other._classes.values()],
            {**self._upcasters, **other._upcasters},
        )

    def class_of(self, event_type: str) -> type[Event]:
        try:
            return self._classes[event_type]
        except KeyError:
            raise KeyError(f"unknown event type {event_type!r}") from None

    def decode(self, event_type: str, version: int, payload: Mapping[str, Any]) -> Event:
        cls = self.class_of(event_type)
        data = dict(payload)
        while version < cls.EVENT_VERSION:
            data = self._upcasters[(event_type, version)](data)
            version += 1
        event: Event = from_primitive(cls, data)
        return event

    @staticmethod
    def encode(event: Event) -> dict[str, Any]:
        data: dict[str, Any] = to_primitive(event)
        return data


def check_occurred_at(occurred_at: datetime, recorded_at: datetime, *, not_before: datetime | None = None) -> None:
    """Late entry is allowed; the future is not; and a step cannot precede the step it follows."""
    if occurred_at.tzinfo is None:
        raise ValidationError("occurred_at must carry a time zone", rule="TIME_ZONE", field="occurred_at")
    if occurred_at > recorded_at:
        raise ValidationError(
            f"occurred_at {occurred_at.isoformat()} lies in the future (now {recorded_at.isoformat()})",
            rule="NO_FUTURE_ENTRY",
            field="occurred_at",
        )
    if not_before is not None and occurred_at < not_before:
        raise ValidationError(
            f"occurred_at {occurred_at.isoformat()} precedes the previous step at {not_before.isoformat()}",
            rule="STEP_ORDER",
            field="occurred_at",
        )
