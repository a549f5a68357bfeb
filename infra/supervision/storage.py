"""The reference platform's storage: one SQLite file (stdlib sqlite3), one connection behind a lock.

Idempotency is a table of (scope, key) → the payload's hash and the response given; a key seen with another
payload is refused. With deduplication off the table is not consulted (the no-dedup fault mode).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS disclosures (
    record_id TEXT PRIMARY KEY, decision_no TEXT NOT NULL, client_ref TEXT NOT NULL, town TEXT NOT NULL,
    case_no TEXT NOT NULL, served_on TEXT NOT NULL, payload TEXT NOT NULL, payload_sha TEXT NOT NULL,
    accepted_at TEXT NOT NULL, withdrawn_at TEXT, withdrawal_id TEXT, withdrawal_reason TEXT);
CREATE INDEX IF NOT EXISTS disclosures_by_decision ON disclosures (decision_no);
CREATE TABLE IF NOT EXISTS idempotency (
    scope TEXT NOT NULL, key TEXT NOT NULL, payload_sha TEXT NOT NULL, status INTEGER NOT NULL,
    response TEXT NOT NULL, PRIMARY KEY (scope, key));
CREATE TABLE IF NOT EXISTS inspections (
    record_id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL, batch_id TEXT NOT NULL, town TEXT NOT NULL,
    payload TEXT NOT NULL, accepted_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS inspections_by_id ON inspections (inspection_id);
CREATE TABLE IF NOT EXISTS warnings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, warning_id TEXT NOT NULL UNIQUE, town TEXT NOT NULL,
    case_id TEXT NOT NULL, decision_no TEXT NOT NULL, category TEXT NOT NULL, message TEXT NOT NULL,
    raised_at TEXT NOT NULL);
"""


def payload_sha(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:16].upper()}"


@dataclass(frozen=True)
class DisclosureRecord:
    record_id: str
    decision_no: str
    client_ref: str
    town: str
    case_no: str
    served_on: str
    accepted_at: str
    withdrawn_at: str | None
    withdrawal_id: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StoredResponse:
    payload_sha: str
    status: int
    body: dict[str, Any]


class PlatformStorage:
    def __init__(self, path: Path | str = ":memory:") -> None:
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL" if str(path) != ":memory:" else "PRAGMA journal_mode=MEMORY")
        self._conn.executescript(SCHEMA)
        self._lock = threading.RLock()

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One writer at a time; everything inside commits together or not at all."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # --- idempotency ---------------------------------------------------------------------------------------

    def remembered(self, conn: sqlite3.Connection, scope: str, key: str) -> StoredResponse | None:
        row = conn.execute("SELECT payload_sha, status, response FROM idempotency WHERE scope = ? AND key = ?",
                           (scope, key)).fetchone()
        return None if row is None else StoredResponse(row[0], row[1], json.loads(row[2]))

    def remember(self, conn: sqlite3.Connection, scope: str, key: str, sha: str, status: int,
                 body: dict[str, Any]) -> None:
        conn.execute("INSERT INTO idempotency (scope, key, payload_sha, status, response) VALUES (?, ?, ?, ?, ?)",
                     (scope, key, sha, status, json.dumps(body, ensure_ascii=False)))

    # --- disclosures ---------------------------------------------------------------------------------------

    def insert_disclosure(self, conn: sqlite3.Connection, *, decision_no: str, client_ref: str, town: str,
                          case_no: str, served_on: str, payload: bytes, accepted_at: str) -> DisclosureRecord:
        record_id = new_id("GS")
        conn.execute(
            "INSERT INTO disclosures (record_id, decision_no, client_ref, town, case_no, served_on, payload, "
            "payload_sha, accepted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record_id, decision_no, client_ref, town, case_no, served_on, payload.decode("utf-8"),
             payload_sha(payload), accepted_at))
        return DisclosureRecord(record_id, decision_no, client_ref, town, case_no, served_on, accepted_at, None, None)

    def withdraw(self, conn: sqlite3.Connection, record_id: str, reason: str, at: str) -> DisclosureRecord:
        conn.execute("UPDATE disclosures SET withdrawn_at = ?, withdrawal_id = ?, withdrawal_reason = ? "
                     "WHERE record_id = ? AND withdrawn_at IS NULL", (at, new_id("CH"), reason, record_id))
        found = self._records(conn, "record_id = ?", (record_id,))
        return found[0]

    def published_under(self, conn: sqlite3.Connection, client_ref: str) -> list[DisclosureRecord]:
        return self._records(conn, "client_ref = ?", (client_ref,))

    def _records(self, conn: sqlite3.Connection, where: str, args: Sequence[Any]) -> list[DisclosureRecord]:
        rows = conn.execute(
            "SELECT record_id, decision_no, client_ref, town, case_no, served_on, accepted_at, withdrawn_at, "
            f"withdrawal_id FROM disclosures WHERE {where} ORDER BY accepted_at, record_id", tuple(args)).fetchall()
        return [DisclosureRecord(*row) for row in rows]

    def disclosures(self, *, decision_no: str | None = None, client_ref: str | None = None) -> list[DisclosureRecord]:
        clauses, args = ["1 = 1"], []
        if decision_no is not None:
            clauses.append("decision_no = ?")
            args.append(decision_no)
        if client_ref is not None:
            clauses.append("client_ref = ?")
            args.append(client_ref)
        with self._lock:
            return self._records(self._conn, " AND ".join(clauses), args)

    def disclosure_payload(self, record_id: str) -> bytes:
        with self._lock:
            row = self._conn.execute("SELECT payload FROM disclosures WHERE record_id = ?", (record_id,)).fetchone()
        if row is None:
            raise KeyError(record_id)
        return str(row[0]).encode("utf-8")

    # --- inspections ---------------------------------------------------------------------------------------

    def insert_inspection(self, conn: sqlite3.Connection, *, inspection_id: str, batch_id: str, town: str,
                          payload: dict[str, Any], accepted_at: str) -> str:
        record_id = new_id("XC")
        conn.execute("INSERT INTO inspections (record_id, inspection_id, batch_id, town, payload, accepted_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (record_id, inspection_id, batch_id, town, json.dumps(payload, ensure_ascii=False,
                                                                          sort_keys=True), accepted_at))
        return record_id

    def inspections(self, inspection_id: str | None = None) -> list[tuple[str, str, str]]:
        """(record_id, inspection_id, batch_id) of every stored inspection, or of one."""
        with self._lock:
            if inspection_id is None:
                rows = self._conn.execute("SELECT record_id, inspection_id, batch_id FROM inspections "
                                          "ORDER BY accepted_at, record_id").fetchall()
            else:
                rows = self._conn.execute("SELECT record_id, inspection_id, batch_id FROM inspections WHERE "
                                          "inspection_id = ? ORDER BY accepted_at, record_id",
                                          (inspection_id,)).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    # --- warnings ------------------------------------------------------------------------------------------

    def raise_warning(self, conn: sqlite3.Connection, *, town: str, case_id: str, decision_no: str, category: str,
                      message: str, raised_at: str) -> dict[str, Any]:
        warning_id = new_id("YJ")
        cursor = conn.execute(
            "INSERT INTO warnings (warning_id, town, case_id, decision_no, category, message, raised_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (warning_id, town, case_id, decision_no, category, message, raised_at))
        return {"seq": cursor.lastrowid, "warning_id": warning_id, "town": town, "case_id": case_id,
                "decision_no": decision_no, "category": category, "message": message, "raised_at": raised_at}

    def warnings(self, *, after_seq: int = 0, town: str | None = None) -> list[dict[str, Any]]:
        query = ("SELECT seq, warning_id, town, case_id, decision_no, category, message, raised_at FROM warnings "
                 "WHERE seq > ?")
        args: list[Any] = [after_seq]
        if town is not None:
            query += " AND town = ?"
            args.append(town)
        with self._lock:
            rows = self._conn.execute(query + " ORDER BY seq", tuple(args)).fetchall()
        keys = ("seq", "warning_id", "town", "case_id", "decision_no", "category", "message", "raised_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]
