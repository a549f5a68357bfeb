"""Storing, reading, verifying and purging the security event log (`security_log`).

One chain for the whole system, appended under a lock so it never forks: on PostgreSQL a transaction-level
advisory lock serializes the appenders of every process (read the head, seal, insert, commit, release); on SQLite
every transaction begins IMMEDIATE (`infra.db.engine`), so there is one writer at a time anyway. The primary key
on `seq` is the backstop: a successor of the same head can be stored once only, a loser retries on the new head.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.envelope import GENESIS_HASH, ChainBreak
from domain.security_log import (
    SecurityEntry,
    SecurityKind,
    SecurityRecord,
    purge_marker,
    retention_cutoff,
    seal_entry,
    verify_security_log,
)
from infra.db.models_security import security_log

APPEND_LOCK = 0x5EC106  # the advisory lock key of the security log's head (PostgreSQL)
MAX_RACE_RETRIES = 3
COLUMNS = ("seq", "kind", "occurred_at", "actor", "operation", "reason", "district", "town", "client_ip",
           "request_id", "detail", "prev_hash", "hash")


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SecurityLogQuery:
    """Which entries a reader sees: those of its districts, optionally of some kinds and a time window."""

    districts: tuple[str, ...]
    kinds: tuple[SecurityKind, ...] = ()
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class PurgeReport:
    purged: int
    through_seq: int | None  # the new anchor's seq (None: nothing was old enough)
    marker_seq: int | None


class SecurityLogStore:
    def __init__(self, engine: AsyncEngine, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self.engine = engine
        self._clock = clock  # stamps each entry under the lock, so times follow the chain's order

    async def append(self, record: SecurityRecord) -> SecurityEntry:
        for attempt in range(MAX_RACE_RETRIES):
            try:
                async with self.engine.begin() as conn:
                    await _serialize(conn)
                    return await self._append(conn, record)
            except IntegrityError:
                if attempt == MAX_RACE_RETRIES - 1:  # another writer took the seq each time: give up loudly
                    raise
        raise AssertionError("unreachable")

    async def _append(self, conn: AsyncConnection, record: SecurityRecord) -> SecurityEntry:
        head = await _head(conn)
        seq, prev_hash = (head.seq + 1, head.hash) if head is not None else (1, GENESIS_HASH)
        entry = seal_entry(record, seq=seq, prev_hash=prev_hash, occurred_at=self._clock())
        await conn.execute(insert(security_log).values(**_row(entry)))
        return entry

    async def purge(self, *, retention_days: int, actor: str) -> PurgeReport:
        """Delete the oldest entries, all of which occurred before the retention cut-off, after recording a purge
        marker that anchors the rest of the chain; younger entries are always kept."""
        cutoff = retention_cutoff(self._clock(), retention_days)
        async with self.engine.begin() as conn:
            await _serialize(conn)
            head = await _head(conn)
            first = (await conn.execute(select(func.min(security_log.c.seq)))).scalar()
            young = (await conn.execute(select(func.min(security_log.c.seq))
                                        .where(security_log.c.occurred_at >= cutoff))).scalar()
            if head is None or first is None:
                return PurgeReport(0, None, None)
            through = int(young) - 1 if young is not None else head.seq
            if through < int(first):
                return PurgeReport(0, None, None)
            last = await _entry_at(conn, through)
            marker = await self._append(conn, purge_marker(last, actor=actor, retention_days=retention_days,
                                                           cutoff=cutoff))
            result = await conn.execute(delete(security_log).where(security_log.c.seq <= through))
            return PurgeReport(int(result.rowcount), through, marker.seq)

    async def entries(self) -> list[SecurityEntry]:
        """Every stored entry in chain order, exactly as stored."""
        async with self.engine.connect() as conn:
            rows = await conn.execute(_select().order_by(security_log.c.seq))
            return [_entry(row) for row in rows.mappings()]

    async def verify(self) -> list[ChainBreak]:
        """The first entry breaking the chain (none: intact), walked as stored."""
        broken = verify_security_log(await self.entries())
        return [] if broken is None else [broken]


async def page_entries(conn: AsyncConnection, query: SecurityLogQuery, *, limit: int,
                       offset: int) -> tuple[list[SecurityEntry], int]:
    """A page of the reader's entries, newest first, and how many there are in all."""
    if not query.districts:
        return [], 0
    conditions = [security_log.c.district.in_(query.districts)]
    if query.kinds:
        conditions.append(security_log.c.kind.in_([k.value for k in query.kinds]))
    if query.since is not None:
        conditions.append(security_log.c.occurred_at >= query.since)
    if query.until is not None:
        conditions.append(security_log.c.occurred_at < query.until)
    total = (await conn.execute(select(func.count()).select_from(security_log).where(*conditions))).scalar_one()
    rows = await conn.execute(_select().where(*conditions).order_by(security_log.c.seq.desc())
                              .limit(limit).offset(offset))
    return [_entry(row) for row in rows.mappings()], int(total)


async def _serialize(conn: AsyncConnection) -> None:
    if conn.dialect.name == "postgresql":
        await conn.execute(select(func.pg_advisory_xact_lock(APPEND_LOCK)))


async def _head(conn: AsyncConnection) -> SecurityEntry | None:
    row = (await conn.execute(_select().order_by(security_log.c.seq.desc()).limit(1))).mappings().first()
    return None if row is None else _entry(row)


async def _entry_at(conn: AsyncConnection, seq: int) -> SecurityEntry:
    row = (await conn.execute(_select().where(security_log.c.seq == seq))).mappings().one()
    return _entry(row)


def _select() -> Select[Any]:
    return select(*(security_log.c[name] for name in COLUMNS))


def _row(entry: SecurityEntry) -> dict[str, Any]:
    row = {name: getattr(entry, name) for name in COLUMNS}
    row["kind"] = entry.kind.value
    row["detail"] = dict(entry.detail)
    return row


def _entry(row: Mapping[str, Any]) -> SecurityEntry:
    values = {name: row[name] for name in COLUMNS}
    values["kind"] = SecurityKind(values["kind"])
    return SecurityEntry(**values)

