"""Stored renditions of a document version (its PDF): what was kept and how to find it again. A rendition is made
once per version and kept, since converting again would not give the same bytes; what is served is always the
stored content, so its SHA-256 is the one its `DocumentRendered` event records."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.documents.events import DocumentRendered
from infra.db.models_documents import document_renditions

if TYPE_CHECKING:  # the service imports this module
    from infra.documents.service import StoredDocument

PDF = "pdf"
R = document_renditions.c


@dataclass(frozen=True)
class StoredRendition:
    document: StoredDocument  # the version it renders (its number, version and .docx hash)
    format: str
    sha256: str
    converter: str
    content: bytes

    @property
    def filename(self) -> str:
        return f"{self.document.filename.removesuffix('.docx')}.{self.format}"


def rendition_of(document: StoredDocument, content: bytes, converter: str, fmt: str = PDF) -> StoredRendition:
    return StoredRendition(document, fmt, hashlib.sha256(content).hexdigest(), converter, content)


async def stored_rendition(engine: AsyncEngine, document: StoredDocument, fmt: str = PDF) -> StoredRendition | None:
    query = select(R.sha256, R.converter, R.content).where(
        R.stream_id == document.case_id, R.kind == document.kind.value, R.version == document.version,
        R.format == fmt)
    async with engine.connect() as conn:
        row = (await conn.execute(query)).first()
    return None if row is None else StoredRendition(document, fmt, str(row.sha256), str(row.converter),
                                                     bytes(row.content))


async def keep(conn: AsyncConnection, made: StoredRendition, town: str, actor: str, now: datetime
               ) -> DocumentRendered:
    """Store the rendition (unique per version and format: a concurrent one makes this fail) and give the event
    that records it."""
    document = made.document
    await conn.execute(insert(document_renditions).values(
        stream_id=document.case_id, town=town, kind=document.kind.value, version=document.version,
        format=made.format, sha256=made.sha256, size=len(made.content), source_sha256=document.sha256,
        converter=made.converter, content=made.content, rendered_by=actor, rendered_at=now))
    return DocumentRendered(occurred_at=now, actors=(actor,), case_id=document.case_id, kind=document.kind.value,
                            number=document.number, version=document.version, format=made.format,
                            sha256=made.sha256, size=len(made.content), source_sha256=document.sha256,
                            converter=made.converter)
