"""What may be done next in a procedure: its transitions as data, and the next steps it shows an officer.

Every procedure (inspection, rectification order, simple procedure, illegal construction, …) declares a table
`command type → Transition` saying from which statuses a command is allowed, which status it leads to, which
role must act (and whether it is a field action needing two certified officers, APL 42) and which article
governs it. `admit` checks a command against that table before the procedure's own guards run.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.errors import InvalidTransition
from domain.messages import SYSTEM_ACTOR, Command
from domain.reference import Role
from domain.rules.officers import require_role, require_two_certified

StatusT = TypeVar("StatusT", bound=enum.Enum)


@dataclass(frozen=True)
class NextStep:
    """A step an officer (or the system) is expected to take next; `step` names the command, `clock` the key of
    the stream's deadline clock it answers (if one runs), `due_on` the day it is due (or, for a waiting period,
    the first day it is allowed)."""

    step: str
    role: Role
    due_on: date | None = None
    clock: str | None = None


@dataclass(frozen=True)
class Transition(Generic[StatusT]):
    """One row of a procedure's transition table.

    `target` None means the command leaves the status unchanged (e.g. a payment recorded alongside filing) or
    the event's data decides it (documented at the procedure). `field_action`: at least two certified officers
    act (APL 42; auxiliaries never count). `system_allowed`: the workflow may issue it as `SYSTEM_ACTOR`.
    """

    command: type[Command]
    sources: frozenset[StatusT]
    target: StatusT | None
    role: Role
    article: str | None = None
    field_action: bool = False
    system_allowed: bool = False


TransitionTable = Mapping[type[Command], Transition[StatusT]]


def table(*rows: Transition[StatusT]) -> dict[type[Command], Transition[StatusT]]:
    return {row.command: row for row in rows}


def admit(
    rows: TransitionTable[StatusT], command: Command, status: StatusT, ctx: Context, *, procedure: str,
    town: str = "",
) -> Transition[StatusT]:
    """The transition `command` takes from `status`, after checking the status and who acts.

    Raises `InvalidTransition` (rule TRANSITION, field status) when the status does not allow the command,
    `RuleViolation` APL 42 when a field action lacks two certified officers or names an officer of another town
    than `town` (the stream's; a stream's first command names its own), and a role rejection when the first actor
    lacks the required role.
    """
    row = rows.get(type(command))
    name = type(command).__name__
    if row is None:
        raise InvalidTransition(f"{procedure} does not accept {name}", rule="UNKNOWN_COMMAND", field="command")
    if status not in row.sources:
        allowed = ", ".join(sorted(str(s.value) for s in row.sources))
        raise InvalidTransition(
            f"{name} is not allowed in {procedure} status {status.value}; allowed from {allowed}",
            rule="TRANSITION",
            field="status",
            article=row.article,
        )
    if row.system_allowed and command.actors == (SYSTEM_ACTOR,):
        return row
    if not command.actors:
        raise InvalidTransition(f"{name} names no actor", rule="ACTOR_REQUIRED", field="actors")
    if row.field_action:
        own_town = town or str(getattr(command, "town", "") or "")
        require_two_certified(command.actors, local_date(command.occurred_at), ctx.reference, town=own_town)
    require_role(command.actors[0], row.role, ctx.reference)
    return row
