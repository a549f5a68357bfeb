"""The security event log (`security_log`): one hash chain, one row per entry, keyed by its seq (so two writers
can never both store a successor of the same head: the chain cannot fork). Rows are only ever inserted; the one
deletion the triggers allow is a purge of entries older than the statutory minimum that a purge marker covers."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import JSON, BigInteger, CheckConstraint, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from infra.db.models import Base


class SecurityLogRow(Base):
    __tablename__ = "security_log"
    __table_args__ = (
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint("kind IN ('TOKEN_REFUSED', 'PERMISSION_DENIED', 'ADMIN_CHANGE', 'EXPORT', 'LOG_PURGED')",
                        name="kind"),
        Index("ix_security_log_district_occurred_at", "district", "occurred_at"),
        Index("ix_security_log_kind_occurred_at", "kind", "occurred_at"),
    )

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str]
    occurred_at: Mapped[datetime]
    actor: Mapped[str]
    operation: Mapped[str]
    reason: Mapped[str]
    district: Mapped[str | None]
    town: Mapped[str | None]
    client_ip: Mapped[str | None]
    request_id: Mapped[str | None]
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


security_log = cast(Table, SecurityLogRow.__table__)
