"""Validating and appending bulk-imported histories.

The document (JSON):

    {"format": "zhifa.bulk-import/1",
     "cases": [{"kind": "GENERAL_CASE", "steps": [{"command": "RegisterLead", "occurred_at": "…", "actors": […],
                                                    …the command's fields}, …]}, …]}

Each step is decoded into its command and decided on the state the previous steps left, with a context whose
clock is the step's `occurred_at` plus `RECORDING_DELAY` (so nothing is "in the future" and the time rules of
late entry hold), the town's rule profile, the reference data and the working-day calendar. A string field
"$proposal_hash" takes the value from the state (the hash the report computed). The first invalid step rejects
its whole history; nothing of a document with a rejected history is appended. The valid document is appended in
one transaction, its new streams in bulk. Re-importing the same document is a no-op (the events and their hashes
are the same).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from domain.codec import from_primitive
from domain.deadlines.calendar import WorkCalendar
from domain.decider import Context
from domain.envelope import GENESIS_HASH, EventEnvelope
from domain.errors import DomainError, ValidationError
from domain.profile import RuleProfile
from domain.recording import record
from domain.reference import ReferenceData
from infra.bulk_import.procedures import PROCEDURES, Procedure
from infra.eventstore import EventStore

FORMAT = "zhifa.bulk-import/1"
RECORDING_DELAY = timedelta(minutes=1)
MESSAGE_LIMIT = 5  # rejected histories named in the exception's message (all are in `rejected`)
Progress = Callable[[str, int, int], None]  # (phase "validating"|"appending", done, total)


def _quiet(phase: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class RejectedStep:
    case: int  # 1-based position of the history in the document
    stream_id: str  # "" when the first step could not be decided
    step: int  # 1-based
    command: str
    error: DomainError

    def describe(self) -> str:
        name = self.stream_id or f"case {self.case}"
        return f"{name}, step {self.step} ({self.command}): {self.error.message}"


class BulkImportRejected(Exception):
    def __init__(self, rejected: Sequence[RejectedStep]) -> None:
        self.rejected = tuple(rejected)
        shown = "; ".join(r.describe() for r in self.rejected[:MESSAGE_LIMIT])
        more = len(self.rejected) - MESSAGE_LIMIT
        super().__init__(shown + (f"; and {more} more" if more > 0 else ""))


@dataclass(frozen=True)
class ImportReport:
    streams: int
    events: int
    already_stored: int


def validate(
    document: Mapping[str, Any],
    *,
    reference: ReferenceData,
    profiles: Mapping[str, RuleProfile],
    calendar: WorkCalendar,
    progress: Progress = _quiet,
) -> list[list[EventEnvelope]]:
    """Every history's sealed envelopes, or `BulkImportRejected` naming each invalid history's first bad step."""
    if document.get("format") != FORMAT:
        raise BulkImportRejected([RejectedStep(0, "", 0, "", ValidationError(
            f"not a bulk-import document (format must be {FORMAT!r})", rule="FORMAT", field="format"))])
    histories: list[list[EventEnvelope]] = []
    rejected: list[RejectedStep] = []
    seen: set[str] = set()
    cases = list(document.get("cases", []))
    for number, case in enumerate(cases, start=1):
        progress("validating", number, len(cases))
        try:
            envelopes = _replay(number, case, reference, profiles, calendar)
        except _Rejected as failure:
            rejected.append(failure.step)
            continue
        stream_id = envelopes[0].stream_id
        if stream_id in seen:
            rejected.append(RejectedStep(number, stream_id, 1, "", ValidationError(
                f"stream {stream_id} appears twice in the document", rule="DUPLICATE_STREAM", field="steps")))
            continue
        seen.add(stream_id)
        histories.append(envelopes)
    if rejected:
        raise BulkImportRejected(rejected)
    return histories


async def import_cases(
    store: EventStore,
    document: Mapping[str, Any],
    *,
    reference: ReferenceData,
    profiles: Mapping[str, RuleProfile],
    calendar: WorkCalendar,
    progress: Progress = _quiet,
) -> ImportReport:
    """Validate every history, then append them all in one transaction (new streams in bulk: see
    `EventStore.append_many`): all or nothing; a stream already imported is skipped, one stored otherwise is an
    `AppendConflict`."""
    histories = validate(document, reference=reference, profiles=profiles, calendar=calendar, progress=progress)
    progress("appending", 0, len(histories))
    # The envelopes were sealed just now by `validate`: hashing their content again would only repeat it.
    outcome = await store.append_many(histories, rehash=False)
    progress("appending", len(histories), len(histories))
    return ImportReport(streams=outcome.streams, events=outcome.appended, already_stored=outcome.already_stored)


class _Rejected(Exception):
    def __init__(self, step: RejectedStep) -> None:
        self.step = step


def _replay(number: int, case: Mapping[str, Any], reference: ReferenceData, profiles: Mapping[str, RuleProfile],
            calendar: WorkCalendar) -> list[EventEnvelope]:
    kind = str(case.get("kind", ""))
    steps = list(case.get("steps", []))
    procedure = PROCEDURES.get(kind)

    def reject(step: int, command: str, error: DomainError, stream_id: str = "") -> _Rejected:
        return _Rejected(RejectedStep(number, stream_id, step, command, error))

    if procedure is None:
        raise reject(0, "", ValidationError(f"unknown kind {kind!r}; kinds are {', '.join(sorted(PROCEDURES))}",
                                            rule="KNOWN_KIND", field="kind"))
    if not steps:
        raise reject(0, "", ValidationError("a history has at least one step", rule="REQUIRED_FIELD", field="steps"))
    state = procedure.decider.initial()
    envelopes: list[EventEnvelope] = []
    stream_id = ""
    for index, raw in enumerate(steps, start=1):
        name = str(raw.get("command", ""))
        try:
            command = _command(procedure, name, raw, state)
            town = _town(state, command)
            ctx = Context(recorded_at=command.occurred_at + RECORDING_DELAY, reference=reference,
                          calendar=calendar, profile=profiles.get(town, RuleProfile()))
            events = procedure.decider.decide(state, command, ctx)
        except DomainError as error:
            raise reject(index, name, error, stream_id) from None
        state, sealed = record(procedure.decider, state, events, context_of=procedure.context_of,
                               first_seq=len(envelopes) + 1,
                               prev_hash=envelopes[-1].hash if envelopes else GENESIS_HASH,
                               recorded_at=ctx.recorded_at)
        envelopes.extend(sealed)
        stream_id = stream_id or (sealed[0].stream_id if sealed else "")
    if not envelopes:
        raise reject(len(steps), "", ValidationError("the history records no event", rule="EMPTY", field="steps"))
    return envelopes


def _command(procedure: Procedure, name: str, raw: Mapping[str, Any], state: Any) -> Any:
    cls = procedure.commands.get(name)
    if cls is None:
        raise ValidationError(f"{name!r} is not a step of {procedure.kind}", rule="KNOWN_STEP", field="command")
    fields = {key: _resolved(procedure, value, state) for key, value in raw.items() if key != "command"}
    try:
        return from_primitive(cls, fields)
    except KeyError as exc:
        missing = str(exc.args[0]).removesuffix(" is missing").rsplit(".", 1)[-1]
        raise ValidationError(f"{name}: missing field {missing}", rule="REQUIRED_FIELD", field=missing) from None
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{name}: {exc}", rule="FIELD_FORMAT", field="payload") from None


def _resolved(procedure: Procedure, value: Any, state: Any) -> Any:
    if isinstance(value, str) and value in procedure.from_state:
        resolved = procedure.from_state[value](state)
        if resolved is None:
            raise ValidationError(f"{value} is not known yet at this step", rule="FROM_STATE", field=value[1:])
        return resolved
    return value


def _town(state: Any, command: Any) -> str:
    return str(getattr(state, "town", "") or getattr(command, "town", ""))


