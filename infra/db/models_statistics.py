"""The year-end statistics snapshots (issue 5): an immutable as-reported snapshot per scope, year and cut-off,
and restated snapshots after reconsideration or litigation changed decisions (DOMAIN.md §4). Rows are only
ever inserted (triggers forbid the rest, like the event log)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import JSON, BigInteger, Index, String, Table, text
from sqlalchemy.orm import Mapped, mapped_column

from infra.db.models import Base, Position


class StatisticsSnapshotRow(Base):
    __tablename__ = "statistics_snapshots"
    __table_args__ = (
        Index("ix_statistics_snapshots_scope_year_as_of", "scope", "year", "as_of"),
        # One as-reported snapshot per scope, year and cut-off; restatements may follow.
        Index("uq_statistics_snapshots_as_reported", "scope", "year", "as_of", unique=True,
              sqlite_where=text("kind = 'AS_REPORTED'"), postgresql_where=text("kind = 'AS_REPORTED'")),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    scope: Mapped[str]
    year: Mapped[int]
    as_of: Mapped[date]
    kind: Mapped[str]  # AS_REPORTED | RESTATED
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    high_water_mark: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


statistics_snapshots = cast(Table, StatisticsSnapshotRow.__table__)
