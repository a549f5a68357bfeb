"""The object types: cases (from the read models; their clocks in `clocks`, what their event log records in
`case_record`), tasks, the audit status of a stream, and the reference data."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.exceptions import StrawberryGraphQLError
from strawberry.types import Info

from api.graphql.case_record import (
    Decision,
    Disclosure,
    LastEvent,
    LegalReview,
    Payment,
    TimelineEvent,
    decision_of,
    disclosure_of,
    legal_reviews_of,
    payments_of,
)
from api.graphql.clocks import OPEN_CLOCKS, DeadlineHolder, DeadlineStatus, holder_of
from api.graphql.ids import global_id
from api.graphql.money import Fen
from api.graphql.next_steps import NextStep, next_steps_of
from api.graphql.steps import STEPS
from domain import reference as ref
from domain.projections import CaseSummary, DeadlineView, TaskView
from infra.readside import CaseFilter, CaseOrder
from infra.readside import cases as reads

MUTATION_OF = {step.command.__name__: step.mutation for step in STEPS}


@strawberry.interface(description="Relay: an object with a global id.")
class Node:
    id: strawberry.ID


MAX_PAGE = 100


@strawberry.type(description="One statutory clock of a case (D7 decision, D9 statement window, D15 payment, …).")
class Deadline:
    case_id: strawberry.ID
    clock_key: str
    deadline_id: str
    started_on: date
    due_on: date
    warn_on: date
    provisional: bool
    status: DeadlineStatus
    holder: DeadlineHolder

    @classmethod
    def of(cls, view: DeadlineView) -> Deadline:
        return cls(case_id=strawberry.ID(view.stream_id), clock_key=view.clock_key, deadline_id=view.deadline_id,
                   started_on=view.started_on, due_on=view.due_on, warn_on=view.warn_on,
                   provisional=view.provisional, status=DeadlineStatus(view.status), holder=holder_of(view.deadline_id))


@strawberry.type(description="An officer (or district staff member) from the reference data.")
class Officer(Node):
    officer_id: str
    name: str
    town: str
    unit: str
    category: str
    roles: list[str]

    @classmethod
    def of(cls, officer: ref.Officer) -> Officer:
        return cls(id=strawberry.ID(global_id("Officer", officer.id)), officer_id=officer.id, name=officer.name,
                   town=officer.town, unit=officer.unit, category=officer.category.value,
                   roles=sorted(r.value for r in officer.roles))

    @strawberry.field(description="Cases this officer works on, in the caller's towns (newest first, at most 100).")
    async def cases(self, info: Info, first: int = 20) -> list[Case]:
        if not 0 <= first <= MAX_PAGE:
            raise StrawberryGraphQLError(f"first must be between 0 and {MAX_PAGE}, got {first}",
                                         extensions={"code": "PAGE_SIZE"})
        context = info.context
        async with context.reads.connection() as conn:
            page = await reads.page_cases(conn, context.reads.towns, CaseFilter(officer=self.officer_id),
                                          CaseOrder.OPENED_AT_DESC, limit=first, offset=0)
        for summary in page.summaries:
            context.summaries.prime(summary.stream_id, summary)
        return [Case.of(s) for s in page.summaries]

    @classmethod
    def named(cls, officer_id: str, reference: ref.ReferenceData, town: str) -> Officer:
        known = reference.officer(officer_id)
        if known is not None:
            return cls.of(known)
        return cls(id=strawberry.ID(global_id("Officer", officer_id)), officer_id=officer_id, name=officer_id,
                   town=town, unit="", category="UNKNOWN", roles=[])


@strawberry.type
class Unit:
    code: str
    name: str


@strawberry.type(description="A township (or a district body) with its enforcement units.")
class Town(Node):
    code: str
    name: str
    district: str
    units: list[Unit]

    @classmethod
    def of(cls, town: ref.Town) -> Town:
        return cls(id=strawberry.ID(global_id("Town", town.code)), code=town.code, name=town.name,
                   district=town.district, units=[Unit(code=u.code, name=u.name) for u in town.units])


@strawberry.type
class ViolationType:
    code: str
    name: str
    domain: str


@strawberry.type(description="An item of the enforcement item catalog (执法事项目录).")
class EnforcementItem:
    code: str
    name: str
    domain: str
    violation_types: list[str]
    legal_basis: str
    penalty_basis: str
    procedure_profile: str
    fine_min_fen: Fen
    fine_max_fen: Fen | None


@strawberry.type(description="An entry of a soft-enforcement list (柔性执法清单).")
class SoftListItem:
    id: str
    item_code: str
    outcome: str
    description: str
    list_version: str
    town: str


@strawberry.type(description="A case-like stream: a general, simple or construction case, an inspection or a "
                             "rectification order.")
class Case(Node):
    stream_id: strawberry.ID
    kind: str
    procedure: str | None
    status: str | None
    town: str
    unit: str
    case_no: str | None
    party_name: str | None
    violation_type: str | None
    opened_at: datetime
    filed_at: datetime | None
    decided_at: datetime | None
    closed_at: datetime | None
    fine_amount_fen: Fen | None
    version: int
    last_event: LastEvent
    officer_ids: strawberry.Private[tuple[str, ...]]

    @classmethod
    def of(cls, summary: CaseSummary) -> Case:
        return cls(
            id=strawberry.ID(global_id("Case", summary.stream_id)), stream_id=strawberry.ID(summary.stream_id),
            kind=summary.stream_kind, procedure=summary.procedure, status=summary.status, town=summary.town,
            unit=summary.unit, case_no=summary.case_no, party_name=summary.party_name,
            violation_type=summary.violation_type, opened_at=summary.opened_at, filed_at=summary.filed_at,
            decided_at=summary.decided_at, closed_at=summary.closed_at, fine_amount_fen=summary.fine_amount_fen,
            version=summary.version,
            last_event=LastEvent(type=summary.last_event_type, occurred_at=summary.last_event_at,
                                 seq=summary.last_seq),
            officer_ids=summary.officers)

    @strawberry.field(description="The case's officers (the filing names them).")
    def officers(self, info: Info) -> list[Officer]:
        return [Officer.named(o, info.context.reference, self.town) for o in self.officer_ids]

    @strawberry.field(description="Every clock of the case, by due date.")
    async def deadlines(self, info: Info) -> list[Deadline]:
        return [Deadline.of(v) for v in await info.context.deadlines.load(str(self.stream_id))]

    @strawberry.field(description="The open clock due first (running, warned, breached or paused).")
    async def current_deadline(self, info: Info) -> Deadline | None:
        views = await info.context.deadlines.load(str(self.stream_id))
        open_ones = [Deadline.of(v) for v in views if DeadlineStatus(v.status) in OPEN_CLOCKS]
        return min(open_ones, key=lambda d: (d.due_on, d.clock_key), default=None)

    @strawberry.field(description="The case's events in order, from the event log.")
    async def timeline(self, info: Info) -> list[TimelineEvent]:
        return [TimelineEvent.of(env) for env in await info.context.timelines.load(str(self.stream_id))]

    @strawberry.field(description="The hash of the current proposal (a legal review binds to it).")
    async def proposal_hash(self, info: Info) -> str | None:
        found: str | None = None
        for env in await info.context.timelines.load(str(self.stream_id)):
            value = env.payload.get("proposal_hash")
            if env.event_type in ("InvestigationReportSubmitted", "StatementReviewed") and isinstance(value, str):
                found = value
        return found

    @strawberry.field(description="For the calling officer: each step the case allows now, who takes it, whether "
                                  "the caller may, the deadline it answers and the input it needs.")
    async def next_steps(self, info: Info) -> list[NextStep]:
        summary = await info.context.summaries.load(str(self.stream_id))
        if summary is None:
            return []
        return next_steps_of(info, summary, await info.context.timelines.load(str(self.stream_id)))

    @strawberry.field
    async def legal_reviews(self, info: Info) -> list[LegalReview]:
        return legal_reviews_of(await info.context.timelines.load(str(self.stream_id)))

    @strawberry.field
    async def decision(self, info: Info) -> Decision | None:
        return decision_of(await info.context.timelines.load(str(self.stream_id)))

    @strawberry.field
    async def payments(self, info: Info) -> list[Payment]:
        return payments_of(await info.context.timelines.load(str(self.stream_id)))

    @strawberry.field
    async def disclosure(self, info: Info) -> Disclosure:
        return disclosure_of(await info.context.timelines.load(str(self.stream_id)))


@strawberry.type(description="A step waiting on a case, for a role, due when the clock it answers is.")
class Task:
    case_id: strawberry.ID
    step: str
    mutation: str | None = strawberry.field(description="The mutation that takes the step (None: the system's).")
    role: str
    due_on: date | None

    @classmethod
    def of(cls, view: TaskView) -> Task:
        step = MUTATION_OF.get(view.step)
        return cls(case_id=strawberry.ID(view.stream_id), step=view.step, mutation=step, role=view.role,
                   due_on=view.due_on)

    @strawberry.field
    async def case(self, info: Info) -> Case | None:
        summary = await info.context.summaries.load(str(self.case_id))
        return None if summary is None else Case.of(summary)


@strawberry.type(description="A clock past due (or breached), with its case.")
class OverdueDeadline:
    deadline: Deadline

    @strawberry.field
    async def case(self, info: Info) -> Case | None:
        summary = await info.context.summaries.load(str(self.deadline.case_id))
        return None if summary is None else Case.of(summary)


@strawberry.type
class ChainBreak:
    seq: int
    reason: str


@strawberry.type(description="A stream's hash chain as stored, verified now.")
class AuditTrail:
    stream_id: strawberry.ID
    intact: bool
    events: int
    head_hash: str | None
    first_break: ChainBreak | None
    timeline: list[TimelineEvent]


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class CaseEdge:
    cursor: str
    node: Case


@strawberry.type
class CaseConnection:
    edges: list[CaseEdge]
    page_info: PageInfo
    total_count: int


@strawberry.type(description="The calling officer.")
class Me:
    officer_id: str
    roles: list[str]
    towns: list[str]
