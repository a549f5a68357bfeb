"""Administration over GraphQL: a district's administrator changes its reference register — a whole onboarding
workbook (`importReferenceWorkbook`), or records in the files' shape (`changeReferenceRecords`) — from a day,
all or nothing, every record held to the administrator's own district; `referenceHistory` lists the district's
changes for its administrators, supervisors and auditors. The API takes a change at once (the other processes
within their refresh interval)."""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.graphql.context import RequestContext
from api.graphql.problems import Forbidden, Problem, ValidationError
from domain.administration.changes import ReferenceChanged
from domain.administration.registers import REGISTERS, stream_of
from domain.reference import Role
from domain.security_log import SecurityKind
from infra.administration.onboarding import Workbook, import_workbook
from infra.administration.register import ReferenceRegister
from infra.administration.workbook import WorkbookRejected
from infra.reference.errors import ReferenceDataError


@strawberry.type(description="One change of the register: a register's records put or retired from a day.")
class ReferenceChange:
    register: str
    keeper: str = strawberry.field(description="The district whose records these are (\"\" = the installation).")
    effective_from: date
    puts: int
    retires: list[str]
    actor: str
    source: str
    recorded_at: datetime | None = None

    @classmethod
    def of(cls, change: ReferenceChanged, recorded_at: datetime | None = None) -> ReferenceChange:
        return cls(register=change.register, keeper=change.keeper, effective_from=change.effective_from,
                   puts=len(change.puts), retires=list(change.retires), actor=change.primary_actor,
                   source=change.source, recorded_at=recorded_at)


@strawberry.type(description="The changes were recorded (or, with dryRun, would be: nothing was recorded).")
class ReferenceChangesRecorded:
    dry_run: bool
    changes: list[ReferenceChange]


@strawberry.type(description="A cell of the workbook cannot be taken; nothing was recorded.")
class WorkbookRefused(Problem):
    sheet: str
    row: int | None
    column: str | None


@strawberry.type(description="A record the register refuses (the file, record and field it names); nothing changed.")
class ReferenceRefused(Problem):
    file: str
    record: str | None
    field: str | None


ReferenceOutcome = Annotated[
    ReferenceChangesRecorded | WorkbookRefused | ReferenceRefused | ValidationError | Forbidden,
    strawberry.union("ReferenceOutcome", description="The register's changes, or why none was recorded."),
]


@strawberry.input(description="An onboarding workbook (`zhifa admin template`), base64-encoded, from a day.")
class ImportReferenceWorkbookInput:
    workbook: str = strawberry.field(description="The .xlsx file, base64-encoded.")
    effective_from: date
    filename: str = "workbook.xlsx"
    dry_run: bool = False


@strawberry.input(description="Records of one register in the reference files' shape, put or retired from a day.")
class ChangeReferenceRecordsInput:
    register: str = strawberry.field(description="districts, towns, officers, catalogs, benchmarks, soft_lists, "
                                                 "profiles or violation_types.")
    effective_from: date
    puts: list[JSON] = strawberry.field(default_factory=list)
    retires: list[str] = strawberry.field(default_factory=list)
    reason: str = ""
    dry_run: bool = False


def _administrator(context: RequestContext, operation: str) -> str | Forbidden:
    """The district the caller administers, or why they may not."""
    caller = context.caller
    if not caller.holds_any({Role.ADMIN.value}) or caller.district is None:
        return context.forbid(operation, "the reference register is changed by a district's administrator "
                                         "(role admin)", [Role.ADMIN.value])
    return caller.district


def _refused(refused: ReferenceDataError) -> ReferenceRefused:
    return ReferenceRefused(code="REFERENCE_REFUSED", message=str(refused), file=refused.file,
                            record=refused.record, field=refused.field)


def _workbook_refused(refused: WorkbookRejected) -> WorkbookRefused:
    return WorkbookRefused(code="WORKBOOK_REFUSED", message=str(refused), sheet=refused.sheet, row=refused.row,
                           column=refused.column)


async def _taken(context: RequestContext, changes: list[ReferenceChanged], dry_run: bool
                 ) -> ReferenceChangesRecorded:
    if not dry_run and changes and context.services.live is not None:
        await context.services.live.refresh()
    return ReferenceChangesRecorded(dry_run=dry_run, changes=[ReferenceChange.of(c) for c in changes])


async def import_reference_workbook(info: Info, input: ImportReferenceWorkbookInput) -> ReferenceOutcome:
    context: RequestContext = info.context
    district = _administrator(context, "importReferenceWorkbook")
    if isinstance(district, Forbidden):
        return district
    try:
        data = base64.b64decode(input.workbook, validate=True)
    except (binascii.Error, ValueError):
        return ValidationError(code="VALIDATION_ERROR", message="workbook: not base64", rule="FIELD_FORMAT",
                               field="workbook", article=None)
    register = ReferenceRegister(context.services.engine, clock=context.services.clock)
    if not input.dry_run:
        await context.record_before(SecurityKind.ADMIN_CHANGE, "importReferenceWorkbook",
                                    f"{input.filename} from {input.effective_from}", detail={"district": district})
    try:
        imported = await import_workbook(register, Workbook(data, input.filename), keeper=district,
                                         effective_from=input.effective_from, actor=context.caller.officer_id,
                                         at=context.services.clock(), dry_run=input.dry_run)
    except WorkbookRejected as refused:
        return _workbook_refused(refused)
    except ReferenceDataError as refused:
        return _refused(refused)
    return await _taken(context, list(imported.changes), input.dry_run)


async def change_reference_records(info: Info, input: ChangeReferenceRecordsInput) -> ReferenceOutcome:
    context: RequestContext = info.context
    district = _administrator(context, "changeReferenceRecords")
    if isinstance(district, Forbidden):
        return district
    if input.register not in REGISTERS:
        return ValidationError(code="VALIDATION_ERROR", rule="FIELD_FORMAT", field="register", article=None,
                               message=f"register: {input.register!r} is not one of {', '.join(REGISTERS)}")
    if not all(isinstance(p, dict) for p in input.puts):
        return ValidationError(code="VALIDATION_ERROR", rule="FIELD_FORMAT", field="puts", article=None,
                               message="puts: every record is a JSON object in the reference file's shape")
    change = ReferenceChanged(occurred_at=context.services.clock(), actors=(context.caller.officer_id,),
                              register=input.register, keeper=district, effective_from=input.effective_from,
                              puts=tuple(input.puts), retires=tuple(input.retires), reason=input.reason,
                              source="graphql changeReferenceRecords")
    if not input.dry_run:
        await context.record_before(SecurityKind.ADMIN_CHANGE, "changeReferenceRecords",
                                    f"{input.register} from {input.effective_from}", detail={"district": district})
    try:
        await ReferenceRegister(context.services.engine).record([change], dry_run=input.dry_run)
    except ReferenceDataError as refused:
        return _refused(refused)
    return await _taken(context, [change], input.dry_run)


async def reference_history(info: Info, as_of: date | None = None) -> list[ReferenceChange]:
    """The caller's district's changes (newest last); with `asOf`, only those in force by then."""
    context: RequestContext = info.context
    stream = stream_of(context.caller.district or "-")  # nobody's district: an empty list
    history = await ReferenceRegister(context.services.engine).history()
    own = [r for r in history if r.envelope.stream_id == stream]
    if as_of is not None:
        own = [r for r in own if r.change.effective_from <= as_of]
    return [ReferenceChange.of(r.change, r.envelope.recorded_at) for r in own]


def administration_mutations() -> dict[str, Any]:
    return {
        "importReferenceWorkbook": strawberry.mutation(
            import_reference_workbook, name="importReferenceWorkbook",
            description="Puts an onboarding workbook's records in the caller's district's register from a day."),
        "changeReferenceRecords": strawberry.mutation(
            change_reference_records, name="changeReferenceRecords",
            description="Puts or retires records of one register of the caller's district from a day."),
    }
