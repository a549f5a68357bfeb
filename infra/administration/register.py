"""The reference register in the event log: each keeper's changes (the installation's, each district's) are one
hash-chained stream of `ReferenceChanged` events, so the register's history is as tamper-evident as the cases'.

A change is accepted only if the register holds together on its day and on every later day a change takes effect:
the folded records are validated by the same loaders as the reference data files, so a bad record is refused with
its file, record and field named (`ReferenceDataError`) and nothing is recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import URL, func, make_url, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.administration.changes import (
    ADMINISTRATION_EVENTS,
    ReferenceChanged,
    documents,
    effective_days,
    fold,
    misplaced,
)
from domain.administration.registers import stream_of
from domain.envelope import GENESIS_HASH, EventEnvelope, StreamContext, seal
from domain.profile import RuleProfile
from domain.reference import ReferenceData
from domain.task_routing import next_steps_for
from infra.db.engine import is_sqlite
from infra.db.models import events
from infra.eventstore import EventStore
from infra.eventstore.rows import from_row, select_envelopes
from infra.projections import Projector
from infra.reference.errors import ReferenceDataError
from infra.reference.loader import load_reference
from infra.reference.profiles import load_profiles
from infra.reference.records import Documents

STREAM_KIND = "REFERENCE"
RACE_RETRIES = 3


@dataclass(frozen=True)
class Loaded:
    """The reference data and rule profiles of the register as of a day."""

    reference: ReferenceData
    profiles: dict[str, RuleProfile]


@dataclass(frozen=True)
class Recorded:
    change: ReferenceChanged
    envelope: EventEnvelope


def load_records(changes: Sequence[ReferenceChanged], day: date) -> Loaded:
    """Validate and load the register as of `day` (raises ReferenceDataError naming file, record and field)."""
    source = Documents(documents(fold(changes, day)))
    return Loaded(reference=load_reference(source), profiles=load_profiles(source))


def check(existing: Sequence[ReferenceChanged], new: Sequence[ReferenceChanged]) -> None:
    """Refuse the new changes unless each keeper changes only its own records and the register holds together
    from the earliest new day on."""
    every = [*existing, *new]
    for change in new:
        wrong = misplaced(change, fold(every, change.effective_from))
        if wrong is not None:
            record, owner = wrong
            whose = f"district {owner!r}" if owner else "the installation"
            keeper = f"district {change.keeper!r}" if change.keeper else "the installation"
            raise ReferenceDataError(change.register, record, None,
                                     f"the record is kept by {whose}; {keeper} may not change it")
    for day in effective_days(every, since=min(c.effective_from for c in new)):
        load_records(every, day)


def no_database(url: str | URL) -> bool:
    """An SQLite file that does not exist yet holds no register (and must not be created by a mere read)."""
    database = make_url(str(url)).database if is_sqlite(url) else None
    return database is not None and database not in ("", ":memory:") and not Path(database).exists()


def _no_event_log(exc: DBAPIError) -> bool:
    text = str(exc.orig)
    return "no such table: events" in text or 'relation "events" does not exist' in text


class ReferenceRegister:
    def __init__(self, engine: AsyncEngine, *, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.engine = engine
        self._store = EventStore(engine, Projector(next_steps_for))
        self._clock = clock

    async def history(self) -> list[Recorded]:
        """Every change, in the order recorded."""
        query = select_envelopes().where(events.c.stream_kind == STREAM_KIND).order_by(events.c.position)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(query)).mappings().all()
        return [Recorded(self._open(env), env) for env in map(from_row, rows)]

    async def version(self) -> tuple[int, int]:
        """How many changes and the last one's log position: what a process compares to see a change."""
        query = select(func.count(), func.max(events.c.position)).where(events.c.stream_kind == STREAM_KIND)
        async with self.engine.connect() as conn:
            count, last = (await conn.execute(query)).one()
        return int(count), int(last or 0)

    async def as_of(self, day: date) -> Loaded | None:
        """The register as of `day`; None while nothing has been recorded (the files are used instead)."""
        changes = [r.change for r in await self.history()]
        return load_records(changes, day) if changes else None

    async def configured(self, day: date, fallback: Callable[[], Loaded]) -> Loaded:
        """The register as of `day`, or `fallback()` (the files) while it is empty or the database holds no
        event log yet (not migrated); any other database failure is raised, never papered over with files."""
        try:
            loaded = await self.as_of(day)
        except (OperationalError, ProgrammingError) as exc:
            if not _no_event_log(exc):
                raise
            loaded = None
        return loaded if loaded is not None else fallback()

    async def record(self, changes: Sequence[ReferenceChanged], *, dry_run: bool = False) -> list[EventEnvelope]:
        """Check the changes against the register and append them, all or nothing (one transaction)."""
        if not changes:
            return []
        for attempt in range(RACE_RETRIES):
            history = await self.history()
            check([r.change for r in history], changes)
            if dry_run:
                return []
            try:
                return await self._append(history, changes)
            except IntegrityError:
                if attempt == RACE_RETRIES - 1:  # another administrator recorded in between: check again
                    raise
        raise AssertionError("unreachable")

    async def _append(self, history: Sequence[Recorded], changes: Sequence[ReferenceChanged]) -> list[EventEnvelope]:
        sealed: list[EventEnvelope] = []
        async with self.engine.begin() as conn:
            for keeper in dict.fromkeys(c.keeper for c in changes):
                envelopes = self._seal(history, keeper, [c for c in changes if c.keeper == keeper])
                await self._store.append_within(conn, envelopes)
                sealed.extend(envelopes)
        return sealed

    def _seal(self, history: Sequence[Recorded], keeper: str, changes: Sequence[ReferenceChanged]
              ) -> list[EventEnvelope]:
        stream = stream_of(keeper)
        own = [r.envelope for r in history if r.envelope.stream_id == stream]
        head_seq, head_hash = (own[-1].seq, own[-1].hash) if own else (0, GENESIS_HASH)
        context = StreamContext(stream_id=stream, stream_kind=STREAM_KIND, town=keeper, unit="")
        return seal([(context, c) for c in changes], first_seq=head_seq + 1, prev_hash=head_hash,
                    recorded_at=self._clock())

    @staticmethod
    def _open(envelope: EventEnvelope) -> ReferenceChanged:
        change = envelope.open(ADMINISTRATION_EVENTS)
        assert isinstance(change, ReferenceChanged)
        return change
