"""Who is told of a warning (预警) or a breach of one of the office's own deadlines.

A clock event of type `DeadlineWarning` or `DeadlineBreached` becomes one notice per recipient: the officers of
the case (its lead among them) and the principals of its town. The party's own windows (reconsideration D19,
litigation D23 and their variants) run against the party, not the office, so nobody here is told of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from domain.cases.case_clocks import PARTY_WINDOWS
from domain.deadlines.clock_events import DeadlineBreached, DeadlineWarning
from domain.deadlines.rules import DEADLINES
from domain.envelope import EventEnvelope

WARNING = "WARNING"
BREACHED = "BREACHED"
NOTIFYING = {DeadlineWarning.type_name(): WARNING, DeadlineBreached.type_name(): BREACHED}


@dataclass(frozen=True)
class Notice:
    key: str  # "{event id}/{recipient}": the idempotency key, stable across retries and rebuilds
    event_id: str
    recipient: str
    stream_id: str
    town: str
    kind: str  # WARNING or BREACHED
    deadline_id: str
    deadline_name: str
    clock_key: str
    due_on: date
    occurred_at: datetime


def notifies(env: EventEnvelope) -> bool:
    """Whether `env` is a warning or breach of a deadline the office itself must meet."""
    if env.event_type not in NOTIFYING:
        return False
    return str(env.payload.get("deadline_id")) not in PARTY_WINDOWS


def notices_for(env: EventEnvelope, officers: Iterable[str], principals: Iterable[str]) -> list[Notice]:
    """One notice per distinct recipient of `env` (officers first, in the case's order), none for other events."""
    if not notifies(env):
        return []
    deadline_id = str(env.payload["deadline_id"])
    rule = DEADLINES.get(deadline_id)
    recipients = list(dict.fromkeys([*officers, *principals]))
    return [Notice(key=f"{env.event_id}/{who}", event_id=env.event_id, recipient=who, stream_id=env.stream_id,
                   town=env.town, kind=NOTIFYING[env.event_type], deadline_id=deadline_id,
                   deadline_name=rule.name_zh if rule is not None else deadline_id,
                   clock_key=str(env.payload.get("clock_key", deadline_id)),
                   due_on=date.fromisoformat(str(env.payload["due_on"])), occurred_at=env.occurred_at)
            for who in recipients]
