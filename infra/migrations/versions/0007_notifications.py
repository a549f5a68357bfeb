"""Notifications (issue 8, item 4): `notifications`, the in-app inbox of deadline warnings and breaches and the
outbox the webhook delivery loop sends from. The application role reads, inserts and updates it (read and
delivery marks); nothing deletes a notification.

Revision ID: 0007_notifications
Revises: 0006_documents_evidence
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007_notifications"
down_revision: str | None = "0006_documents_evidence"
branch_labels = None
depends_on = None

APP_ROLE = "zhifa_app"


def _id() -> sa.Column[int]:
    postgresql = op.get_bind().dialect.name == "postgresql"
    return sa.Column("id", sa.BigInteger() if postgresql else sa.Integer(), primary_key=True, autoincrement=True)


def upgrade() -> None:
    op.create_table(
        "notifications", _id(),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("stream_id", sa.String(), nullable=False),
        sa.Column("town", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("deadline_id", sa.String(), nullable=False),
        sa.Column("deadline_name", sa.String(), nullable=False),
        sa.Column("clock_key", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("case_no", sa.String(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
        sqlite_autoincrement=True,
    )
    op.create_index("uq_notifications_key", "notifications", ["key"], unique=True)
    op.create_index("ix_notifications_recipient_id", "notifications", ["recipient", "id"])
    op.create_index("ix_notifications_delivered_at_next_attempt_at", "notifications",
                    ["delivered_at", "next_attempt_at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"GRANT SELECT, INSERT, UPDATE ON notifications TO {APP_ROLE}")
        op.execute(f"GRANT USAGE, SELECT ON SEQUENCE notifications_id_seq TO {APP_ROLE}")


def downgrade() -> None:
    op.drop_index("ix_notifications_delivered_at_next_attempt_at", "notifications")
    op.drop_index("ix_notifications_recipient_id", "notifications")
    op.drop_index("uq_notifications_key", "notifications")
    op.drop_table("notifications")
