"""The inspection decider: `decide` checks a command and returns its events; `evolve` folds one event."""

from __future__ import annotations

from collections.abc import Sequence

from domain.decider import Context
from domain.errors import RuleViolation, ValidationError
from domain.frozen import replace
from domain.inspections.commands import (
    CancelInspection,
    CompleteInspection,
    PlanInspection,
    RecordFinding,
    RecordInspection,
    StartInspection,
)
from domain.inspections.events import (
    FindingRecorded,
    InspectionCancelled,
    InspectionCompleted,
    InspectionPlanned,
    InspectionStarted,
)
from domain.inspections.evidence import require_hashed
from domain.inspections.findings import Finding, FindingDraft, FindingKind, numbered
from domain.inspections.guards import (
    require_certificates_shown,
    require_item,
    require_items,
    require_not_after,
    require_text,
    require_town_unit,
    require_violation_type,
)
from domain.inspections.state import InspectionState, InspectionStatus
from domain.inspections.transitions import TRANSITIONS
from domain.messages import Event
from domain.reference import ProcedureProfile, ReferenceData
from domain.table_decider import TableDecider


def check_finding(draft: FindingDraft, reference: ReferenceData, *, field: str = "finding") -> None:
    """A finding names what the follow-up needs; NO_VIOLATION names nothing."""
    if draft.kind is FindingKind.NO_VIOLATION:
        if draft.violation_type or draft.party is not None:
            raise ValidationError("a NO_VIOLATION finding names no violation and no party",
                                  rule="NO_VIOLATION_IS_EMPTY", field=field)
        return
    require_violation_type(draft.violation_type, reference, field=f"{field}.violation_type")
    require_text(draft.description, field=f"{field}.description", rule="FINDING_DESCRIPTION",
                 what="a description of what was found")
    if draft.item_code is not None or draft.kind is FindingKind.SIMPLE_PENALTY:
        item = require_item(draft.item_code, reference, field=f"{field}.item_code")
        if draft.kind is FindingKind.SIMPLE_PENALTY and item.procedure_profile is not ProcedureProfile.SIMPLE_ALLOWED:
            raise RuleViolation(f"item {item.code} may not be decided on the spot ({item.procedure_profile.value})",
                                rule="SIMPLE_PROCEDURE_ALLOWED", field=f"{field}.item_code", article="APL 51")
    if draft.soft_list_item_id is not None:
        if draft.kind is not FindingKind.ON_SITE_CORRECTED:
            raise ValidationError("only an on-site correction cites a soft-enforcement list item",
                                  rule="SOFT_LIST_ONLY_ON_SITE", field=f"{field}.soft_list_item_id")
        if draft.soft_list_item_id not in reference.soft_list:
            raise ValidationError(f"soft-enforcement list item {draft.soft_list_item_id} is unknown",
                                  rule="KNOWN_SOFT_LIST_ITEM", field=f"{field}.soft_list_item_id")
    if draft.kind in (FindingKind.RECTIFICATION_ORDERED, FindingKind.SIMPLE_PENALTY, FindingKind.LEAD_FOR_FILING,
                      FindingKind.REFERRED_OUT) and draft.party is None:
        raise ValidationError(f"a {draft.kind.value} finding names the party its follow-up is against",
                              rule="FINDING_PARTY", field=f"{field}.party")
    if draft.kind is FindingKind.REFERRED_OUT:
        require_text(draft.referred_to or "", field=f"{field}.referred_to", rule="COMPETENT_AGENCY",
                     what="the competent agency the matter is referred to")
    elif draft.referred_to is not None:
        raise ValidationError("only a REFERRED_OUT finding names a receiving agency", rule="REFERRAL_ONLY",
                              field=f"{field}.referred_to")


def check_findings(findings: Sequence[Finding | FindingDraft]) -> None:
    kinds = [f.kind for f in findings]
    if not kinds:
        raise ValidationError("an inspection completes with at least one finding (NO_VIOLATION if nothing found)",
                              rule="FINDING_REQUIRED", field="findings")
    if FindingKind.NO_VIOLATION in kinds and len(kinds) > 1:
        raise ValidationError("NO_VIOLATION cannot stand beside other findings", rule="NO_VIOLATION_ALONE",
                              field="findings")


def check_site_record(findings: Sequence[Finding | FindingDraft], site_record: str) -> None:
    if any(f.kind is not FindingKind.NO_VIOLATION for f in findings):
        require_text(site_record, field="site_record", rule="SITE_RECORD", article="APL 47",
                     what="a site record (现场笔录) of what was found")


class InspectionDecider(TableDecider[InspectionState]):
    def __init__(self) -> None:
        super().__init__(procedure="inspection", transitions=TRANSITIONS, handlers={
            PlanInspection: self._plan,
            CancelInspection: self._cancel,
            StartInspection: self._start,
            RecordFinding: self._record_finding,
            CompleteInspection: self._complete,
            RecordInspection: self._record_inspection,
        }, folders={
            InspectionPlanned: _planned,
            InspectionCancelled: lambda s, e: replace(s, status=InspectionStatus.CANCELLED),
            InspectionStarted: _started,
            FindingRecorded: lambda s, e: replace(s, findings=(*s.findings, e.finding)),
            InspectionCompleted: _completed,
        })

    def initial(self) -> InspectionState:
        return InspectionState()

    # --- handlers ------------------------------------------------------------------------------------------

    def _plan(self, state: InspectionState, cmd: PlanInspection, ctx: Context) -> list[Event]:
        require_text(cmd.inspection_id, field="inspection_id", rule="INSPECTION_ID", what="an inspection id")
        require_town_unit(cmd.town, cmd.unit, ctx.reference)
        require_text(cmd.place, field="place", rule="PLACE", what="the place inspected")
        require_items(cmd.items_checked, ctx.reference)
        return [InspectionPlanned(occurred_at=cmd.occurred_at, actors=cmd.actors, inspection_id=cmd.inspection_id,
                                  town=cmd.town, unit=cmd.unit, place=cmd.place, planned_on=cmd.planned_on,
                                  items_checked=cmd.items_checked, trigger=cmd.trigger)]

    def _cancel(self, state: InspectionState, cmd: CancelInspection, ctx: Context) -> list[Event]:
        require_text(cmd.reason, field="reason", rule="CANCEL_REASON", what="the reason for cancelling")
        return [InspectionCancelled(occurred_at=cmd.occurred_at, actors=cmd.actors, reason=cmd.reason)]

    def _start(self, state: InspectionState, cmd: StartInspection, ctx: Context) -> list[Event]:
        require_certificates_shown(cmd.certificates_shown)
        return [InspectionStarted(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                  certificates_shown=cmd.certificates_shown)]

    def _record_finding(self, state: InspectionState, cmd: RecordFinding, ctx: Context) -> list[Event]:
        check_finding(cmd.finding, ctx.reference)
        check_findings([*state.findings, cmd.finding])
        finding = numbered(cmd.finding, state.inspection_id, len(state.findings) + 1, state.place)
        return [FindingRecorded(occurred_at=cmd.occurred_at, actors=cmd.actors, finding=finding)]

    def _complete(self, state: InspectionState, cmd: CompleteInspection, ctx: Context) -> list[Event]:
        check_findings(state.findings)
        check_site_record(state.findings, cmd.site_record)
        require_hashed(cmd.av_evidence)
        assert state.started_at is not None  # IN_PROGRESS always has a start
        return [InspectionCompleted(
            occurred_at=cmd.occurred_at, actors=cmd.actors, inspection_id=state.inspection_id,
            town=state.town, unit=state.unit, place=state.place, trigger=state.trigger,
            items_checked=state.items_checked, certificates_shown=state.certificates_shown,
            started_at=state.started_at, findings=state.findings, site_record=cmd.site_record,
            av_evidence=cmd.av_evidence)]

    def _record_inspection(self, state: InspectionState, cmd: RecordInspection, ctx: Context) -> list[Event]:
        if state.status is InspectionStatus.PLANNED and cmd.inspection_id != state.inspection_id:
            raise ValidationError(f"this stream is inspection {state.inspection_id}, not {cmd.inspection_id}",
                                  rule="SAME_INSPECTION", field="inspection_id")
        require_text(cmd.inspection_id, field="inspection_id", rule="INSPECTION_ID", what="an inspection id")
        require_town_unit(cmd.town, cmd.unit, ctx.reference)
        require_text(cmd.place, field="place", rule="PLACE", what="the place inspected")
        require_items(cmd.items_checked, ctx.reference)
        require_certificates_shown(cmd.certificates_shown)
        started_at = cmd.started_at or cmd.occurred_at
        require_not_after(started_at, cmd.occurred_at, field="started_at")
        if state.last_occurred_at is not None:
            require_not_after(state.last_occurred_at, started_at, field="started_at")
        for i, draft in enumerate(cmd.findings):
            check_finding(draft, ctx.reference, field=f"findings[{i}]")
        check_findings(cmd.findings)
        check_site_record(cmd.findings, cmd.site_record)
        require_hashed(cmd.av_evidence)
        findings = tuple(numbered(d, cmd.inspection_id, i, cmd.place) for i, d in enumerate(cmd.findings, 1))
        return [InspectionCompleted(
            occurred_at=cmd.occurred_at, actors=cmd.actors, inspection_id=cmd.inspection_id, town=cmd.town,
            unit=cmd.unit, place=cmd.place, trigger=cmd.trigger, items_checked=cmd.items_checked,
            certificates_shown=cmd.certificates_shown, started_at=started_at, findings=findings,
            site_record=cmd.site_record, av_evidence=cmd.av_evidence)]


def _planned(state: InspectionState, e: InspectionPlanned) -> InspectionState:
    return replace(state, status=InspectionStatus.PLANNED, inspection_id=e.inspection_id, town=e.town, unit=e.unit,
                   place=e.place, planned_on=e.planned_on, items_checked=e.items_checked, trigger=e.trigger)


def _started(state: InspectionState, e: InspectionStarted) -> InspectionState:
    return replace(state, status=InspectionStatus.IN_PROGRESS, officers=e.actors,
                   certificates_shown=e.certificates_shown, started_at=e.occurred_at)


def _completed(state: InspectionState, e: InspectionCompleted) -> InspectionState:
    return replace(state, status=InspectionStatus.COMPLETED, inspection_id=e.inspection_id, town=e.town,
                   unit=e.unit, place=e.place, trigger=e.trigger, items_checked=e.items_checked,
                   officers=e.actors, certificates_shown=e.certificates_shown, started_at=e.started_at,
                   completed_at=e.occurred_at, findings=e.findings, site_record=e.site_record,
                   av_evidence=e.av_evidence)


DECIDER = InspectionDecider()
