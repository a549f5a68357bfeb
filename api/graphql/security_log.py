"""`securityLog`: the security event log of the caller's district, newest first, a page at a time, filtered by
kind and time. Open to district supervisors only (the policy's role, and district staff: a town's officers never
read it); entries that no district owns (a token naming nobody on the roster) are the operators', not shown here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.graphql.context import RequestContext
from api.graphql.inputs import _enum
from api.graphql.paging import cursor, offset_after, page_size
from api.graphql.types import PageInfo
from domain.codec import to_primitive
from domain.security_log import SecurityEntry, SecurityKind
from infra.securitylog import SecurityLogQuery, page_entries

SecurityKindEnum: Any = _enum(SecurityKind)


@strawberry.type(description="One entry of the security event log, with its place in the hash chain.")
class SecurityLogEntry:
    seq: int
    kind: SecurityKindEnum
    occurred_at: datetime
    actor: str = strawberry.field(description="The officer (for a refused token: the subject it claims).")
    operation: str
    reason: str
    district: str | None
    town: str | None
    client_ip: str | None
    request_id: str | None
    detail: JSON
    prev_hash: str
    hash: str

    @classmethod
    def of(cls, entry: SecurityEntry) -> SecurityLogEntry:
        return cls(seq=entry.seq, kind=SecurityKindEnum[entry.kind.name], occurred_at=entry.occurred_at,
                   actor=entry.actor, operation=entry.operation, reason=entry.reason, district=entry.district,
                   town=entry.town, client_ip=entry.client_ip, request_id=entry.request_id,
                   detail=to_primitive(entry.detail), prev_hash=entry.prev_hash, hash=entry.hash)


@strawberry.type
class SecurityLogEdge:
    cursor: str
    node: SecurityLogEntry


@strawberry.type(description="A page of the security log.")
class SecurityLogConnection:
    edges: list[SecurityLogEdge]
    page_info: PageInfo
    total_count: int


@strawberry.input(description="Narrows the security log: some kinds only, entries in [since, until).")
class SecurityLogFilter:
    kinds: list[SecurityKindEnum] | None = None
    since: datetime | None = None
    until: datetime | None = None


def _query(context: RequestContext, given: SecurityLogFilter | None) -> SecurityLogQuery:
    caller = context.caller
    districts = (caller.district,) if caller.district_wide and caller.district else ()
    if given is None:
        return SecurityLogQuery(districts=districts)
    kinds = tuple(SecurityKind(k.value) for k in given.kinds or ())
    return SecurityLogQuery(districts=districts, kinds=kinds, since=given.since, until=given.until)


async def security_log(info: Info, filter: SecurityLogFilter | None = None, first: int = 20,
                       after: str | None = None) -> SecurityLogConnection:
    context: RequestContext = info.context
    limit, offset = page_size(first), offset_after(after)
    async with context.reads.connection() as conn:  # on PostgreSQL as the read role, which may only read it
        entries, total = await page_entries(conn, _query(context, filter), limit=limit, offset=offset)
    edges = [SecurityLogEdge(cursor=cursor(offset + i), node=SecurityLogEntry.of(e)) for i, e in enumerate(entries)]
    return SecurityLogConnection(
        edges=edges, total_count=total,
        page_info=PageInfo(has_next_page=offset + len(edges) < total, has_previous_page=offset > 0,
                           start_cursor=edges[0].cursor if edges else None,
                           end_cursor=edges[-1].cursor if edges else None))
