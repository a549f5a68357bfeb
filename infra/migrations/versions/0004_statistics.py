"""Year-end statistics snapshots (issue 5): the `statistics_snapshots` table, insert-only like the event log
(triggers on both dialects; on PostgreSQL the application role may only read and insert).

The statistics queries themselves run on the event log's typed columns and its existing indexes; ledgers are
event streams of the log, so they need no table of their own.

Second part: the `reports` table, the year-end documents rendered from a snapshot (bytes as produced), insert-only
in the same way.

Revision ID: 0004_statistics
Revises: 0003_disclosure
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_statistics"
down_revision: str | None = "0003_disclosure"
branch_labels = None
depends_on = None

APP_ROLE = "zhifa_app"
TABLE = "statistics_snapshots"


def upgrade() -> None:
    _upgrade_snapshots()
    _upgrade_reports()


def downgrade() -> None:
    _downgrade_reports()
    _downgrade_snapshots()


def _upgrade_snapshots() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    position = sa.BigInteger() if postgresql else sa.Integer()
    op.create_table(
        TABLE,
        sa.Column("id", position, primary_key=True, autoincrement=True),
        sa.Column("scope", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("high_water_mark", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('AS_REPORTED', 'RESTATED')", name="ck_statistics_snapshots_kind"),
        sa.PrimaryKeyConstraint("id", name="pk_statistics_snapshots"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_statistics_snapshots_scope_year_as_of", TABLE, ["scope", "year", "as_of"])
    op.create_index("uq_statistics_snapshots_as_reported", TABLE, ["scope", "year", "as_of"], unique=True,
                    sqlite_where=sa.text("kind = 'AS_REPORTED'"), postgresql_where=sa.text("kind = 'AS_REPORTED'"))
    _make_insert_only(TABLE, "zhifa_snapshots_insert_only", "statistics snapshots")


def _downgrade_snapshots() -> None:
    _drop_insert_only(TABLE, "zhifa_snapshots_insert_only")
    op.drop_index("uq_statistics_snapshots_as_reported", TABLE)
    op.drop_index("ix_statistics_snapshots_scope_year_as_of", TABLE)
    op.drop_table(TABLE)


# --- second part: the stored reports --------------------------------------------------------------------------

REPORTS = "reports"


def _upgrade_reports() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    position = sa.BigInteger() if postgresql else sa.Integer()
    op.create_table(
        REPORTS,
        sa.Column("id", position, primary_key=True, autoincrement=True),
        sa.Column("scope", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("format", sa.String(), nullable=False),
        sa.Column("mime_type", sa.String(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("snapshot_hash", sa.String(64), nullable=False),
        sa.Column("snapshot_kind", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("format IN ('docx', 'html', 'md', 'json')", name="ck_reports_format"),
        sa.PrimaryKeyConstraint("id", name="pk_reports"),
        sqlite_autoincrement=True,
    )
    op.create_index("uq_reports_scope_year_as_of_format_snapshot", REPORTS,
                    ["scope", "year", "as_of", "format", "snapshot_hash"], unique=True)
    _make_insert_only(REPORTS, "zhifa_reports_insert_only", "stored reports")


def _downgrade_reports() -> None:
    _drop_insert_only(REPORTS, "zhifa_reports_insert_only")
    op.drop_index("uq_reports_scope_year_as_of_format_snapshot", REPORTS)
    op.drop_table(REPORTS)


# --- insert-only protection, the same for both tables ------------------------------------------------------------


def _make_insert_only(table: str, function: str, what: str, *, sequence: bool = True) -> None:
    """UPDATE and DELETE (and on PostgreSQL TRUNCATE) refused by triggers; the app role may only read and insert
    (and draw ids from the table's sequence, when it has one)."""
    if op.get_bind().dialect.name == "postgresql":
        for statement in (
            f"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{what} are immutable: % refused', TG_OP;
            END
            $$
            """,
            f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
            f"REVOKE ALL ON {table} FROM PUBLIC",
            f"GRANT SELECT, INSERT ON {table} TO {APP_ROLE}",
            *([f"GRANT USAGE, SELECT ON SEQUENCE {table}_id_seq TO {APP_ROLE}"] if sequence else []),
        ):
            op.execute(statement)
    else:
        for op_name in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{op_name.lower()} BEFORE {op_name} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{what} are immutable: {op_name} refused'); END")


def _drop_insert_only(table: str, function: str, *, sequence: bool = True) -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (
            f"REVOKE ALL ON {table} FROM {APP_ROLE}",
            *([f"REVOKE ALL ON SEQUENCE {table}_id_seq FROM {APP_ROLE}"] if sequence else []),
            f"DROP TRIGGER {table}_no_truncate ON {table}",
            f"DROP TRIGGER {table}_insert_only ON {table}",
            f"DROP FUNCTION {function}()",
        ):
            op.execute(statement)
    else:
        for op_name in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{op_name}")
