"""Temporal payloads stored by their content (`payload_claims`, see `infra.temporal.claims`): a stream's start input
names its decision context by SHA-256 instead of carrying ~35 KB of reference data in every history. Insert-only:
a history may name a claim for as long as it is kept.

Revision ID: 0011_payload_claims
Revises: 0010_document_renditions
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

# The same insert-only protection as the statistics tables (triggers, privileges), from the revision that has it.
_STATISTICS = importlib.import_module("infra.migrations.versions.0004_statistics")

revision: str = "0011_payload_claims"
down_revision: str | None = "0010_document_renditions"
branch_labels = None
depends_on = None

TABLE = "payload_claims"
FUNCTION = "zhifa_payload_claims_insert_only"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_payload_claims"),
    )
    _STATISTICS._make_insert_only(TABLE, FUNCTION, "payload claims", sequence=False)


def downgrade() -> None:
    _STATISTICS._drop_insert_only(TABLE, FUNCTION, sequence=False)
    op.drop_table(TABLE)
