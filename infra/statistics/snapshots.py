"""Year-end snapshots: the figures as reported (once per scope, year and cut-off, immutable) and restated
views taken later (after reconsideration or litigation changed decisions); each hashed over its canonical
JSON so a published report can be checked against what was stored."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.codec import canonical_json, from_primitive, to_primitive
from domain.statistics.figures import AnnualFigures
from infra.db.models_statistics import statistics_snapshots


class SnapshotKind(enum.StrEnum):
    AS_REPORTED = "AS_REPORTED"
    RESTATED = "RESTATED"


@dataclass(frozen=True)
class Snapshot:
    id: int
    kind: SnapshotKind
    figures: AnnualFigures
    hash: str
    created_at: datetime


class SnapshotExists(Exception):
    """The as-reported snapshot of this scope, year and cut-off is already taken; take a RESTATED one."""


def figures_hash(figures: AnnualFigures) -> str:
    return hashlib.sha256(canonical_json(to_primitive(figures)).encode("utf-8")).hexdigest()


def _utc_now() -> datetime:
    return datetime.now(UTC)


async def take_snapshot(engine: AsyncEngine, figures: AnnualFigures, *, kind: SnapshotKind,
                        clock: Callable[[], datetime] = _utc_now) -> Snapshot:
    created_at = clock()
    digest = figures_hash(figures)
    try:
        async with engine.begin() as conn:
            result = await conn.execute(insert(statistics_snapshots).returning(statistics_snapshots.c.id).values(
                scope=figures.scope, year=figures.year, as_of=figures.as_of, kind=kind.value,
                figures=to_primitive(figures), high_water_mark=figures.high_water_mark, hash=digest,
                created_at=created_at))
            snapshot_id = int(result.scalar_one())
    except IntegrityError:
        raise SnapshotExists(f"{figures.scope} {figures.year} as of {figures.as_of.isoformat()} is already "
                             "reported") from None
    return Snapshot(snapshot_id, kind, figures, digest, created_at)


async def load_snapshots(engine: AsyncEngine, *, scope: str, year: int) -> list[Snapshot]:
    async with engine.connect() as conn:
        rows = (await conn.execute(select(statistics_snapshots)
                                   .where(statistics_snapshots.c.scope == scope, statistics_snapshots.c.year == year)
                                   .order_by(statistics_snapshots.c.id))).mappings().all()
    return [_snapshot(row) for row in rows]


def _snapshot(row: Any) -> Snapshot:
    figures: AnnualFigures = from_primitive(AnnualFigures, row["figures"])
    return Snapshot(int(row["id"]), SnapshotKind(row["kind"]), figures, str(row["hash"]), row["created_at"])
