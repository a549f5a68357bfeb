"""The security event log (安全审计, GB/T 22239-2019 level 3; 网络安全法 art. 21: kept at least six months): refused
tokens, denied permissions, administrative changes and exports, one hash chain over all of them.

The chain is the event log's (`domain.envelope`: the same hashing, the same walk), with one addition: a purge of
entries older than the retention period first records a `LOG_PURGED` marker naming the last purged seq and its
hash. The first remaining entry continues from that anchor, so the log stays verifiable without its oldest part.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from domain.codec import to_primitive
from domain.envelope import GENESIS_HASH, ChainBreak, chain_hash, first_break

SECURITY_CHAIN = "security-log"  # the chain's name in audit reports
MIN_RETENTION_DAYS = 183  # 网络安全法 art. 21: network logs are kept for no less than six months


class SecurityKind(enum.StrEnum):
    TOKEN_REFUSED = "TOKEN_REFUSED"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    ADMIN_CHANGE = "ADMIN_CHANGE"
    EXPORT = "EXPORT"
    LOG_PURGED = "LOG_PURGED"


@dataclass(frozen=True)
class SecurityRecord:
    """What a writer reports; the log gives it its time, position and hashes."""

    kind: SecurityKind
    operation: str  # the GraphQL field, route or command concerned
    reason: str  # why (a refusal's cause) or what (the change or export)
    actor: str = ""  # the officer, as far as known ("" when nothing identifies one)
    district: str | None = None  # whose supervisors read the entry (None: nobody's; the operators' log)
    town: str | None = None
    client_ip: str | None = None
    request_id: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SecurityEntry:
    seq: int
    kind: SecurityKind
    occurred_at: datetime
    actor: str
    operation: str
    reason: str
    district: str | None
    town: str | None
    client_ip: str | None
    request_id: str | None
    detail: Mapping[str, Any] = field(hash=False)
    prev_hash: str
    hash: str

    def hashed_content(self) -> dict[str, Any]:
        """Every column but the hash itself."""
        return {
            "seq": self.seq,
            "kind": self.kind.value,
            "occurred_at": to_primitive(self.occurred_at),
            "actor": self.actor,
            "operation": self.operation,
            "reason": self.reason,
            "district": self.district,
            "town": self.town,
            "client_ip": self.client_ip,
            "request_id": self.request_id,
            "detail": to_primitive(self.detail),
            "prev_hash": self.prev_hash,
        }

    def computed_hash(self) -> str:
        return chain_hash(self.hashed_content())


def seal_entry(record: SecurityRecord, *, seq: int, prev_hash: str, occurred_at: datetime) -> SecurityEntry:
    draft = SecurityEntry(seq=seq, kind=record.kind, occurred_at=occurred_at, actor=record.actor,
                          operation=record.operation, reason=record.reason, district=record.district,
                          town=record.town, client_ip=record.client_ip, request_id=record.request_id,
                          detail=to_primitive(record.detail), prev_hash=prev_hash, hash="")
    return replace(draft, hash=draft.computed_hash())


def purge_marker(last_purged: SecurityEntry, *, actor: str, retention_days: int, cutoff: datetime) -> SecurityRecord:
    """The marker a purge appends before deleting: the new anchor is the last purged entry's seq and hash."""
    return SecurityRecord(
        kind=SecurityKind.LOG_PURGED, operation="security-log purge", actor=actor,
        reason=f"entries through seq {last_purged.seq} older than {retention_days} days purged",
        detail={"purged_through_seq": last_purged.seq, "anchor_hash": last_purged.hash,
                "retention_days": retention_days, "cutoff": to_primitive(cutoff)})


def retention_cutoff(now: datetime, retention_days: int) -> datetime:
    """Entries that occurred before this moment may be purged (never fewer than the statutory minimum days)."""
    if retention_days < MIN_RETENTION_DAYS:
        raise ValueError(f"retention of {retention_days} days is below the minimum of {MIN_RETENTION_DAYS} days "
                         "(网络安全法 art. 21: logs are kept at least six months)")
    return now - timedelta(days=retention_days)


def verify_security_log(entries: Sequence[SecurityEntry]) -> ChainBreak | None:
    """The first entry (in seq order) that breaks the chain, continuing from the purge anchor when the log's
    beginning was purged; None if intact."""
    start_seq, start_hash = _anchor(entries)
    return first_break(entries, chain=SECURITY_CHAIN, start_seq=start_seq, start_hash=start_hash)


def _anchor(entries: Sequence[SecurityEntry]) -> tuple[int, str]:
    """Genesis, unless a purge marker's anchor is exactly where the remaining entries begin."""
    if not entries or entries[0].seq == 1:
        return 1, GENESIS_HASH
    first = entries[0].seq
    for entry in entries:
        if entry.kind is SecurityKind.LOG_PURGED and entry.detail.get("purged_through_seq") == first - 1:
            return first, str(entry.detail.get("anchor_hash", ""))
    return 1, GENESIS_HASH  # no marker accounts for the missing beginning: the walk reports the gap
