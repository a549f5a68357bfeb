"""The inbox: notices written in the append transaction, and the reads and read marks of one recipient."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.envelope import EventEnvelope
from domain.notifications import notices_for
from domain.projections import CaseSummary
from domain.reference import ReferenceData, Role
from infra.db.models_notifications import notifications

Principals = Callable[[str], Sequence[str]]  # town -> the officer ids of its principals


def principals_of(reference: ReferenceData) -> Principals:
    """The roster's principals (负责人) of each town, as the projector asks for them."""
    by_town: dict[str, list[str]] = {}
    for officer in sorted(reference.officers.values(), key=lambda o: o.id):
        if officer.has_role(Role.PRINCIPAL):
            by_town.setdefault(officer.town, []).append(officer.id)

    def principals(town: str) -> Sequence[str]:
        return tuple(by_town.get(town, ()))

    return principals


class Notifier:
    """The projection step that turns warnings and breaches into inbox rows (idempotent by event and recipient:
    a retried append, or a rebuild, inserts nothing twice)."""

    def __init__(self, principals: Principals) -> None:
        self.principals = principals

    async def apply(self, conn: AsyncConnection, envelopes: Sequence[EventEnvelope],
                    summary: CaseSummary | None) -> int:
        officers = summary.officers if summary is not None else ()
        case_no = summary.case_no if summary is not None else None
        rows = [{**asdict(notice), "case_no": case_no, "attempts": 0}
                for env in envelopes for notice in notices_for(env, officers, self.principals(env.town))]
        if not rows:
            return 0
        dialect_insert = postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert
        await conn.execute(dialect_insert(notifications).on_conflict_do_nothing(index_elements=["key"]), rows)
        return len(rows)


@dataclass(frozen=True)
class Notification:
    id: int
    key: str
    recipient: str
    stream_id: str
    town: str
    kind: str
    deadline_id: str
    deadline_name: str
    clock_key: str
    due_on: date
    case_no: str | None
    occurred_at: datetime
    read_at: datetime | None


def _notification(row: Mapping[str, Any]) -> Notification:
    return Notification(**{name: row[name] for name in Notification.__dataclass_fields__})


@dataclass(frozen=True)
class InboxPage:
    items: tuple[Notification, ...]
    total: int
    unread: int


async def inbox_page(conn: AsyncConnection, recipient: str, towns: Sequence[str], *, unread_only: bool,
                     limit: int, offset: int) -> InboxPage:
    """The recipient's notifications in their towns, newest first."""
    N = notifications.c
    mine = [N.recipient == recipient, N.town.in_(sorted(towns))]
    shown = [*mine, N.read_at.is_(None)] if unread_only else mine
    rows = (await conn.execute(select(notifications).where(*shown).order_by(N.id.desc())
                               .limit(limit).offset(offset))).mappings().all()
    total = int(await conn.scalar(select(func.count()).select_from(notifications).where(*shown)) or 0)
    unread = int(await conn.scalar(select(func.count()).select_from(notifications)
                                   .where(*mine, N.read_at.is_(None))) or 0)
    return InboxPage(tuple(_notification(r) for r in rows), total, unread)


async def mark_read(conn: AsyncConnection, recipient: str, ids: Sequence[int], at: datetime) -> list[int]:
    """Mark the recipient's own notifications among `ids` read (others' are left alone); the ids marked now."""
    N = notifications.c
    result = await conn.execute(update(notifications)
                                .where(N.recipient == recipient, N.id.in_(sorted(set(ids))), N.read_at.is_(None))
                                .values(read_at=at).returning(N.id))
    return sorted(int(i) for i in result.scalars().all())
