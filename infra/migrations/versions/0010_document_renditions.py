"""PDF renditions of generated documents (issue 8, item 2): `document_renditions`, one row per document version and
format, keeping the bytes LibreOffice produced (they are not byte-stable) — insert-only, like `documents`.

Revision ID: 0010_document_renditions
Revises: 0007_notifications
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

# The same insert-only protection as the statistics tables (triggers, privileges), from the revision that has it.
_STATISTICS = importlib.import_module("infra.migrations.versions.0004_statistics")

revision: str = "0010_document_renditions"
down_revision: str | None = "0007_notifications"
branch_labels = None
depends_on = None

TABLE = "document_renditions"
UNIQUE = "uq_document_renditions_stream_id_kind_version_format"


def _id() -> sa.Column[int]:
    postgresql = op.get_bind().dialect.name == "postgresql"
    return sa.Column("id", sa.BigInteger() if postgresql else sa.Integer(), primary_key=True, autoincrement=True)


def upgrade() -> None:
    op.create_table(
        TABLE, _id(),
        sa.Column("stream_id", sa.String(), nullable=False),
        sa.Column("town", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("converter", sa.String(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("rendered_by", sa.String(), nullable=False),
        sa.Column("rendered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document_renditions"),
        sqlite_autoincrement=True,
    )
    op.create_index(UNIQUE, TABLE, ["stream_id", "kind", "version", "format"], unique=True)
    _STATISTICS._make_insert_only(TABLE, f"zhifa_{TABLE}_insert_only", f"{TABLE} rows")


def downgrade() -> None:
    _STATISTICS._drop_insert_only(TABLE, f"zhifa_{TABLE}_insert_only")
    op.drop_index(UNIQUE, TABLE)
    op.drop_table(TABLE)
