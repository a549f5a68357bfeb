"""Recording ledger entries: each entry is decided on its ledger stream's state (loaded from the log), the
entries of one stream are sealed together and appended at once. Nothing is appended unless every entry is
valid; a rejection names the entry (its position and entry id) and carries the domain error (rule, field)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from domain.deadlines.calendar import WorkCalendar
from domain.decider import Context
from domain.envelope import GENESIS_HASH, EventEnvelope
from domain.errors import DomainError
from domain.ledgers.commands import LedgerCommand
from domain.ledgers.decider import DECIDERS, LedgerDecider
from domain.ledgers.events import EVENTS
from domain.ledgers.handlers import KIND_OF_COMMAND
from domain.ledgers.kinds import ledger_stream_id
from domain.ledgers.state import LedgerState
from domain.profile import RuleProfile
from domain.recording import record
from domain.reference import ReferenceData
from infra.eventstore import EventStore


@dataclass(frozen=True)
class LedgerReport:
    streams: int
    events: int


class LedgerEntryRejected(Exception):
    def __init__(self, position: int, command: LedgerCommand, error: DomainError) -> None:
        self.position = position  # 1-based position in the batch
        self.command = command
        self.error = error
        super().__init__(f"entry {position} ({type(command).__name__} {command.entry_id}): {error.message}")


def _utc_now() -> datetime:
    return datetime.now(UTC)


async def record_entries(
    store: EventStore,
    commands: Sequence[LedgerCommand],
    *,
    reference: ReferenceData,
    calendar: WorkCalendar,
    clock: Callable[[], datetime] = _utc_now,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> LedgerReport:
    """Decide every entry against its ledger as stored, then append them (`dry_run`: decide only, and report
    the events that would be appended). `progress` hears (phase, done, total) as entries are checked."""
    ctx = Context(recorded_at=clock(), reference=reference, calendar=calendar, profile=RuleProfile())
    streams: dict[str, _Stream] = {}
    for position, command in enumerate(commands, start=1):
        kind = KIND_OF_COMMAND.get(type(command))
        if kind is None:
            raise TypeError(f"{type(command).__name__} is not a ledger entry")
        decider = DECIDERS[kind]
        stream_id = ledger_stream_id(kind, command.unit)
        stream = streams.get(stream_id) or await _load(store, stream_id, decider)
        try:
            events = decider.decide(stream.state, command, ctx)
        except DomainError as error:
            raise LedgerEntryRejected(position, command, error) from None
        state = decider.bind(stream.state, command, ctx)
        head = stream.envelopes[-1] if stream.envelopes else None
        state, sealed = record(decider, state, events, context_of=decider.stream_context,
                               first_seq=head.seq + 1 if head else 1,
                               prev_hash=head.hash if head else GENESIS_HASH, recorded_at=ctx.recorded_at)
        streams[stream_id] = _Stream(state, stream.stored, [*stream.envelopes, *sealed])
        if progress is not None:
            progress("checking", position, len(commands))
    if dry_run:
        return LedgerReport(streams=len(streams), events=sum(len(s.envelopes) - s.stored for s in streams.values()))
    # Every ledger's new entries in one transaction (all or none), new ledgers written in bulk; sealed just now by
    # `record`, so not hashed again.
    histories = [s.envelopes[s.stored:] for s in streams.values() if len(s.envelopes) > s.stored]
    written = (await store.append_many(histories, rehash=False)).appended if histories else 0
    return LedgerReport(streams=len(streams), events=written)


@dataclass(frozen=True)
class _Stream:
    state: LedgerState
    stored: int  # envelopes already in the log
    envelopes: list[EventEnvelope]


async def _load(store: EventStore, stream_id: str, decider: LedgerDecider) -> _Stream:
    stored = await store.load_stream(stream_id)
    if not stored:
        return _Stream(LedgerState(), 0, [])
    state = replace(LedgerState(), town=stored[0].town, unit=stored[0].unit)
    for env in stored:
        state = decider.evolve(state, env.open(EVENTS))
    return _Stream(state, len(stored), stored)
