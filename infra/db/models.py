"""The tables: the append-only event log, the append alarms, and the read models folded from the log.

One declarative model set serves SQLite and PostgreSQL; where the dialects differ (the autoincrementing
position, exact time round-trips) the column type carries the variant. The payload is stored as `JSON`, not
`JSONB`: JSONB normalises numbers (1e20 comes back as an integer), which would change the canonical form the
hash was computed over; the typed columns are what queries and indexes use.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from infra.db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# BIGINT on PostgreSQL; on SQLite only `INTEGER PRIMARY KEY` aliases the rowid and autoincrements.
Position = BigInteger().with_variant(Integer(), "sqlite")

READ_MODELS_CHECKPOINT = "read_models"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        date: Date(),
        str: String(),
        int: Integer(),
    }


class EventRow(Base):
    """One event of one stream. Rows are only ever inserted (triggers and privileges forbid the rest)."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("stream_id", "seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
        Index("ix_events_town_event_type_occurred_at", "town", "event_type", "occurred_at"),
        Index("ix_events_unit_event_type_occurred_at", "unit", "event_type", "occurred_at"),
        Index("ix_events_event_type_occurred_at", "event_type", "occurred_at"),
        Index("ix_events_town_violation_type_occurred_at", "town", "violation_type", "occurred_at"),
        {"sqlite_autoincrement": True},
    )

    position: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    stream_id: Mapped[str]
    seq: Mapped[int]
    stream_kind: Mapped[str]
    event_type: Mapped[str]
    event_version: Mapped[int]
    occurred_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    actor: Mapped[str]
    town: Mapped[str]
    unit: Mapped[str]
    procedure: Mapped[str | None]
    violation_type: Mapped[str | None]
    fine_amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AppendAlarmRow(Base):
    """A re-append of a stored (stream_id, seq) with a different hash: recorded, never acted on silently."""

    __tablename__ = "append_alarms"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    stream_id: Mapped[str] = mapped_column(index=True)
    seq: Mapped[int]
    stored_hash: Mapped[str] = mapped_column(String(64))
    attempted_hash: Mapped[str] = mapped_column(String(64))
    attempted: Mapped[dict[str, Any]] = mapped_column(JSON)  # the rejected envelope's hashed content and hash
    raised_at: Mapped[datetime]


class CaseSummaryRow(Base):
    __tablename__ = "case_summaries"
    __table_args__ = (
        Index("ix_case_summaries_town_stream_kind_status", "town", "stream_kind", "status"),
        Index("ix_case_summaries_case_no", "case_no"),
    )

    stream_id: Mapped[str] = mapped_column(primary_key=True)
    stream_kind: Mapped[str]
    town: Mapped[str]
    unit: Mapped[str]
    procedure: Mapped[str | None]
    violation_type: Mapped[str | None]
    status: Mapped[str | None]
    case_no: Mapped[str | None]
    party_name: Mapped[str | None]
    opened_at: Mapped[datetime]
    filed_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    fine_amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    last_event_type: Mapped[str]
    last_event_at: Mapped[datetime]
    last_seq: Mapped[int]
    officers: Mapped[list[str]] = mapped_column(JSON)
    version: Mapped[int]


class DeadlineRow(Base):
    __tablename__ = "deadlines"
    __table_args__ = (Index("ix_deadlines_town_status_due_on", "town", "status", "due_on"),)

    stream_id: Mapped[str] = mapped_column(primary_key=True)
    clock_key: Mapped[str] = mapped_column(primary_key=True)
    deadline_id: Mapped[str]
    started_on: Mapped[date]
    due_on: Mapped[date]
    warn_on: Mapped[date]
    provisional: Mapped[bool]
    status: Mapped[str]
    town: Mapped[str]


class TaskRow(Base):
    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_town_role_due_on", "town", "role", "due_on"),)

    stream_id: Mapped[str] = mapped_column(primary_key=True)
    step: Mapped[str] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(primary_key=True)
    town: Mapped[str]
    due_on: Mapped[date | None]


class ProjectionCheckpointRow(Base):
    """The position of the last event folded into the read models (the log's high-water mark they reflect)."""

    __tablename__ = "projection_checkpoint"

    name: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger)


events = cast(Table, EventRow.__table__)
append_alarms = cast(Table, AppendAlarmRow.__table__)
case_summaries = cast(Table, CaseSummaryRow.__table__)
deadlines = cast(Table, DeadlineRow.__table__)
tasks = cast(Table, TaskRow.__table__)
projection_checkpoint = cast(Table, ProjectionCheckpointRow.__table__)
READ_MODEL_TABLES = (case_summaries, deadlines, tasks)
