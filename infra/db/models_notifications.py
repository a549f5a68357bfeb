"""The in-app inbox and the webhook outbox in one table (issue 8, item 4).

`notifications`: one row per (warning or breach event, recipient), inserted by the projector in the transaction
that appends the event, so a notice exists exactly when its event does. The row is also the outbox: the delivery
loop sends rows whose `delivered_at` is empty and sets it only after the receiver answered 2xx."""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import Index, Table
from sqlalchemy.orm import Mapped, mapped_column

from infra.db.models import Base, Position


class NotificationRow(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("uq_notifications_key", "key", unique=True),
        Index("ix_notifications_recipient_id", "recipient", "id"),
        Index("ix_notifications_delivered_at_next_attempt_at", "delivered_at", "next_attempt_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Position, primary_key=True, autoincrement=True)
    key: Mapped[str]  # "{event id}/{recipient}": unique, the receiver's Idempotency-Key
    event_id: Mapped[str]
    recipient: Mapped[str]
    stream_id: Mapped[str]
    town: Mapped[str]
    kind: Mapped[str]  # WARNING or BREACHED
    deadline_id: Mapped[str]
    deadline_name: Mapped[str]
    clock_key: Mapped[str]
    due_on: Mapped[date]
    case_no: Mapped[str | None]
    occurred_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None]


notifications = cast(Table, NotificationRow.__table__)
