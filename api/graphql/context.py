"""What every resolver sees: the process's services, the caller, the caller's scoped reads and the request's
DataLoaders (batched per request, so a list page costs a fixed number of statements)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import Response
from strawberry.dataloader import DataLoader
from strawberry.exceptions import StrawberryGraphQLError

from api.evidence.references import EvidenceFiles
from api.graphql.caller import Caller, record_of
from api.graphql.problems import Forbidden, forbidden
from api.security import Origin, SecurityLog, SecurityLogUnavailable
from domain.deadlines.calendar import WorkCalendar
from domain.envelope import EventEnvelope
from domain.messages import Command
from domain.projections import CaseSummary, DeadlineView
from domain.reference import ReferenceData
from domain.security_log import SecurityKind, SecurityRecord
from infra.administration.live import LiveReference
from infra.readside import ReadScope, SessionReadScope
from infra.readside import cases as reads
from infra.readside.case_detail import summaries_with_timelines
from workflows.messages import StepResult


class StepSender(Protocol):
    """The workflow facade as the API uses it (`workflows.client.StreamClient`)."""

    async def start(
        self, kind: str, stream_id: str, town: str, command: Command, *, request_id: str | None = None
    ) -> StepResult: ...

    async def step(self, stream_id: str, command: Command, *, request_id: str | None = None) -> StepResult: ...


@dataclass(frozen=True)
class Services:
    engine: AsyncEngine
    streams: StepSender
    reference: ReferenceData
    clock: Callable[[], datetime]
    security: SecurityLog
    step_timeout: float = 30.0  # how long a mutation waits for its step's outcome before answering Unavailable
    # Uploaded evidence (`api.evidence`): when set, a step citing a file by hash must cite one uploaded for the case.
    evidence: EvidenceFiles | None = None
    # The working-day calendar (State Council notices): working days left on a step's deadline.
    calendar: WorkCalendar = field(default_factory=WorkCalendar.weekends_only)
    # The register kept current (`infra.administration.live`): when set, it replaces `reference` once it changes.
    live: LiveReference | None = None
    # PostgreSQL: an engine of connections kept `zhifa_reader` (`infra.readside.reader_engine`) for GraphQL's scoped
    # reads, which then need no transaction and, for a caller of the same towns as the connection's last, no
    # set-up round trip. None: every request's reads run in a transaction scoped on `engine`.
    readers: AsyncEngine | None = None

    def read_scope(self, towns: Sequence[str]) -> ReadScope:
        if self.readers is None:
            return ReadScope(self.engine, towns)
        return SessionReadScope(self.readers, towns)

    def current_reference(self) -> ReferenceData:
        return self.live.current.reference if self.live is not None else self.reference

    async def database_down(self) -> bool:
        """Whether the database fails to answer `SELECT 1` within a few seconds."""
        try:
            async with asyncio.timeout(3.0), self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return True
        return False


class RequestContext:
    def __init__(self, services: Services, caller: Caller, origin: Origin) -> None:
        self.services = services
        self.caller = caller
        self.response: Response | None = None  # the HTTP response being prepared (set by the view)
        self.origin = origin
        self._denials: list[SecurityRecord] = []  # recorded when the operation ends (after the reads)
        self.reads = services.read_scope(caller.towns)
        self.summaries: DataLoader[str, CaseSummary | None] = DataLoader(load_fn=self._summaries)
        self.deadlines: DataLoader[str, list[DeadlineView]] = DataLoader(load_fn=self._deadlines)
        self.timelines: DataLoader[str, list[EventEnvelope]] = DataLoader(load_fn=self._timelines)

    @property
    def reference(self) -> ReferenceData:
        return self.services.current_reference()

    async def reference_on(self, day: date) -> ReferenceData:
        """The reference data valid on `day` (a figure "as of" a date counts the catalog and staff of then)."""
        live = self.services.live
        return (await live.on(day)).reference if live is not None else self.reference

    async def fresh_summary(self, stream_id: str) -> CaseSummary | None:
        """The case as the read model holds it now (after a step: not the request's cached copy)."""
        for loader in (self.summaries, self.deadlines, self.timelines):
            with suppress(KeyError):  # not loaded yet in this request
                loader.clear(stream_id)
        return await self.summaries.load(stream_id)

    def deny(self, operation: str, reason: str, *, town: str | None = None) -> None:
        """Note a permission denied, for the security log (written when the operation ends)."""
        self._denials.append(self._record(SecurityKind.PERMISSION_DENIED, operation, reason, town))

    def forbid(self, operation: str, message: str, roles: list[str] | None = None, *,
               town: str | None = None) -> Forbidden:
        self.deny(operation, message, town=town)
        return forbidden(message, roles)

    async def record_before(self, kind: SecurityKind, operation: str, reason: str, *, town: str | None = None,
                            detail: dict[str, object] | None = None) -> None:
        """Record an administrative change or export before it is carried out; if the security log cannot, the
        operation fails with SECURITY_LOG_UNAVAILABLE and nothing is changed or exported."""
        try:
            async with self.reads.released():  # SQLite: the request's read transaction holds the write lock
                await self.services.security.require(self._record(kind, operation, reason, town, detail))
        except SecurityLogUnavailable as error:
            raise StrawberryGraphQLError(str(error), extensions={"code": "SECURITY_LOG_UNAVAILABLE"}) from None

    def _record(self, kind: SecurityKind, operation: str, reason: str, town: str | None,
                detail: dict[str, object] | None = None) -> SecurityRecord:
        return record_of(kind, self.caller, self.origin, operation, reason, town=town, detail=detail)

    async def close(self) -> None:
        await self.reads.close()
        denials, self._denials = self._denials, []
        for record in denials:
            await self.services.security.refusal(record)

    async def summary_with_timeline(self, stream_id: str) -> CaseSummary | None:
        """A case's summary with its timeline read in the same statement (a detail that shows both), both kept
        for the request as `summaries` and `timelines` would load them."""
        async with self.reads.connection() as conn:
            summaries, timelines = await summaries_with_timelines(conn, self.reads.towns, [stream_id])
        summary = summaries.get(stream_id)
        if summary is not None:
            self.summaries.prime(stream_id, summary)
            self.timelines.prime(stream_id, timelines[stream_id])
        return summary

    async def _summaries(self, keys: list[str]) -> list[CaseSummary | None]:
        async with self.reads.connection() as conn:
            found = await reads.summaries_by_id(conn, self.reads.towns, keys)
        return [found.get(key) for key in keys]

    async def _deadlines(self, keys: list[str]) -> list[list[DeadlineView]]:
        async with self.reads.connection() as conn:
            found = await reads.deadlines_by_stream(conn, self.reads.towns, keys)
        return [found[key] for key in keys]

    async def _timelines(self, keys: list[str]) -> list[list[EventEnvelope]]:
        async with self.reads.connection() as conn:
            found = await reads.events_by_stream(conn, self.reads.towns, keys)
        return [found[key] for key in keys]
