"""A warning (预警) the supervision platform raised about one of the town's cases: one stream per warning.

The system records it as received (`ReceivePlatformWarning`, idempotent by the warning's id: the stream id
derives from it); it then waits in the officers' task list (`RespondToPlatformWarning`) until an officer
answers it, which closes the stream. The warning names the case (`case_id`) and decision it refers to.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from domain.decider import Context
from domain.envelope import StreamContext
from domain.errors import ValidationError
from domain.frozen import replace
from domain.messages import Command, Event, EventRegistry
from domain.reference import Role
from domain.table_decider import TableDecider
from domain.tasks import NextStep, Transition, table

STREAM_KIND = "PLATFORM_WARNING"


def warning_stream_id(warning_id: str) -> str:
    return f"platform-warning:{warning_id}"


class WarningStatus(enum.StrEnum):
    NEW = "NEW"
    OPEN = "OPEN"
    RESOLVED = "RESOLVED"


# --- commands ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ReceivePlatformWarning(Command):
    warning_id: str
    platform_seq: int  # the platform's sequence number (its warnings list is read after the last one recorded)
    town: str
    case_id: str
    decision_no: str
    category: str  # e.g. LATE_DISCLOSURE
    message: str
    raised_at: str  # as the platform stated it (ISO 8601)


@dataclass(frozen=True, kw_only=True)
class RespondToPlatformWarning(Command):
    response: str  # what was done about it (corrected, explained to the platform, …)


# --- events ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PlatformWarningReceived(Event):
    warning_id: str
    platform_seq: int
    town: str
    case_id: str
    decision_no: str
    category: str
    message: str
    raised_at: str


@dataclass(frozen=True, kw_only=True)
class PlatformWarningResolved(Event):
    warning_id: str
    case_id: str
    response: str


EVENTS = EventRegistry([PlatformWarningReceived, PlatformWarningResolved])


# --- state and decider -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WarningState:
    status: WarningStatus = WarningStatus.NEW
    warning_id: str = ""
    town: str = ""
    case_id: str = ""
    decision_no: str = ""
    category: str = ""
    message: str = ""
    response: str = ""
    last_occurred_at: datetime | None = None


S = WarningStatus
TRANSITIONS = table(
    Transition(ReceivePlatformWarning, frozenset({S.NEW}), S.OPEN, Role.OFFICER, system_allowed=True),
    Transition(RespondToPlatformWarning, frozenset({S.OPEN}), S.RESOLVED, Role.OFFICER),
)


def _received(state: WarningState, cmd: ReceivePlatformWarning, ctx: Context) -> list[Event]:
    for name in ("warning_id", "town", "category"):
        if not str(getattr(cmd, name)).strip():
            raise ValidationError(f"{name} must be given", rule="REQUIRED_FIELD", field=name)
    return [PlatformWarningReceived(
        occurred_at=cmd.occurred_at, actors=cmd.actors, warning_id=cmd.warning_id, platform_seq=cmd.platform_seq,
        town=cmd.town, case_id=cmd.case_id, decision_no=cmd.decision_no, category=cmd.category,
        message=cmd.message, raised_at=cmd.raised_at)]


def _responded(state: WarningState, cmd: RespondToPlatformWarning, ctx: Context) -> list[Event]:
    if not cmd.response.strip():
        raise ValidationError("the response to a platform warning must be given", rule="REASONS_REQUIRED",
                              field="response")
    return [PlatformWarningResolved(occurred_at=cmd.occurred_at, actors=cmd.actors, warning_id=state.warning_id,
                                    case_id=state.case_id, response=cmd.response)]


def _fold_received(state: WarningState, ev: PlatformWarningReceived) -> WarningState:
    return replace(state, status=S.OPEN, warning_id=ev.warning_id, town=ev.town, case_id=ev.case_id,
                   decision_no=ev.decision_no, category=ev.category, message=ev.message)


class WarningDecider(TableDecider[WarningState]):
    """The table decider with the warning stream's initial state."""

    def __init__(self) -> None:
        super().__init__(procedure="platform warning", transitions=TRANSITIONS,
                         handlers={ReceivePlatformWarning: _received, RespondToPlatformWarning: _responded},
                         folders={
                             PlatformWarningReceived: _fold_received,
                             PlatformWarningResolved: lambda s, ev: replace(s, status=S.RESOLVED,
                                                                            response=ev.response),
                         })

    def initial(self) -> WarningState:
        return WarningState()


DECIDER = WarningDecider()


# --- views -------------------------------------------------------------------------------------------------


def stream_context(state: WarningState) -> StreamContext:
    return StreamContext(stream_id=warning_stream_id(state.warning_id), stream_kind=STREAM_KIND, town=state.town,
                         unit="", procedure=None, violation_type=None, status=state.status.value)


def next_steps(state: WarningState) -> tuple[NextStep, ...]:
    return (NextStep("RespondToPlatformWarning", Role.OFFICER),) if state.status is S.OPEN else ()


def status_steps(status: str) -> tuple[NextStep, ...]:
    """The read model's task routing for a warning stream, from its status alone."""
    return next_steps(WarningState(status=WarningStatus(status)))


def is_finished(state: WarningState) -> bool:
    return state.status is S.RESOLVED
