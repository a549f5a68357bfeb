"""Ledgers over GraphQL: `recordLedgerEntries` (typed entries, one input type per ledger entry generated from the
domain's command dataclasses; all entries are recorded or none) and the `ledger` query (a unit's ledger with its
entries). Officers and case leads of the unit's town record; the town's case workers and supervisors read."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.graphql.case_record import TimelineEvent
from api.graphql.context import RequestContext
from api.graphql.inputs import _ENUMS, _enum, _fields
from api.graphql.policy import LEDGER_WRITERS
from api.graphql.problems import (
    Forbidden,
    InvalidTransition,
    NotFound,
    RuleViolation,
    ValidationError,
    problem_of,
)
from domain import errors as domain_errors
from domain.codec import from_primitive, to_primitive
from domain.ledgers.commands import LedgerCommand
from domain.ledgers.handlers import HANDLERS
from domain.ledgers.kinds import LedgerKind, ledger_stream_id
from domain.reference import ReferenceData
from domain.security_log import SecurityKind
from domain.statistics.figures import Unit
from domain.task_routing import next_steps_for
from infra.calendar import load_work_calendar
from infra.eventstore import EventStore
from infra.ledgers import LedgerEntryRejected, record_entries
from infra.projections import Projector
from infra.readside import cases as reads

LedgerKindEnum: Any = _enum(LedgerKind)
# The tally units' enum is `Unit` in the domain; GraphQL's `Unit` is the enforcement unit, so the mirror the
# generated entry inputs use is registered under another name first.
OPERATION = "recordLedgerEntries"
_TALLY_UNIT: Any = enum.Enum("TallyUnit", {m.name: m.value for m in Unit})  # type: ignore[misc]
_ENUMS.setdefault(Unit, strawberry.enum(_TALLY_UNIT, description="A tally's unit (never added across units)."))


def _camel(name: str) -> str:
    return name[0].lower() + name[1:]


def _entry_input(command: type[LedgerCommand]) -> type:
    own, defaults = _fields(command, ("occurred_at", "actors"))
    annotations: dict[str, Any] = {**own, "occurred_at": datetime | None}
    defaults["occurred_at"] = None
    made = type(f"{command.__name__}Entry", (), {"__annotations__": annotations, **defaults})
    return strawberry.input(made, description=f"A {command.__name__} entry; occurredAt defaults to now.")


ENTRY_COMMANDS: dict[str, type[LedgerCommand]] = {
    _camel(command.__name__): command for kind in LedgerKind for command in HANDLERS[kind]}
LedgerEntryInput: Any = strawberry.input(
    type("LedgerEntryInput", (), {
        "__annotations__": {name: _entry_input(command) | None for name, command in ENTRY_COMMANDS.items()},
        **{name: strawberry.UNSET for name in ENTRY_COMMANDS}}),
    one_of=True, description="One ledger entry: exactly one of the fields, named after the entry's kind.")


@strawberry.input(description="Entries recorded together, in order: every one is valid and recorded, or none is.")
class RecordLedgerEntriesInput:
    entries: list[LedgerEntryInput]


@strawberry.type(description="The entries were recorded.")
class LedgerEntriesRecorded:
    entries: int
    events: int
    streams: int


LedgerOutcome = Annotated[
    LedgerEntriesRecorded | InvalidTransition | RuleViolation | ValidationError | Forbidden,
    strawberry.union("LedgerOutcome", description="The entries recorded, or why none was."),
]


@strawberry.type(description="A unit's ledger of one kind, its entries in order.")
class Ledger:
    kind: LedgerKindEnum
    unit: str
    town: str
    entries: list[TimelineEvent]


LedgerLookup = Annotated[Ledger | NotFound, strawberry.union("LedgerLookup")]


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError(code="VALIDATION_ERROR", message=message, rule="FIELD_FORMAT", field=field, article=None)


def town_of_unit(reference: ReferenceData, unit: str) -> str | None:
    return next((t.code for t in reference.towns.values() for u in t.units if u.code == unit), None)


def _decode(position: int, entry: Any, actor: str, now: datetime) -> LedgerCommand | ValidationError:
    chosen = [(name, value) for name, value in vars(entry).items()
              if name in ENTRY_COMMANDS and value not in (None, strawberry.UNSET)]
    if len(chosen) != 1:
        return _invalid(f"entries[{position}]", f"entry {position + 1}: give exactly one entry kind")
    name, value = chosen[0]
    occurred_at = value.occurred_at or now
    if occurred_at.tzinfo is None:
        return _invalid("occurredAt", f"entry {position + 1}: occurredAt must carry a time zone offset")
    value.occurred_at = occurred_at
    payload: dict[str, Any] = to_primitive(value)
    payload.update(occurred_at=to_primitive(occurred_at), actors=[actor])
    try:
        command: LedgerCommand = from_primitive(ENTRY_COMMANDS[name], payload)
    except (TypeError, ValueError, KeyError) as error:
        return _invalid(f"entries[{position}].{name}", f"entry {position + 1}: {error}")
    return command


async def record_ledger_entries(info: Info, input: RecordLedgerEntriesInput) -> LedgerOutcome:
    context: RequestContext = info.context
    caller = context.caller
    if not caller.holds_any(LEDGER_WRITERS):
        return context.forbid(OPERATION, "ledger entries are recorded by an officer with the role "
                                         f"{' or '.join(sorted(LEDGER_WRITERS))}", sorted(LEDGER_WRITERS))
    if not input.entries:
        return _invalid("entries", "no entries")
    now = context.services.clock()
    commands: list[LedgerCommand] = []
    for position, entry in enumerate(input.entries):
        decoded = _decode(position, entry, caller.officer_id, now)
        if isinstance(decoded, ValidationError):
            return decoded
        town = town_of_unit(context.reference, decoded.unit)
        if town is None or not caller.sees(town):
            return context.forbid(OPERATION, f"entry {position + 1}: unit {decoded.unit!r} is not one of your "
                                             "towns' units", town=town)
        commands.append(decoded)
    # An administrative change: recorded before it is made (releases the read transaction, as appending needs).
    units = sorted({c.unit for c in commands})
    await context.record_before(SecurityKind.ADMIN_CHANGE, OPERATION,
                                f"{len(commands)} ledger entr{'y' if len(commands) == 1 else 'ies'} for "
                                f"{', '.join(units)}", town=town_of_unit(context.reference, units[0]),
                                detail={"entries": [type(c).__name__ for c in commands], "units": units})
    store = EventStore(context.services.engine, Projector(next_steps_for))
    try:
        report = await record_entries(store, commands, reference=context.reference, calendar=_calendar(),
                                      clock=context.services.clock)
    except LedgerEntryRejected as rejected:
        error = rejected.error
        problem = problem_of(error)
        problem.message = f"entry {rejected.position} ({type(rejected.command).__name__} " \
                          f"{rejected.command.entry_id}): {error.message}"
        return problem
    except domain_errors.DomainError as error:
        return problem_of(error)
    return LedgerEntriesRecorded(entries=len(commands), events=report.events, streams=report.streams)


_CALENDAR: list[Any] = []


def _calendar() -> Any:
    """The working-day calendar, loaded once per process (ledger entries need it only for their context)."""
    if not _CALENDAR:
        _CALENDAR.append(load_work_calendar())
    return _CALENDAR[0]


async def ledger(info: Info, kind: LedgerKindEnum, unit: str) -> LedgerLookup:
    context: RequestContext = info.context
    ledger_kind = LedgerKind(kind.value if isinstance(kind, enum.Enum) else kind)
    stream_id = ledger_stream_id(ledger_kind, unit)
    town = town_of_unit(context.reference, unit)
    if town is None or not context.caller.sees(town):
        return NotFound(code="NOT_FOUND", message=f"ledger {stream_id} not found", id=strawberry.ID(stream_id))
    async with context.reads.connection() as conn:
        found = await reads.events_by_stream(conn, context.reads.towns, [stream_id])
    return Ledger(kind=ledger_kind, unit=unit, town=town, entries=[TimelineEvent.of(e) for e in found[stream_id]])

