"""`zhifa audit verify`, evidence part: every recorded file must still be in the store and still hash to the
digest recorded at upload. Each problem names the case, the file and what is wrong."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.models_documents import evidence_files
from infra.evidence.store import BlobStore, file_sha256

F = evidence_files.c


@dataclass(frozen=True)
class FileProblem:
    stream_id: str
    sha256: str
    filename: str
    reason: str

    def describe(self) -> str:
        return f"{self.stream_id}: evidence file {self.filename!r} (sha256 {self.sha256}) {self.reason}"


@dataclass(frozen=True)
class EvidenceAudit:
    checked: int  # file references (case, file) looked at
    problems: tuple[FileProblem, ...]


async def verify_files(engine: AsyncEngine, blobs: BlobStore, stream_id: str | None = None) -> EvidenceAudit:
    """Every recorded file of every case (or of `stream_id`). A database not yet migrated to evidence files
    (revision 0005) has none to check."""
    query = select(F.stream_id, F.sha256, F.filename).order_by(F.stream_id, F.id)
    if stream_id is not None:
        query = query.where(F.stream_id == stream_id)
    async with engine.connect() as conn:
        if not await conn.run_sync(lambda sync: inspect(sync).has_table(evidence_files.name)):
            return EvidenceAudit(0, ())
        rows = (await conn.execute(query)).all()
    checked: dict[str, str | None] = {}  # one re-hash per distinct file, however many cases refer to it
    problems: list[FileProblem] = []
    for row in rows:
        if row.sha256 not in checked:
            checked[row.sha256] = await asyncio.to_thread(_problem, blobs, row.sha256)
        reason = checked[row.sha256]
        if reason is not None:
            problems.append(FileProblem(row.stream_id, row.sha256, row.filename, reason))
    return EvidenceAudit(len(rows), tuple(problems))


def _problem(blobs: BlobStore, sha256: str) -> str | None:
    if not blobs.exists(sha256):
        return f"is missing from {blobs.describe(sha256)}"
    actual = file_sha256(blobs.chunks(sha256))
    if actual != sha256:
        return f"was altered: {blobs.describe(sha256)} now hashes to {actual}"
    return None
