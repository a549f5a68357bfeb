"""`zhifa audit verify`, documents part: every stored document version (.docx in `documents`, PDF in
`document_renditions`) must still hash to what its event in the case's documents stream records
(`DocumentGenerated`, `DocumentRendered`), and every recorded one must be stored. Each problem names the case,
the document, its version and format, and what is wrong. The events' own integrity is the hash chain's walk."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.documents.events import STREAM_KIND, DocumentGenerated, DocumentRendered, documents_stream
from infra.db.models import events
from infra.db.models_documents import document_renditions, documents

Key = tuple[str, str, int, str]  # case, kind, version, format
E = events.c


@dataclass(frozen=True)
class DocumentProblem:
    case_id: str
    kind: str
    version: int
    format: str
    reason: str

    def describe(self) -> str:
        return f"{self.case_id}: document {self.kind} v{self.version} ({self.format}) {self.reason}"


@dataclass(frozen=True)
class DocumentAudit:
    checked: int  # stored files re-hashed
    problems: tuple[DocumentProblem, ...]


async def verify_documents(engine: AsyncEngine, stream_id: str | None = None) -> DocumentAudit:
    """Every stored document of every case (or of the case `stream_id`). A database without documents (before
    revision 0006) has none to check; one without the renditions table (before 0010) only its .docx."""
    async with engine.connect() as conn:
        if not await _has(conn, documents.name):
            return DocumentAudit(0, ())
        recorded = await _recorded(conn, stream_id)
        problems: list[DocumentProblem] = []
        checked = 0
        async for key, sha256 in _stored(conn, stream_id):
            checked += 1
            problem = _compared(key, sha256, recorded.pop(key, None))
            if problem is not None:
                problems.append(problem)
    problems += [DocumentProblem(*key, f"is recorded (sha256 {sha}) but not stored") for key, sha in recorded.items()]
    return DocumentAudit(checked, tuple(problems))


def _compared(key: Key, actual: str, recorded: str | None) -> DocumentProblem | None:
    if recorded is None:
        return DocumentProblem(*key, f"is stored (sha256 {actual}) but no event records it")
    if actual != recorded:
        return DocumentProblem(*key, f"was altered: the stored bytes hash to {actual}, the event records {recorded}")
    return None


async def _recorded(conn: AsyncConnection, stream_id: str | None) -> dict[Key, str]:
    query = select(E.event_type, E.payload).where(
        E.stream_kind == STREAM_KIND, E.event_type.in_([DocumentGenerated.__name__, DocumentRendered.__name__]))
    if stream_id is not None:
        query = query.where(E.stream_id == documents_stream(stream_id))
    recorded: dict[Key, str] = {}
    for row in (await conn.execute(query)).all():
        payload: dict[str, Any] = dict(row.payload)
        fmt = str(payload.get("format", "docx"))  # DocumentGenerated records the .docx
        recorded[(str(payload["case_id"]), str(payload["kind"]), int(payload["version"]), fmt)] = str(payload["sha256"])
    return recorded


async def _stored(conn: AsyncConnection, stream_id: str | None) -> AsyncIterator[tuple[Key, str]]:
    tables: list[tuple[Any, Any]] = [(documents, literal("docx"))]
    if await _has(conn, document_renditions.name):
        tables.append((document_renditions, document_renditions.c.format))
    for table, fmt in tables:
        query = select(table.c.stream_id, table.c.kind, table.c.version, fmt.label("format"), table.c.content)
        if stream_id is not None:
            query = query.where(table.c.stream_id == stream_id)
        async for row in await conn.stream(query.order_by(table.c.id)):
            key = (str(row.stream_id), str(row.kind), int(row.version), str(row.format))
            yield key, hashlib.sha256(bytes(row.content)).hexdigest()


async def _has(conn: AsyncConnection, table: str) -> bool:
    return bool(await conn.run_sync(lambda sync: inspect(sync).has_table(table)))
