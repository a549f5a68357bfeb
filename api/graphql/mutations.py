"""One mutation per procedure step, generated from the step catalog. Each one:

1. is refused (`Forbidden`) unless the caller holds the role the step's transition requires (declared once, as
   the field's permission); the caller is always the step's first actor, co-actors are named in `coActors`;
2. opens a stream only in one of the caller's towns, and steps only on a stream the caller's scoped read finds
   (`NotFound` otherwise — the same answer for a case of another town and one that does not exist);
3. decodes the command with the domain's codec (`ValidationError` naming the field) and sends it through the
   workflow facade with the client's `requestId` as the update id, so a retried mutation never applies twice;
4. returns the case as the read model holds it after the step, or the domain's rejection as a typed problem.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info
from temporalio.service import RPCError, RPCStatusCode

from api.evidence.graphql_upload import upload_mutation
from api.evidence.references import unknown_evidence
from api.graphql.administration import administration_mutations
from api.graphql.context import RequestContext
from api.graphql.ids import stream_id_of
from api.graphql.inputs import command_fields, step_input
from api.graphql.ledgers import LedgerOutcome, RecordLedgerEntriesInput, record_ledger_entries
from api.graphql.notifications import mark_notifications_read
from api.graphql.permissions import readable, takeable
from api.graphql.policy import step_role
from api.graphql.problems import (
    Forbidden,
    InvalidTransition,
    NotFound,
    RuleViolation,
    Unavailable,
    ValidationError,
    not_found,
    problem_of,
    unavailable,
)
from api.graphql.steps import STEPS, StepDef
from api.graphql.types import Case
from api.observability import record_step
from domain import errors as domain_errors
from domain.codec import to_primitive
from infra.availability import DATABASE, TEMPORAL, StepPending, outage_of
from infra.observability.logs import bind, log_context
from workflows.client import StepRejected

StepOutcome = Annotated[
    Case | InvalidTransition | RuleViolation | ValidationError | NotFound | Forbidden | Unavailable,
    strawberry.union("StepOutcome", description="The case after the step, or why the step was not taken."),
]


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError(code="VALIDATION_ERROR", message=message, rule="FIELD_FORMAT", field=field, article=None)


async def take_step(step: StepDef, info: Info, data: Any) -> Any:
    """The step, or `Unavailable` while Temporal or the database is down (never a masked internal error); its
    outcome counted and logged with the stream and town (api.observability)."""
    with log_context():
        try:
            outcome = await _take_step(step, info, data)
        except Exception as error:
            outage = outage_of(error)
            if outage is None:
                record_step(step.mutation, "Error")
                raise
            outcome = unavailable(outage)
        record_step(step.mutation, type(outcome).__name__)
        return outcome


async def _take_step(step: StepDef, info: Info, data: Any) -> Any:
    context: RequestContext = info.context
    caller = context.caller
    request_id = str(data.request_id).strip()
    if not request_id:
        return _invalid("requestId", "requestId must not be empty")
    occurred_at = data.occurred_at or context.services.clock()
    if occurred_at.tzinfo is None:
        return _invalid("occurredAt", "occurredAt must carry a time zone offset")
    try:
        payload = command_fields(data)
    except ValueError as error:
        return _invalid("input", str(error))
    payload["occurred_at"] = to_primitive(occurred_at)
    co_actors = [str(a) for a in data.co_actors if str(a) != caller.officer_id]
    payload["actors"] = [caller.officer_id, *co_actors]

    if step.id_field is not None:
        town = str(payload.get("town", ""))
        if not caller.sees(town):
            return context.forbid(step.mutation, f"{step.command.__name__}: town {town!r} is not one of yours",
                                  town=town)
        stream_id = step.stream_id(town, request_id)
        payload[step.id_field] = stream_id
    else:
        stream_id = stream_id_of(str(data.case_id))
        summary = await context.fresh_summary(stream_id)
        if summary is None:
            return not_found(stream_id)
        town = summary.town

    bind(stream_id=stream_id, town=town)
    await context.reads.release()  # no read transaction may hold the database while the worker appends
    try:
        command = step.spec.decode_command(step.command.__name__, payload)
        uncited = await unknown_evidence(context.services.evidence, stream_id, command)
        if uncited is not None:
            return uncited
        streams = context.services.streams
        sending = (streams.start(step.spec.kind, stream_id, town, command, request_id=request_id) if step.starts
                   else streams.step(stream_id, command, request_id=request_id))
        await _within(context, sending)
    except domain_errors.DomainError as error:
        return problem_of(error)
    except StepRejected as rejected:
        return problem_of(rejected.error)
    except RPCError as error:
        if error.status is not RPCStatusCode.NOT_FOUND:
            raise
        return InvalidTransition(code="INVALID_TRANSITION", rule="STREAM_FINISHED", field="status", article=None,
                                 message=f"{stream_id} is finished; it takes no further steps")
    after = await context.fresh_summary(stream_id)
    return Case.of(after) if after is not None else not_found(stream_id)


async def _within(context: RequestContext, sending: Awaitable[Any]) -> None:
    """Wait for the step's outcome a bounded time: a step accepted by Temporal but not yet persisted (no worker, the
    database down) goes on in its workflow; the caller learns it is pending and retries with the same requestId."""
    try:
        await asyncio.wait_for(sending, timeout=context.services.step_timeout)
    except TimeoutError:
        down = await context.services.database_down()
        raise StepPending(DATABASE if down else TEMPORAL,
                          f"no outcome within {context.services.step_timeout:g} s") from None


def _mutation(step: StepDef) -> Any:
    input_type = step_input(step)

    async def resolve(info: Info, input: Any) -> Any:
        return await take_step(step, info, input)

    resolve.__annotations__ = {"info": Info, "input": input_type, "return": StepOutcome}
    resolve.__name__ = step.mutation
    opens = "Opens a stream: " if step.starts else ""
    return strawberry.mutation(resolve, name=step.mutation, extensions=takeable(step.command),
                               description=f"{opens}{step.command.__name__}, by an officer with the role "
                                           f"{step_role(step.command)}.")


def _ledger_mutation() -> Any:
    async def resolve(info: Info, input: RecordLedgerEntriesInput) -> LedgerOutcome:
        return await record_ledger_entries(info, input)

    return strawberry.mutation(resolve, name="recordLedgerEntries",
                               description="Ledger entries (台账), by an officer or case lead of the unit's town.")


def build_mutation_type() -> type:
    namespace = {step.mutation: _mutation(step) for step in STEPS}
    namespace["recordLedgerEntries"] = _ledger_mutation()
    namespace.update(administration_mutations())
    namespace["markNotificationsRead"] = strawberry.mutation(
        mark_notifications_read, name="markNotificationsRead", extensions=readable("markNotificationsRead"),
        description="Marks the caller's own notifications read (ids of others' are ignored).")
    namespace["uploadEvidence"] = upload_mutation()
    return strawberry.type(type("Mutation", (), namespace), description="Procedure steps, one per domain command.")
