"""The supervision platform's receipts for uploaded inspections (issue 4): one row per `InspectionCompleted`
event the platform accepted, so a day uploaded again, or a retried upload, never sends an inspection twice.
Rows are only ever inserted."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Index, Table
from sqlalchemy.orm import Mapped, mapped_column

from infra.db.models import Base


class PlatformReceiptRow(Base):
    __tablename__ = "platform_receipts"
    __table_args__ = (Index("ix_platform_receipts_upload_day", "upload_day"),)

    # The inspection's `InspectionCompleted` event: one receipt per event.
    stream_id: Mapped[str] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[str]
    upload_day: Mapped[date]  # the day whose upload sent it
    batch_id: Mapped[str]
    receipt_id: Mapped[str]  # the platform's record id
    uploaded_at: Mapped[datetime]


platform_receipts = cast(Table, PlatformReceiptRow.__table__)
