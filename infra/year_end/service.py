"""`YearEndService`: the year-end workflow's port. Takes a town's as-reported snapshot for a year and cut-off
exactly once (an existing one is the answer; a concurrent insert that loses the race reads the winner), takes
restated snapshots on demand (the as-reported one stays), and stores the documents rendered from a snapshot
once per format."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.deadlines.local_time import local_date
from domain.reference import ReferenceData
from infra.report import ReportFormat
from infra.statistics import compute
from infra.statistics.snapshots import Snapshot, SnapshotExists, SnapshotKind, load_snapshots, take_snapshot
from infra.year_end.documents import store_report, stored_formats, town_report


@dataclass(frozen=True)
class SnapshotTaken:
    hash: str
    kind: str
    created: bool  # False: it was already there


def _utc_now() -> datetime:
    return datetime.now(UTC)


class YearEndService:
    def __init__(self, engine: AsyncEngine, reference: ReferenceData,
                 clock: Callable[[], datetime] = _utc_now, *,
                 reference_on: Callable[[date], Awaitable[ReferenceData]] | None = None) -> None:
        self.engine = engine
        self.reference = reference
        self.clock = clock
        # The reference register as of a day (the towns, officers and catalog valid at a snapshot's cut-off).
        self._reference_on = reference_on

    async def reference_as_of(self, day: date) -> ReferenceData:
        return await self._reference_on(day) if self._reference_on is not None else self.reference

    async def towns(self) -> list[str]:
        return sorted((await self.reference_as_of(local_date(self.clock()))).towns)

    async def as_reported(self, scope: str, year: int, as_of: date) -> SnapshotTaken:
        existing = await self._as_reported(scope, year, as_of)
        if existing is not None:
            return SnapshotTaken(existing.hash, existing.kind.value, created=False)
        figures = await compute(self.engine, scope=scope, year=year, as_of=as_of,
                                reference=await self.reference_as_of(as_of))
        try:
            taken = await take_snapshot(self.engine, figures, kind=SnapshotKind.AS_REPORTED, clock=self.clock)
        except SnapshotExists:
            winner = await self._as_reported(scope, year, as_of)
            assert winner is not None, "the unique index refused an insert but no as-reported snapshot exists"
            return SnapshotTaken(winner.hash, winner.kind.value, created=False)
        return SnapshotTaken(taken.hash, taken.kind.value, created=True)

    async def restate(self, scope: str, year: int, as_of: date) -> SnapshotTaken:
        """A RESTATED snapshot of the same cut-off, computed now (after reconsideration or litigation changed
        decisions); the as-reported snapshot is kept as it was."""
        figures = await compute(self.engine, scope=scope, year=year, as_of=as_of,
                                reference=await self.reference_as_of(as_of), restated=True)
        taken = await take_snapshot(self.engine, figures, kind=SnapshotKind.RESTATED, clock=self.clock)
        return SnapshotTaken(taken.hash, taken.kind.value, created=True)

    async def store_documents(self, scope: str, year: int, as_of: date, snapshot_hash: str,
                              formats: Sequence[str]) -> int:
        snapshot = next((s for s in await load_snapshots(self.engine, scope=scope, year=year)
                         if s.hash == snapshot_hash and s.figures.as_of == as_of), None)
        if snapshot is None:
            raise LookupError(f"no snapshot {snapshot_hash} of {scope} {year} as of {as_of.isoformat()}")
        done = await stored_formats(self.engine, scope=scope, year=year, as_of=as_of, snapshot_hash=snapshot_hash)
        created = 0
        generated_on = local_date(self.clock())
        for name in formats:
            if name in done:
                continue
            report_format = ReportFormat(name)
            content = town_report(snapshot.figures, await self.reference_as_of(as_of), report_format,
                                  generated_on=generated_on)
            created += await store_report(self.engine, snapshot.figures, report_format, content,
                                          snapshot_hash=snapshot.hash, snapshot_kind=snapshot.kind.value,
                                          clock=self.clock)
        return created

    async def _as_reported(self, scope: str, year: int, as_of: date) -> Snapshot | None:
        return next((s for s in await load_snapshots(self.engine, scope=scope, year=year)
                     if s.kind is SnapshotKind.AS_REPORTED and s.figures.as_of == as_of), None)
