"""Disclosure to the supervision platform (issue 4): the `platform_receipts` table, one row per inspection event
the platform accepted in a daily upload (primary key: the `InspectionCompleted` event's stream and seq), so an
upload run again or retried never sends an inspection twice. On PostgreSQL the application role may only read
and insert.

Revision ID: 0003_disclosure
Revises: 0002_read_side_security
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_disclosure"
down_revision: str | None = "0002_read_side_security"
branch_labels = None
depends_on = None

APP_ROLE = "zhifa_app"
TABLE = "platform_receipts"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("stream_id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("upload_day", sa.Date(), nullable=False),
        sa.Column("batch_id", sa.String(), nullable=False),
        sa.Column("receipt_id", sa.String(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("stream_id", "seq", name="pk_platform_receipts"),
    )
    op.create_index("ix_platform_receipts_upload_day", TABLE, ["upload_day"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"GRANT SELECT, INSERT ON {TABLE} TO {APP_ROLE}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"REVOKE ALL ON {TABLE} FROM {APP_ROLE}")
    op.drop_index("ix_platform_receipts_upload_day", TABLE)
    op.drop_table(TABLE)
