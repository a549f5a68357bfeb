"""The shape the table-driven procedures share: a command is checked for its time (no future entry, no step
before the previous one), admitted by the procedure's transition table (status, role, two certified officers),
then handled; an event is folded by its folder, and clock events fold into the state's clocks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.deadlines.clocks import evolve_clocks
from domain.decider import Context
from domain.frozen import replace
from domain.messages import Event, check_occurred_at
from domain.tasks import TransitionTable, admit


class ProcedureState(Protocol):
    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def status(self) -> Any: ...

    @property
    def last_occurred_at(self) -> datetime | None: ...


S = TypeVar("S", bound=ProcedureState)
Handler = Callable[[S, Any, Context], list[Event]]
Folder = Callable[[S, Any], S]


class TableDecider(Generic[S]):
    def __init__(
        self,
        *,
        procedure: str,
        transitions: TransitionTable[Any],
        handlers: Mapping[type[Any], Handler[S]],
        folders: Mapping[type[Event], Folder[S]],
    ) -> None:
        self._procedure = procedure
        self._transitions = transitions
        self._handlers = dict(handlers)
        self._folders = dict(folders)

    def decide(self, state: S, command: Any, ctx: Context) -> list[Event]:
        check_occurred_at(command.occurred_at, ctx.recorded_at, not_before=state.last_occurred_at)
        self.before_admission(state, command)
        admit(self._transitions, command, state.status, ctx, procedure=self._procedure,
              town=str(getattr(state, "town", "") or ""))
        return self._handlers[type(command)](state, command, ctx)

    def before_admission(self, state: S, command: Any) -> None:
        """A check that must come before the transition table's (none by default)."""

    def evolve(self, state: S, event: Event) -> S:
        if isinstance(event, CLOCK_EVENTS):
            return replace(state, clocks=evolve_clocks(getattr(state, "clocks"), event))  # noqa: B009
        folder = self._folders.get(type(event))
        if folder is None:
            return state
        return replace(folder(state, event), last_occurred_at=event.occurred_at)
