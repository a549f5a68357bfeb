"""Enforcement documents (issue 8) and evidence files.

`document_numbers`: the last number given per town, year and document kind — one row each, incremented in the
same transaction that stores the document, so numbers never repeat and never skip (a rolled-back generation
gives its number back). `documents`: every version of every generated document, as the bytes served, insert-only.
`document_renditions`: a version's PDF as LibreOffice made it, once (it is not byte-stable, so it is kept),
insert-only. `evidence_files`: every file uploaded for a case (who, when, hash, size, type), insert-only; the
content itself lives in the evidence store, addressed by its SHA-256."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import BigInteger, Index, LargeBinary, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from infra.db.models import Base, Position


class DocumentNumberRow(Base):
    __tablename__ = "document_numbers"

    town: Mapped[str] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(primary_key=True)
    last_number: Mapped[int]


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("uq_documents_stream_id_kind_version", "stream_id", "kind", "version", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    stream_id: Mapped[str]  # the case's stream
    town: Mapped[str]
    kind: Mapped[str]
    version: Mapped[int]
    number: Mapped[str]
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    template_version: Mapped[str]
    content: Mapped[bytes] = mapped_column(LargeBinary)
    generated_by: Mapped[str]
    generated_at: Mapped[datetime]


class DocumentRenditionRow(Base):
    __tablename__ = "document_renditions"
    __table_args__ = (
        Index("uq_document_renditions_stream_id_kind_version_format", "stream_id", "kind", "version", "format",
              unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    stream_id: Mapped[str]  # the case's stream
    town: Mapped[str]
    kind: Mapped[str]
    version: Mapped[int]  # of the document (documents.version) it renders
    format: Mapped[str]
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    source_sha256: Mapped[str] = mapped_column(String(64))
    converter: Mapped[str]
    content: Mapped[bytes] = mapped_column(LargeBinary)
    rendered_by: Mapped[str]
    rendered_at: Mapped[datetime]


class EvidenceFileRow(Base):
    __tablename__ = "evidence_files"
    __table_args__ = (
        Index("uq_evidence_files_stream_id_sha256", "stream_id", "sha256", unique=True),
        Index("ix_evidence_files_sha256", "sha256"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    stream_id: Mapped[str]
    town: Mapped[str]
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str]
    filename: Mapped[str]
    uploaded_by: Mapped[str]
    uploaded_at: Mapped[datetime]


document_numbers = cast(Table, DocumentNumberRow.__table__)
documents = cast(Table, DocumentRow.__table__)
document_renditions = cast(Table, DocumentRenditionRow.__table__)
evidence_files = cast(Table, EvidenceFileRow.__table__)
