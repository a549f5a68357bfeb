"""The caller's inbox: `myNotifications` (deadline warnings and breaches addressed to the caller, newest first)
and `markNotificationsRead` (the caller's own only: another officer's ids are ignored, never marked)."""

from __future__ import annotations

import enum
from datetime import date, datetime

import strawberry
from strawberry.exceptions import StrawberryGraphQLError
from strawberry.types import Info

from api.graphql.context import RequestContext
from api.graphql.paging import cursor, offset_after, page_size
from api.graphql.types import MAX_PAGE, PageInfo
from infra.notifications import Notification as Row
from infra.notifications import inbox_page, mark_read


@strawberry.enum(description="What happened to the clock: a warning (预警) or a breach (超期).")
class NotificationKind(enum.Enum):
    WARNING = "WARNING"
    BREACHED = "BREACHED"


@strawberry.type(description="A deadline of the office's own that warned or was breached, for one recipient.")
class Notification:
    id: strawberry.ID
    kind: NotificationKind
    case_id: strawberry.ID
    case_no: str | None
    town: str
    deadline_id: str
    deadline_name: str
    clock_key: str
    due_on: date
    occurred_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, row: Row) -> Notification:
        return cls(id=strawberry.ID(str(row.id)), kind=NotificationKind(row.kind),
                   case_id=strawberry.ID(row.stream_id), case_no=row.case_no, town=row.town,
                   deadline_id=row.deadline_id, deadline_name=row.deadline_name, clock_key=row.clock_key,
                   due_on=row.due_on, occurred_at=row.occurred_at, read_at=row.read_at)


@strawberry.type
class NotificationEdge:
    cursor: str
    node: Notification


@strawberry.type
class NotificationConnection:
    edges: list[NotificationEdge]
    total_count: int
    unread_count: int
    page_info: PageInfo


@strawberry.type(description="What markNotificationsRead marked now (of the caller's own), and what is left unread.")
class NotificationsMarked:
    marked: list[strawberry.ID]
    unread_count: int


async def my_notifications(info: Info, unread_only: bool = False, first: int = 20,
                           after: str | None = None) -> NotificationConnection:
    context: RequestContext = info.context
    limit, offset = page_size(first), offset_after(after)
    caller = context.caller
    async with context.services.engine.connect() as conn:
        page = await inbox_page(conn, caller.officer_id, caller.towns, unread_only=unread_only, limit=limit,
                                offset=offset)
    edges = [NotificationEdge(cursor=cursor(offset + i), node=Notification.of(n)) for i, n in enumerate(page.items)]
    return NotificationConnection(
        edges=edges, total_count=page.total, unread_count=page.unread,
        page_info=PageInfo(has_next_page=offset + len(edges) < page.total, has_previous_page=offset > 0,
                           start_cursor=edges[0].cursor if edges else None,
                           end_cursor=edges[-1].cursor if edges else None))


def _ids(given: list[strawberry.ID]) -> list[int]:
    if len(given) > MAX_PAGE:
        raise StrawberryGraphQLError(f"at most {MAX_PAGE} ids at a time, got {len(given)}",
                                     extensions={"code": "PAGE_SIZE"})
    parsed = [str(i) for i in given]
    bad = [i for i in parsed if not i.isdigit() or len(i) > 18]
    if bad:
        raise StrawberryGraphQLError(f"not a notification id: {bad[0]!r}", extensions={"code": "BAD_ID"})
    return [int(i) for i in parsed]


async def mark_notifications_read(info: Info, ids: list[strawberry.ID]) -> NotificationsMarked:
    context: RequestContext = info.context
    wanted = _ids(ids)
    caller = context.caller
    await context.reads.release()  # SQLite: the request's read transaction would hold off this write
    async with context.services.engine.begin() as conn:
        marked = await mark_read(conn, caller.officer_id, wanted, context.services.clock()) if wanted else []
        page = await inbox_page(conn, caller.officer_id, caller.towns, unread_only=True, limit=0, offset=0)
    return NotificationsMarked(marked=[strawberry.ID(str(i)) for i in marked], unread_count=page.unread)
