"""Ledgers, statistics snapshots and reports (issue 5). Placeholder in the migration chain; the issue's work fills it in."""

from __future__ import annotations

revision: str = "0004_statistics"
down_revision: str | None = "0003_disclosure"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
