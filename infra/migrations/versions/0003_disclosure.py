"""Disclosure to the supervision platform (issue 4). Placeholder in the migration chain; the issue's work fills it in."""

from __future__ import annotations

revision: str = "0003_disclosure"
down_revision: str | None = "0002_read_side_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
