"""GraphQL read side: row-level security and indexes (issue 3). Placeholder in the migration chain; the issue's work fills it in."""

from __future__ import annotations

revision: str = "0002_read_side_security"
down_revision: str | None = "0001_event_store"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
