"""The rectification-order decider."""

from __future__ import annotations

from domain.deadlines.clocks import satisfy, start
from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.errors import RuleViolation
from domain.frozen import replace
from domain.inspections.evidence import AvEvidence, require_hashed
from domain.inspections.guards import (
    require_item,
    require_positive,
    require_text,
    require_town_unit,
    require_violation_type,
)
from domain.messages import Event
from domain.rectification.commands import (
    EscalateRectification,
    IssueRectificationOrder,
    MarkReinspectionDue,
    RecordCompliance,
    RecordNonCompliance,
)
from domain.rectification.events import (
    RectificationEscalated,
    RectificationOrderIssued,
    ReinspectionFellDue,
    ReinspectionRecorded,
)
from domain.rectification.state import (
    CLOCK_KEY,
    EscalationTarget,
    RectificationState,
    RectificationStatus,
    ReinspectionOutcome,
)
from domain.rectification.transitions import TRANSITIONS
from domain.reference import ProcedureProfile, ReferenceData
from domain.table_decider import TableDecider


def leads_to_demolition(state: RectificationState, reference: ReferenceData) -> bool:
    """The order concerns construction that the illegal-construction procedure handles (per the catalog)."""
    named = reference.items.get(state.item_code) if state.item_code else None
    items = [named] if named else [i for i in reference.items.values() if state.violation_type in i.violation_types]
    return any(i.procedure_profile is ProcedureProfile.ILLEGAL_CONSTRUCTION for i in items)


class RectificationDecider(TableDecider[RectificationState]):
    def __init__(self) -> None:
        super().__init__(procedure="rectification order", transitions=TRANSITIONS, handlers={
            IssueRectificationOrder: self._issue,
            MarkReinspectionDue: self._mark_due,
            RecordCompliance: self._complied,
            RecordNonCompliance: self._not_complied,
            EscalateRectification: self._escalate,
        }, folders={
            RectificationOrderIssued: _issued,
            ReinspectionFellDue: lambda s, e: replace(s, status=RectificationStatus.REINSPECTION_DUE),
            ReinspectionRecorded: _reinspected,
            RectificationEscalated: lambda s, e: replace(s, status=RectificationStatus.ESCALATED,
                                                         escalated_to=e.target),
        })

    def initial(self) -> RectificationState:
        return RectificationState()

    def _issue(self, state: RectificationState, cmd: IssueRectificationOrder, ctx: Context) -> list[Event]:
        require_text(cmd.order_id, field="order_id", rule="ORDER_ID", what="an order id")
        require_town_unit(cmd.town, cmd.unit, ctx.reference)
        require_violation_type(cmd.violation_type, ctx.reference)
        if cmd.item_code is not None:
            require_item(cmd.item_code, ctx.reference)
        require_text(cmd.place, field="place", rule="PLACE", what="the place of the violation")
        require_text(cmd.description, field="description", rule="FACTS", what="the facts of the violation")
        require_text(cmd.requirement, field="requirement", rule="CORRECTION_REQUIRED", article="APL 28",
                     what="what the party must correct")
        require_text(cmd.legal_basis, field="legal_basis", rule="LEGAL_BASIS", what="the legal basis of the order")
        days = ctx.profile.default_rectification_days if cmd.deadline_days is None else cmd.deadline_days
        require_positive(days, field="deadline_days", rule="DEADLINE_DAYS", what="the correction period")
        return [
            RectificationOrderIssued(
                occurred_at=cmd.occurred_at, actors=cmd.actors, order_id=cmd.order_id, town=cmd.town,
                unit=cmd.unit, party=cmd.party, violation_type=cmd.violation_type, place=cmd.place,
                description=cmd.description, requirement=cmd.requirement, legal_basis=cmd.legal_basis,
                item_code=cmd.item_code, deadline_days=days, source_finding_id=cmd.source_finding_id,
                service_method=cmd.service_method),
            start("D30", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                  profile=ctx.profile, key=CLOCK_KEY, length=days),
        ]

    def _mark_due(self, state: RectificationState, cmd: MarkReinspectionDue, ctx: Context) -> list[Event]:
        due_on = state.due_on
        if not cmd.party_reported and due_on is not None and local_date(cmd.occurred_at) < due_on:
            raise RuleViolation(
                f"the correction period runs until {due_on.isoformat()}; reinspection falls due then unless the "
                "party reports the correction done", rule="CORRECTION_PERIOD_RUNNING", field="occurred_at")
        return [ReinspectionFellDue(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                    party_reported=cmd.party_reported)]

    def _complied(self, state: RectificationState, cmd: RecordCompliance, ctx: Context) -> list[Event]:
        return self._reinspection(state, cmd.site_record, cmd.av_evidence, cmd, ReinspectionOutcome.COMPLIED)

    def _not_complied(self, state: RectificationState, cmd: RecordNonCompliance, ctx: Context) -> list[Event]:
        due_on = state.due_on
        if due_on is not None and local_date(cmd.occurred_at) < due_on:
            raise RuleViolation(
                f"non-compliance can be found only once the correction period ends on {due_on.isoformat()}",
                rule="CORRECTION_PERIOD_RUNNING", field="occurred_at")
        return self._reinspection(state, cmd.site_record, cmd.av_evidence, cmd, ReinspectionOutcome.NOT_COMPLIED)

    def _reinspection(self, state: RectificationState, site_record: str, av: tuple[AvEvidence, ...],
                      cmd: RecordCompliance | RecordNonCompliance, outcome: ReinspectionOutcome) -> list[Event]:
        require_text(site_record, field="site_record", rule="SITE_RECORD", article="APL 47",
                     what="a site record of the reinspection")
        require_hashed(av)
        return [
            ReinspectionRecorded(occurred_at=cmd.occurred_at, actors=cmd.actors, outcome=outcome,
                                 site_record=site_record, av_evidence=av),
            *satisfy(state.clocks, CLOCK_KEY, occurred_at=cmd.occurred_at),
        ]

    def _escalate(self, state: RectificationState, cmd: EscalateRectification, ctx: Context) -> list[Event]:
        if cmd.target is EscalationTarget.DEMOLITION and not leads_to_demolition(state, ctx.reference):
            raise RuleViolation(
                f"violation type {state.violation_type} is not handled by the illegal-construction procedure",
                rule="DEMOLITION_ONLY_FOR_CONSTRUCTION", field="target", article="URPL 64")
        assert state.party is not None  # NOT_COMPLIED follows an issued order
        return [RectificationEscalated(
            occurred_at=cmd.occurred_at, actors=cmd.actors, order_id=state.order_id, target=cmd.target,
            party=state.party, violation_type=state.violation_type, place=state.place,
            description=state.description, item_code=state.item_code, reason=cmd.reason)]


def _issued(state: RectificationState, e: RectificationOrderIssued) -> RectificationState:
    return replace(state, status=RectificationStatus.ISSUED, order_id=e.order_id, town=e.town, unit=e.unit,
                   party=e.party, violation_type=e.violation_type, place=e.place, description=e.description,
                   requirement=e.requirement, item_code=e.item_code, legal_basis=e.legal_basis,
                   source_finding_id=e.source_finding_id, deadline_days=e.deadline_days,
                   issued_on=local_date(e.occurred_at))


def _reinspected(state: RectificationState, e: ReinspectionRecorded) -> RectificationState:
    status = (RectificationStatus.COMPLIED if e.outcome is ReinspectionOutcome.COMPLIED
              else RectificationStatus.NOT_COMPLIED)
    return replace(state, status=status, outcome=e.outcome)


DECIDER = RectificationDecider()
