"""The GraphQL enums of a statutory clock: its state and whose period it is."""

from __future__ import annotations

import enum
from typing import Any

import strawberry

from domain.deadlines.clock_events import ClockStatus
from domain.deadlines.rules import DEADLINES, Holder

# The domain's clock states, one for one (a new state appears in the schema, it cannot be forgotten here).
DeadlineStatus: Any = strawberry.enum(enum.Enum("DeadlineStatus", {s.name: s.value for s in ClockStatus}),
                                      description="A statutory clock's state.")


@strawberry.enum(description="Whose period a clock is: the office's work, or a window the party holds "
                             "(reconsideration, litigation) — information, never the office's overdue work.")
class DeadlineHolder(enum.Enum):
    OFFICE = Holder.OFFICE.value
    PARTY = Holder.PARTY.value


OPEN_CLOCKS = (DeadlineStatus.RUNNING, DeadlineStatus.WARNED, DeadlineStatus.BREACHED, DeadlineStatus.PAUSED)


def holder_of(deadline_id: str) -> DeadlineHolder:
    rule = DEADLINES.get(deadline_id)
    return DeadlineHolder(rule.holder.value if rule is not None else Holder.OFFICE.value)
