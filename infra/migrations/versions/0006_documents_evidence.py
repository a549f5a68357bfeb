"""Enforcement documents and evidence files (issue 8, items 2 and 3): `document_numbers` (one counter row per
town, year and kind), `documents` (every generated version, insert-only) and `evidence_files` (every upload's
record, insert-only). On PostgreSQL the application role may update only the counters.

Revision ID: 0005_documents_evidence
Revises: 0004_statistics
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

# The same insert-only protection as the statistics tables (triggers, privileges), from the revision that has it.
_STATISTICS = importlib.import_module("infra.migrations.versions.0004_statistics")

revision: str = "0006_documents_evidence"
down_revision: str | None = "0005_security_log"
branch_labels = None
depends_on = None

APP_ROLE = "zhifa_app"
INSERT_ONLY = ("documents", "evidence_files")


def _id() -> sa.Column[int]:
    postgresql = op.get_bind().dialect.name == "postgresql"
    return sa.Column("id", sa.BigInteger() if postgresql else sa.Integer(), primary_key=True, autoincrement=True)


def upgrade() -> None:
    op.create_table(
        "document_numbers",
        sa.Column("town", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("town", "year", "kind", name="pk_document_numbers"),
    )
    op.create_table(
        "documents", _id(),
        sa.Column("stream_id", sa.String(), nullable=False),
        sa.Column("town", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("template_version", sa.String(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("generated_by", sa.String(), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sqlite_autoincrement=True,
    )
    op.create_index("uq_documents_stream_id_kind_version", "documents", ["stream_id", "kind", "version"], unique=True)
    op.create_table(
        "evidence_files", _id(),
        sa.Column("stream_id", sa.String(), nullable=False),
        sa.Column("town", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("filename", sa.String(), nullable=False),
        sa.Column("uploaded_by", sa.String(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence_files"),
        sqlite_autoincrement=True,
    )
    op.create_index("uq_evidence_files_stream_id_sha256", "evidence_files", ["stream_id", "sha256"], unique=True)
    op.create_index("ix_evidence_files_sha256", "evidence_files", ["sha256"])
    for table in INSERT_ONLY:
        _insert_only(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"GRANT SELECT, INSERT, UPDATE ON document_numbers TO {APP_ROLE}")


def downgrade() -> None:
    for table in INSERT_ONLY:
        _drop_insert_only(table)
    op.drop_index("ix_evidence_files_sha256", "evidence_files")
    op.drop_index("uq_evidence_files_stream_id_sha256", "evidence_files")
    op.drop_table("evidence_files")
    op.drop_index("uq_documents_stream_id_kind_version", "documents")
    op.drop_table("documents")
    op.drop_table("document_numbers")


def _insert_only(table: str) -> None:
    _STATISTICS._make_insert_only(table, f"zhifa_{table}_insert_only", f"{table} rows")


def _drop_insert_only(table: str) -> None:
    _STATISTICS._drop_insert_only(table, f"zhifa_{table}_insert_only")
