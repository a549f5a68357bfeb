"""Rows 1–5: registering a lead, verifying it, refusing or transferring it, filing the case, investigating."""

from __future__ import annotations

from domain.cases import commands as c
from domain.cases import events as e
from domain.cases.case_clocks import cancel, finish
from domain.cases.dispatch import Handler
from domain.cases.guards import refield, require_text
from domain.cases.records import require_av_ref, require_sha256
from domain.cases.state import CaseState
from domain.deadlines.clock_events import DeadlineBreached, DeadlineSatisfied
from domain.deadlines.clocks import start
from domain.deadlines.local_time import local_date
from domain.deadlines.rules import limitation_deadline_id
from domain.decider import Context
from domain.errors import DomainError, RuleViolation, ValidationError
from domain.messages import SYSTEM_ACTOR, Event
from domain.reference import Role
from domain.rules.officers import require_role, require_two_certified


def register_lead(state: CaseState, cmd: c.RegisterLead, ctx: Context) -> list[Event]:
    _check_place(cmd, ctx)
    require_text(cmd.case_id, field="case_id", what="the case id")
    require_text(cmd.violation_type, field="violation_type", what="the violation type")
    if ctx.reference.violation_types and cmd.violation_type not in ctx.reference.violation_types:
        raise ValidationError(f"unknown violation type {cmd.violation_type}", rule="KNOWN_VIOLATION_TYPE",
                              field="violation_type")
    if cmd.discovered_at.tzinfo is None or cmd.discovered_at > cmd.occurred_at:
        raise ValidationError("a lead is discovered (with a time zone) no later than it is registered",
                              rule="DISCOVERED_AT", field="discovered_at")
    discovered_on = local_date(cmd.discovered_at)
    clocks: list[Event] = []
    limitation_ends_on = None
    time_barred = False
    if cmd.violation_ended_on is not None:
        if cmd.violation_ended_on > discovered_on:
            raise ValidationError("the violation cannot end after its discovery", rule="VIOLATION_DATE",
                                  field="violation_ended_on")
        limitation = start(limitation_deadline_id(cmd.harm_to_life_health_or_finance), cmd.violation_ended_on,
                           occurred_at=cmd.occurred_at, cal=ctx.calendar, profile=ctx.profile, key="D1")
        limitation_ends_on = limitation.due_on
        time_barred = discovered_on > limitation.due_on
        ended: Event
        if time_barred:
            ended = DeadlineBreached(occurred_at=cmd.occurred_at, actors=(SYSTEM_ACTOR,), clock_key="D1",
                                     deadline_id=limitation.deadline_id, due_on=limitation.due_on)
        else:
            ended = DeadlineSatisfied(occurred_at=cmd.occurred_at, actors=(SYSTEM_ACTOR,), clock_key="D1",
                                      deadline_id=limitation.deadline_id)
        clocks = [limitation, ended]
    lead = e.LeadRegistered(
        occurred_at=cmd.occurred_at, actors=cmd.actors, case_id=cmd.case_id, town=cmd.town, unit=cmd.unit,
        source=cmd.source, discovered_at=cmd.discovered_at, party=cmd.party, violation_type=cmd.violation_type,
        place=cmd.place, violation_ended_on=cmd.violation_ended_on,
        harm_to_life_health_or_finance=cmd.harm_to_life_health_or_finance, summary=cmd.summary,
        limitation_ends_on=limitation_ends_on, time_barred=time_barred, source_ref=cmd.source_ref)
    verify = start("D2", discovered_on, occurred_at=cmd.occurred_at, cal=ctx.calendar, profile=ctx.profile)
    return [lead, *clocks, verify]


def _check_place(cmd: c.RegisterLead, ctx: Context) -> None:
    towns = ctx.reference.towns
    if not towns:
        return
    town = towns.get(cmd.town)
    if town is None:
        raise ValidationError(f"unknown town {cmd.town}", rule="KNOWN_TOWN", field="town")
    if cmd.unit not in {u.code for u in town.units}:
        raise ValidationError(f"{cmd.unit} is not an enforcement unit of {town.name}", rule="KNOWN_UNIT",
                              field="unit")


def start_verification(state: CaseState, cmd: c.StartVerification, ctx: Context) -> list[Event]:
    return [e.VerificationStarted(occurred_at=cmd.occurred_at, actors=cmd.actors, findings=cmd.findings)]


def refuse_filing(state: CaseState, cmd: c.RefuseFiling, ctx: Context) -> list[Event]:
    refused = e.FilingRefused(occurred_at=cmd.occurred_at, actors=cmd.actors, ground=cmd.ground, reason=cmd.reason)
    return [refused, *finish(state, "D2", cmd.occurred_at),
            *cancel(state, cmd.occurred_at, "filing refused", keep={"D2"})]


def transfer_to_agency(state: CaseState, cmd: c.TransferToAgency, ctx: Context) -> list[Event]:
    require_text(cmd.receiving_agency, field="receiving_agency", what="the receiving agency")
    require_text(cmd.letter_no, field="letter_no", what="the transfer letter")
    moved = e.TransferredToAgency(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                  receiving_agency=cmd.receiving_agency, letter_no=cmd.letter_no)
    return [moved, *finish(state, "D2", cmd.occurred_at),
            *cancel(state, cmd.occurred_at, "transferred to another agency", keep={"D2"})]


def file_case(state: CaseState, cmd: c.FileCase, ctx: Context) -> list[Event]:
    lead = state.lead
    if lead is not None and lead.time_barred:
        ends = lead.limitation_ends_on.isoformat() if lead.limitation_ends_on else "?"
        raise RuleViolation(f"the violation was discovered after the limitation period ended on {ends}; "
                            "refuse filing as TIME_BARRED", rule="LIMITATION", field="violation_ended_on",
                            article="APL 36")
    party = cmd.party or state.party
    if party is None:
        raise RuleViolation("a case is filed against an identified party", rule="PARTY_IDENTIFIED", field="party",
                            article="APL 54")
    require_text(cmd.case_no, field="case_no", what="the case number")
    item = ctx.reference.items.get(cmd.enforcement_item)
    if item is None:
        raise ValidationError(f"unknown enforcement item {cmd.enforcement_item}", rule="KNOWN_ITEM",
                              field="enforcement_item")
    violation_type = state.violation_type or ""
    if item.violation_types and violation_type not in item.violation_types:
        raise ValidationError(f"enforcement item {item.code} does not cover {violation_type}",
                              rule="ITEM_COVERS_VIOLATION", field="enforcement_item")
    try:
        require_two_certified(cmd.officers, local_date(cmd.occurred_at), ctx.reference, town=state.town)
    except DomainError as error:
        raise refield(error, "officers") from None
    if cmd.case_lead not in cmd.officers:
        raise ValidationError("the case lead is one of the case's officers", rule="CASE_LEAD_ASSIGNED",
                              field="case_lead")
    filed = e.CaseFiled(occurred_at=cmd.occurred_at, actors=cmd.actors, case_no=cmd.case_no,
                        enforcement_item=cmd.enforcement_item, violation_type=violation_type, officers=cmd.officers,
                        case_lead=cmd.case_lead, party=party)
    decision_due = start("D7", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                         profile=ctx.profile)
    return [filed, *finish(state, "D2", cmd.occurred_at), decision_due]


def start_investigation(state: CaseState, cmd: c.StartInvestigation, ctx: Context) -> list[Event]:
    return [e.InvestigationStarted(occurred_at=cmd.occurred_at, actors=cmd.actors)]


def _new_record(state: CaseState, record_id: str, field: str) -> None:
    require_text(record_id, field=field, what="the record id")
    if any(r.record_id == record_id for r in state.evidence):
        raise ValidationError(f"record {record_id} is already in the case file", rule="DISTINCT_RECORD", field=field)


def collect_evidence(state: CaseState, cmd: c.CollectEvidence, ctx: Context) -> list[Event]:
    _new_record(state, cmd.evidence_id, "evidence_id")
    require_sha256(cmd.evidence_hash, field="evidence_hash")
    require_av_ref(cmd.av_ref)
    return [e.EvidenceCollected(occurred_at=cmd.occurred_at, actors=cmd.actors, evidence_id=cmd.evidence_id,
                                kind=cmd.kind, description=cmd.description, evidence_hash=cmd.evidence_hash,
                                av_ref=cmd.av_ref)]


def record_inquiry(state: CaseState, cmd: c.RecordInquiry, ctx: Context) -> list[Event]:
    _new_record(state, cmd.record_id, "record_id")
    require_sha256(cmd.record_hash, field="record_hash")
    return [e.InquiryRecorded(occurred_at=cmd.occurred_at, actors=cmd.actors, record_id=cmd.record_id,
                              person=cmd.person, record_hash=cmd.record_hash, av_ref=cmd.av_ref)]


def record_site(state: CaseState, cmd: c.RecordSite, ctx: Context) -> list[Event]:
    _new_record(state, cmd.record_id, "record_id")
    require_sha256(cmd.record_hash, field="record_hash")
    require_av_ref(cmd.av_ref)
    return [e.SiteRecorded(occurred_at=cmd.occurred_at, actors=cmd.actors, record_id=cmd.record_id,
                           place=cmd.place, record_hash=cmd.record_hash, av_ref=cmd.av_ref)]


def preserve_evidence(state: CaseState, cmd: c.PreserveEvidence, ctx: Context) -> list[Event]:
    require_role(cmd.approved_by, Role.PRINCIPAL, ctx.reference, field="approved_by")
    require_text(cmd.preservation_id, field="preservation_id", what="the preservation id")
    if not cmd.items:
        raise ValidationError("list what is preserved", rule="REQUIRED", field="items", article="APL 56")
    key = f"D4:{cmd.preservation_id}"
    if key in state.clocks:
        raise ValidationError(f"preservation {cmd.preservation_id} exists", rule="DISTINCT_RECORD",
                              field="preservation_id")
    preserved = e.EvidencePreserved(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                    preservation_id=cmd.preservation_id, items=cmd.items, approved_by=cmd.approved_by)
    return [preserved, start("D4", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                             profile=ctx.profile, key=key)]


def decide_preserved(state: CaseState, cmd: c.DecidePreservedEvidence, ctx: Context) -> list[Event]:
    if cmd.preservation_id not in state.open_preservations:
        raise ValidationError(f"no open preservation {cmd.preservation_id}", rule="OPEN_PRESERVATION",
                              field="preservation_id", article="APL 56")
    require_text(cmd.disposition, field="disposition", what="the disposition")
    decided = e.PreservedEvidenceDecided(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                         preservation_id=cmd.preservation_id, disposition=cmd.disposition)
    return [decided, *finish(state, f"D4:{cmd.preservation_id}", cmd.occurred_at)]


def apply_measure(state: CaseState, cmd: c.ApplyCoerciveMeasure, ctx: Context) -> list[Event]:
    require_role(cmd.approved_by, Role.PRINCIPAL, ctx.reference, field="approved_by")
    require_text(cmd.measure_id, field="measure_id", what="the measure id")
    key = f"D5:{cmd.measure_id}"
    if key in state.clocks:
        raise ValidationError(f"measure {cmd.measure_id} exists", rule="DISTINCT_RECORD", field="measure_id")
    applied = e.CoerciveMeasureApplied(occurred_at=cmd.occurred_at, actors=cmd.actors, measure_id=cmd.measure_id,
                                       measure=cmd.measure, items=cmd.items, approved_by=cmd.approved_by)
    return [applied, start("D5", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                           profile=ctx.profile, key=key)]


def release_measure(state: CaseState, cmd: c.ReleaseCoerciveMeasure, ctx: Context) -> list[Event]:
    if cmd.measure_id not in state.open_measures:
        raise ValidationError(f"no coercive measure {cmd.measure_id} in force", rule="OPEN_MEASURE",
                              field="measure_id", article="ACL 28")
    released = e.CoerciveMeasureReleased(occurred_at=cmd.occurred_at, actors=cmd.actors, measure_id=cmd.measure_id,
                                         reason=cmd.reason)
    return [released, *finish(state, f"D5:{cmd.measure_id}", cmd.occurred_at)]


def request_recusal(state: CaseState, cmd: c.RequestRecusal, ctx: Context) -> list[Event]:
    if cmd.officer_id not in state.investigators | set(state.officers):
        raise ValidationError(f"{cmd.officer_id} does not act on this case", rule="CASE_OFFICER", field="officer_id",
                              article="APL 43")
    return [e.RecusalRequested(occurred_at=cmd.occurred_at, actors=cmd.actors, officer_id=cmd.officer_id,
                               reason=cmd.reason, requested_by_party=cmd.requested_by_party)]


def decide_recusal(state: CaseState, cmd: c.DecideRecusal, ctx: Context) -> list[Event]:
    if cmd.officer_id not in state.pending_recusals:
        raise ValidationError(f"no recusal of {cmd.officer_id} was requested", rule="RECUSAL_REQUESTED",
                              field="officer_id", article="APL 43")
    if cmd.granted and (cmd.officer_id in state.officers or cmd.officer_id == state.case_lead):
        if cmd.replacement is None:
            raise ValidationError("an officer of the case who steps aside is replaced", rule="RECUSAL_REPLACEMENT",
                                  field="replacement", article="APL 43")
        remaining = (*tuple(o for o in state.officers if o != cmd.officer_id), cmd.replacement)
        try:
            require_two_certified(remaining, local_date(cmd.occurred_at), ctx.reference, town=state.town)
        except DomainError as error:
            raise refield(error, "replacement") from None
    return [e.RecusalDecided(occurred_at=cmd.occurred_at, actors=cmd.actors, officer_id=cmd.officer_id,
                             granted=cmd.granted, replacement=cmd.replacement, reason=cmd.reason)]


HANDLERS: dict[type, Handler] = {
    c.RegisterLead: register_lead,
    c.StartVerification: start_verification,
    c.RefuseFiling: refuse_filing,
    c.TransferToAgency: transfer_to_agency,
    c.FileCase: file_case,
    c.StartInvestigation: start_investigation,
    c.CollectEvidence: collect_evidence,
    c.RecordInquiry: record_inquiry,
    c.RecordSite: record_site,
    c.PreserveEvidence: preserve_evidence,
    c.DecidePreservedEvidence: decide_preserved,
    c.ApplyCoerciveMeasure: apply_measure,
    c.ReleaseCoerciveMeasure: release_measure,
    c.RequestRecusal: request_recusal,
    c.DecideRecusal: decide_recusal,
}
