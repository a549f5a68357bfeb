"""One handler per ledger entry: validate against the ledger's state, return the event."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from domain.decider import Context
from domain.errors import RuleViolation, ValidationError
from domain.ledgers import commands as c
from domain.ledgers import events as e
from domain.ledgers.checks import at_least, required
from domain.ledgers.kinds import LedgerKind
from domain.ledgers.state import LedgerState
from domain.ledgers.values import HEADLINE_VIOLATION_TYPE, EvaluationResult

Handler = Callable[[LedgerState, Any, Context], e.LedgerEvent]


def _base(cmd: c.LedgerCommand) -> dict[str, Any]:
    return {"occurred_at": cmd.occurred_at, "actors": cmd.actors, "entry_id": cmd.entry_id}


def _join(state: LedgerState, cmd: c.JoinStaff, ctx: Context) -> e.LedgerEvent:
    required(cmd.person_id, "person_id")
    required(cmd.name, "name")
    if cmd.person_id in state.in_post:
        raise RuleViolation(f"{cmd.person_id} is already on the roster", rule="ALREADY_IN_POST", field="person_id")
    return e.StaffMemberJoined(**_base(cmd), person_id=cmd.person_id, name=cmd.name, category=cmd.category,
                               legal_reviewer=cmd.legal_reviewer, supervisor=cmd.supervisor)


def _in_post(state: LedgerState, person_id: str) -> None:
    if person_id not in state.in_post:
        raise RuleViolation(f"{person_id} is not on the roster", rule="NOT_IN_POST", field="person_id")


def _issue(state: LedgerState, cmd: c.IssueCertificate, ctx: Context) -> e.LedgerEvent:
    required(cmd.number, "number")
    _in_post(state, cmd.person_id)
    if cmd.number in state.certificates:
        raise RuleViolation(f"certificate {cmd.number} is already recorded", rule="DUPLICATE_CERTIFICATE",
                            field="number")
    if cmd.expires_on is not None and cmd.expires_on < cmd.occurred_at.date():
        raise ValidationError("expires_on precedes the issue", rule="RANGE", field="expires_on")
    return e.CertificateIssued(**_base(cmd), person_id=cmd.person_id, number=cmd.number, expires_on=cmd.expires_on)


def _cancel(state: LedgerState, cmd: c.CancelCertificate, ctx: Context) -> e.LedgerEvent:
    held = state.certificates.get(cmd.number)
    if held is None or held.person_id != cmd.person_id:
        raise RuleViolation(f"{cmd.person_id} holds no certificate {cmd.number}", rule="UNKNOWN_CERTIFICATE",
                            field="number")
    if held.cancelled:
        raise RuleViolation(f"certificate {cmd.number} is already cancelled", rule="ALREADY_CANCELLED",
                            field="number")
    return e.CertificateCancelled(**_base(cmd), person_id=cmd.person_id, number=cmd.number, reason=cmd.reason)


def _leave(state: LedgerState, cmd: c.LeaveStaff, ctx: Context) -> e.LedgerEvent:
    _in_post(state, cmd.person_id)
    return e.StaffMemberLeft(**_base(cmd), person_id=cmd.person_id, reason=cmd.reason)


def _register(state: LedgerState, cmd: c.RegisterEquipment, ctx: Context) -> e.LedgerEvent:
    at_least(cmd.count, 1, "count")
    return e.EquipmentRegistered(**_base(cmd), equipment=cmd.equipment, count=cmd.count, description=cmd.description)


def _retire(state: LedgerState, cmd: c.RetireEquipment, ctx: Context) -> e.LedgerEvent:
    at_least(cmd.count, 1, "count")
    in_service = state.equipment.get(cmd.equipment, 0)
    if cmd.count > in_service:
        raise RuleViolation(f"only {in_service} {cmd.equipment.value} in service, cannot retire {cmd.count}",
                            rule="NOT_IN_SERVICE", field="count")
    return e.EquipmentRetired(**_base(cmd), equipment=cmd.equipment, count=cmd.count, reason=cmd.reason)


def _training(state: LedgerState, cmd: c.RecordTraining, ctx: Context) -> e.LedgerEvent:
    required(cmd.title, "title")
    at_least(cmd.hours, 0, "hours")
    return e.TrainingSessionHeld(**_base(cmd), title=cmd.title, mode=cmd.mode, hours=cmd.hours,
                                 audience=cmd.audience, category=cmd.category, organiser=cmd.organiser)


def _hotline(state: LedgerState, cmd: c.RecordHotlineTally, ctx: Context) -> e.LedgerEvent:
    at_least(cmd.count, 0, "count")
    return e.HotlineTallyRecorded(**_base(cmd), category=cmd.category, count=cmd.count,
                                  period_label=cmd.period_label)


def _campaign(state: LedgerState, cmd: c.RecordCampaignTally, ctx: Context) -> e.LedgerEvent:
    at_least(cmd.count, 0, "count")
    known = ctx.reference.violation_types
    if cmd.violation_type != HEADLINE_VIOLATION_TYPE and known and cmd.violation_type not in known:
        raise ValidationError(f"unknown violation type {cmd.violation_type!r}", rule="UNKNOWN_VIOLATION_TYPE",
                              field="violation_type")
    return e.CampaignTallyRecorded(**_base(cmd), violation_type=cmd.violation_type, count=cmd.count,
                                   count_unit=cmd.count_unit, qualifier=cmd.qualifier, label=cmd.label)


def _evaluation(state: LedgerState, cmd: c.RecordEvaluation, ctx: Context) -> e.LedgerEvent:
    required(cmd.case_ref, "case_ref")
    if cmd.result is EvaluationResult.PROBLEMS and not cmd.problems:
        raise ValidationError("an evaluation with problems names them", rule="REQUIRED_FIELD", field="problems")
    if cmd.result is EvaluationResult.QUALIFIED and cmd.problems:
        raise ValidationError("a qualified file lists no problems", rule="INCONSISTENT", field="problems")
    return e.CaseFileEvaluated(**_base(cmd), case_ref=cmd.case_ref, result=cmd.result, problems=cmd.problems,
                               session=cmd.session)


def _patrols(state: LedgerState, cmd: c.RecordPatrolUploads, ctx: Context) -> e.LedgerEvent:
    at_least(cmd.count, 1, "count")
    return e.PatrolRecordsUploaded(**_base(cmd), count=cmd.count, period_label=cmd.period_label,
                                   qualifier=cmd.qualifier)


def _warning(state: LedgerState, cmd: c.RecordPlatformWarning, ctx: Context) -> e.LedgerEvent:
    required(cmd.warning_no, "warning_no")
    if cmd.warning_no in state.open_warnings:
        raise RuleViolation(f"warning {cmd.warning_no} is already open", rule="DUPLICATE_WARNING",
                            field="warning_no")
    return e.PlatformWarningRaised(**_base(cmd), warning_no=cmd.warning_no, subject_ref=cmd.subject_ref,
                                   reason=cmd.reason)


def _resolve(state: LedgerState, cmd: c.ResolvePlatformWarning, ctx: Context) -> e.LedgerEvent:
    if cmd.warning_no not in state.open_warnings:
        raise RuleViolation(f"no open warning {cmd.warning_no}", rule="UNKNOWN_WARNING", field="warning_no")
    return e.PlatformWarningResolved(**_base(cmd), warning_no=cmd.warning_no, resolution=cmd.resolution)


def _publicity(state: LedgerState, cmd: c.RecordPublicity, ctx: Context) -> e.LedgerEvent:
    at_least(cmd.events, 0, "events")
    at_least(cmd.materials, 0, "materials")
    if cmd.events == 0 and cmd.materials == 0:
        raise ValidationError("a publicity entry records events or materials", rule="RANGE", field="events")
    return e.PublicityRecorded(**_base(cmd), events=cmd.events, materials=cmd.materials, qualifier=cmd.qualifier,
                               description=cmd.description)


def _acts(state: LedgerState, cmd: c.RecordOtherActs, ctx: Context) -> e.LedgerEvent:
    at_least(cmd.count, 0, "count")
    return e.AdministrativeActsRecorded(**_base(cmd), category=cmd.category, count=cmd.count, label=cmd.label)


HANDLERS: Mapping[LedgerKind, Mapping[type[c.LedgerCommand], Handler]] = {
    LedgerKind.ROSTER: {c.JoinStaff: _join, c.IssueCertificate: _issue, c.CancelCertificate: _cancel,
                        c.LeaveStaff: _leave},
    LedgerKind.EQUIPMENT: {c.RegisterEquipment: _register, c.RetireEquipment: _retire},
    LedgerKind.TRAINING: {c.RecordTraining: _training},
    LedgerKind.HOTLINE: {c.RecordHotlineTally: _hotline},
    LedgerKind.CAMPAIGN: {c.RecordCampaignTally: _campaign},
    LedgerKind.EVALUATION: {c.RecordEvaluation: _evaluation},
    LedgerKind.PLATFORM: {c.RecordPatrolUploads: _patrols, c.RecordPlatformWarning: _warning,
                          c.ResolvePlatformWarning: _resolve},
    LedgerKind.PUBLICITY: {c.RecordPublicity: _publicity},
    LedgerKind.OTHER_ACTS: {c.RecordOtherActs: _acts},
}

KIND_OF_COMMAND: Mapping[type[c.LedgerCommand], LedgerKind] = {
    command: kind for kind, handlers in HANDLERS.items() for command in handlers
}
