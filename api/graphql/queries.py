"""The queries. Every one runs through the caller's scoped reads, so nothing of another town is ever returned;
a case of another town reads exactly like one that does not exist."""

from __future__ import annotations

import enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.graphql.administration import reference_history
from api.graphql.case_record import FOLDS_THE_TIMELINE, TimelineEvent
from api.graphql.context import RequestContext
from api.graphql.filters import CaseFilterInput, case_filter
from api.graphql.ids import parse_global_id, stream_id_of
from api.graphql.ledgers import ledger
from api.graphql.next_steps import NextStep, opening_steps
from api.graphql.notifications import my_notifications
from api.graphql.paging import cursor, offset_after, page_size
from api.graphql.permissions import readable
from api.graphql.problems import NotFound, not_found
from api.graphql.security_log import security_log
from api.graphql.selections import selects_any
from api.graphql.statistics import annual_report, annual_statistics, statistics_snapshots
from api.graphql.types import (
    AuditTrail,
    Case,
    CaseConnection,
    CaseEdge,
    ChainBreak,
    Deadline,
    EnforcementItem,
    Me,
    Node,
    Officer,
    OverdueDeadline,
    PageInfo,
    SoftListItem,
    Task,
    Town,
    ViolationType,
)
from domain import reference as ref
from domain.deadlines.local_time import local_date
from infra.eventstore import verify
from infra.readside import CaseOrder
from infra.readside import cases as reads


@strawberry.enum(description="How a case list is ordered.")
class CaseOrderBy(enum.Enum):
    OPENED_AT_DESC = CaseOrder.OPENED_AT_DESC.value
    OPENED_AT_ASC = CaseOrder.OPENED_AT_ASC.value
    LAST_EVENT_AT_DESC = CaseOrder.LAST_EVENT_AT_DESC.value
    CASE_NO_ASC = CaseOrder.CASE_NO_ASC.value


CaseLookup = Annotated[Case | NotFound, strawberry.union("CaseLookup")]
AuditLookup = Annotated[AuditTrail | NotFound, strawberry.union("AuditLookup")]


def _visible_officers(context: RequestContext) -> list[Officer]:
    reference, towns = context.reference, set(context.caller.towns)
    districts = {reference.towns[t].district for t in towns if t in reference.towns}
    return [Officer.of(o) for o in sorted(reference.officers.values(), key=lambda o: o.id)
            if o.town in towns or o.town in districts]


def _catalog_items(info: Info) -> list[ref.EnforcementItem]:
    """The items of the catalogs the caller's towns have adopted (a district user: of every town of it)."""
    reference: ref.ReferenceData = info.context.reference
    chosen = {code: item for town in info.context.caller.towns for code, item in reference.items_for(town).items()}
    return list(chosen.values())


@strawberry.type(description="Reads, scoped to the caller's towns.")
class Query:
    @strawberry.field(extensions=readable("me"))
    def me(self, info: Info) -> Me:
        caller = info.context.caller
        return Me(officer_id=caller.officer_id, roles=sorted(caller.roles), towns=list(caller.towns))

    @strawberry.field(extensions=readable("node"), description="Relay: any object by its global id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        context: RequestContext = info.context
        parsed = parse_global_id(str(id))
        if parsed is None:
            return None
        type_name, key = parsed
        if type_name == "Case":
            summary = await context.summaries.load(key)
            return None if summary is None else Case.of(summary)
        if type_name == "Officer":
            return next((o for o in _visible_officers(context) if o.officer_id == key), None)
        town = context.reference.towns.get(key)
        return Town.of(town) if town is not None and context.caller.sees(key) else None

    @strawberry.field(extensions=readable("case"), description="A case by its stream id or global id.")
    async def case(self, info: Info, id: strawberry.ID) -> CaseLookup:
        stream_id = stream_id_of(str(id))
        context: RequestContext = info.context
        summary = await (context.summary_with_timeline(stream_id) if selects_any(info, FOLDS_THE_TIMELINE)
                         else context.summaries.load(stream_id))
        return not_found(stream_id) if summary is None else Case.of(summary)

    @strawberry.field(extensions=readable("cases"), description="Cases, a page at a time (at most 100).")
    async def cases(
        self, info: Info, filter: CaseFilterInput | None = None,
        order_by: CaseOrderBy = CaseOrderBy.OPENED_AT_DESC,
        first: int = 20, after: str | None = None,
    ) -> CaseConnection:
        context: RequestContext = info.context
        limit, offset = page_size(first), offset_after(after)
        async with context.reads.connection() as conn:
            page = await reads.page_cases(conn, context.reads.towns, case_filter(context, filter),
                                          CaseOrder(order_by.value), limit=limit, offset=offset)
        for summary in page.summaries:
            context.summaries.prime(summary.stream_id, summary)
        edges = [CaseEdge(cursor=cursor(offset + i), node=Case.of(s)) for i, s in enumerate(page.summaries)]
        return CaseConnection(
            edges=edges, total_count=page.total,
            page_info=PageInfo(has_next_page=offset + len(edges) < page.total, has_previous_page=offset > 0,
                               start_cursor=edges[0].cursor if edges else None,
                               end_cursor=edges[-1].cursor if edges else None))

    @strawberry.field(extensions=readable("myTasks"), description="Open steps waiting for one of the caller's "
                                                                   "roles, by due date.")
    async def my_tasks(self, info: Info, first: int = 50) -> list[Task]:
        context: RequestContext = info.context
        async with context.reads.connection() as conn:
            found = await reads.open_tasks(conn, context.reads.towns, context.caller.roles, limit=page_size(first))
        return [Task.of(t) for t in found]

    @strawberry.field(extensions=readable("openingSteps"), description="The steps that open a stream (a lead, an "
                                                                       "inspection, an on-the-spot decision, a "
                                                                       "rectification order, …), for the caller.")
    def opening_steps(self, info: Info) -> list[NextStep]:
        return opening_steps(info)

    @strawberry.field(extensions=readable("overdueDeadlines"), description="Clocks breached, or past due and "
                                                                           "still running, in the caller's towns.")
    async def overdue_deadlines(self, info: Info, first: int = 50) -> list[OverdueDeadline]:
        context: RequestContext = info.context
        today = local_date(context.services.clock())
        async with context.reads.connection() as conn:
            found = await reads.overdue_deadlines(conn, context.reads.towns, today, limit=page_size(first))
        return [OverdueDeadline(deadline=Deadline.of(v)) for v in found]

    @strawberry.field(extensions=readable("auditTrail"), description="A stream's events and whether its hash "
                                                                     "chain verifies.")
    async def audit_trail(self, info: Info, stream_id: strawberry.ID) -> AuditLookup:
        context: RequestContext = info.context
        key = stream_id_of(str(stream_id))
        if await context.summaries.load(key) is None:
            return not_found(key)
        timeline = await context.timelines.load(key)
        await context.reads.release()  # the audit reads on a connection of its own (SQLite: one writer lock)
        breaks = await verify(context.services.engine, stream_id=key)
        first = breaks[0] if breaks else None
        return AuditTrail(stream_id=strawberry.ID(key), intact=first is None, events=len(timeline),
                          head_hash=timeline[-1].hash if timeline else None,
                          first_break=None if first is None else ChainBreak(seq=first.seq, reason=first.reason),
                          timeline=[TimelineEvent.of(env) for env in timeline])

    @strawberry.field(extensions=readable("towns"), description="The caller's towns.")
    def towns(self, info: Info) -> list[Town]:
        reference = info.context.reference
        return [Town.of(reference.towns[t]) for t in info.context.caller.towns if t in reference.towns]

    @strawberry.field(extensions=readable("officers"), description="Officers of the caller's towns and district.")
    def officers(self, info: Info) -> list[Officer]:
        return _visible_officers(info.context)

    @strawberry.field(extensions=readable("violationTypes"))
    def violation_types(self, info: Info) -> list[ViolationType]:
        return [ViolationType(code=v.code, name=v.name, domain=v.domain)
                for v in sorted(info.context.reference.violation_types.values(), key=lambda v: v.code)]

    @strawberry.field(extensions=readable("enforcementItems"), description="The enforcement item catalog.")
    def enforcement_items(self, info: Info) -> list[EnforcementItem]:
        return [EnforcementItem(code=i.code, name=i.name, domain=i.domain, violation_types=list(i.violation_types),
                                legal_basis=i.legal_basis, penalty_basis=i.penalty_basis,
                                procedure_profile=i.procedure_profile.value, fine_min_fen=i.fine_min_fen,
                                fine_max_fen=i.fine_max_fen)
                for i in sorted(_catalog_items(info), key=lambda i: i.code)]

    @strawberry.field(extensions=readable("softList"), description="Soft-enforcement list entries of the caller's "
                                                                   "towns (and those of every town).")
    def soft_list(self, info: Info) -> list[SoftListItem]:
        towns = set(info.context.caller.towns)
        return [SoftListItem(id=s.id, item_code=s.item_code, outcome=s.outcome.value, description=s.description,
                             list_version=s.list_version, town=s.town)
                for s in sorted(info.context.reference.soft_list.values(), key=lambda s: s.id)
                if s.town in towns or s.town == ""]

    annual_statistics = strawberry.field(resolver=annual_statistics, extensions=readable("annualStatistics"),
                                         description="A town's year-end figures up to asOf (default: today, or the "
                                                     "year's end), with drill-down and year-over-year.")
    annual_report = strawberry.field(resolver=annual_report, extensions=readable("annualReport"),
                                     description="A town's annual enforcement report: the stored year-end document "
                                                 "for asOf if there is one, else rendered now.")
    statistics_snapshots = strawberry.field(resolver=statistics_snapshots, extensions=readable("statisticsSnapshots"),
                                            description="A town's stored year-end snapshots of a year.")
    ledger = strawberry.field(resolver=ledger, extensions=readable("ledger"),
                              description="A unit's ledger of one kind, with its entries.")
    security_log = strawberry.field(resolver=security_log, extensions=readable("securityLog"),
                                    description="The security event log of the caller's district (district "
                                                "supervisors), newest first.")
    reference_history = strawberry.field(resolver=reference_history, extensions=readable("referenceHistory"),
                                         description="The changes of the caller's district's reference register "
                                                     "(towns, officers, catalogs …), in the order recorded.")
    my_notifications = strawberry.field(resolver=my_notifications, extensions=readable("myNotifications"),
                                        description="Deadline warnings (预警) and breaches addressed to the caller, "
                                                    "newest first.")
