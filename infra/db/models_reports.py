"""The stored year-end reports (issue 5): each document rendered from one statistics snapshot (docx, html, md,
json), kept as the bytes that were produced. Rows are only ever inserted (triggers forbid the rest); one row per
scope, year, cut-off, format and snapshot, so re-rendering the same snapshot stores nothing new."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Index, LargeBinary, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from infra.db.models import Base, Position


class ReportRow(Base):
    __tablename__ = "reports"
    __table_args__ = (
        Index("uq_reports_scope_year_as_of_format_snapshot", "scope", "year", "as_of", "format", "snapshot_hash",
              unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    scope: Mapped[str]
    year: Mapped[int]
    as_of: Mapped[date]
    format: Mapped[str]  # docx | html | md | json
    mime_type: Mapped[str]
    content: Mapped[bytes] = mapped_column(LargeBinary)
    snapshot_hash: Mapped[str] = mapped_column(String(64))
    snapshot_kind: Mapped[str]  # AS_REPORTED | RESTATED
    created_at: Mapped[datetime]


reports = cast(Table, ReportRow.__table__)
