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
    if postgresql:
        for statement in (
            """
            CREATE FUNCTION zhifa_snapshots_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'statistics snapshots are immutable: % refused', TG_OP;
            END
            $$
            """,
            f"CREATE TRIGGER {TABLE}_insert_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION zhifa_snapshots_insert_only()",
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION zhifa_snapshots_insert_only()",
            f"REVOKE ALL ON {TABLE} FROM PUBLIC",
            f"GRANT SELECT, INSERT ON {TABLE} TO {APP_ROLE}",
            f"GRANT USAGE, SELECT ON SEQUENCE {TABLE}_id_seq TO {APP_ROLE}",
        ):
            op.execute(statement)
    else:
        for op_name in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {TABLE}_no_{op_name.lower()} BEFORE {op_name} ON {TABLE} "
                       f"BEGIN SELECT RAISE(ABORT, 'statistics snapshots are immutable: {op_name} refused'); END")


def _downgrade_snapshots() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (
            f"REVOKE ALL ON {TABLE} FROM {APP_ROLE}",
            f"REVOKE ALL ON SEQUENCE {TABLE}_id_seq FROM {APP_ROLE}",
            f"DROP TRIGGER {TABLE}_no_truncate ON {TABLE}",
            f"DROP TRIGGER {TABLE}_insert_only ON {TABLE}",
            "DROP FUNCTION zhifa_snapshots_insert_only()",
        ):
            op.execute(statement)
    else:
        for op_name in ("update", "delete"):
            op.execute(f"DROP TRIGGER {TABLE}_no_{op_name}")
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
    if postgresql:
        for statement in (
            """
            CREATE FUNCTION zhifa_reports_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'stored reports are immutable: % refused', TG_OP;
            END
            $$
            """,
            f"CREATE TRIGGER {REPORTS}_insert_only BEFORE UPDATE OR DELETE ON {REPORTS} "
            "FOR EACH ROW EXECUTE FUNCTION zhifa_reports_insert_only()",
            f"CREATE TRIGGER {REPORTS}_no_truncate BEFORE TRUNCATE ON {REPORTS} "
            "FOR EACH STATEMENT EXECUTE FUNCTION zhifa_reports_insert_only()",
            f"REVOKE ALL ON {REPORTS} FROM PUBLIC",
            f"GRANT SELECT, INSERT ON {REPORTS} TO {APP_ROLE}",
            f"GRANT USAGE, SELECT ON SEQUENCE {REPORTS}_id_seq TO {APP_ROLE}",
        ):
            op.execute(statement)
    else:
        for op_name in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {REPORTS}_no_{op_name.lower()} BEFORE {op_name} ON {REPORTS} "
                       f"BEGIN SELECT RAISE(ABORT, 'stored reports are immutable: {op_name} refused'); END")


def _downgrade_reports() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (
            f"REVOKE ALL ON {REPORTS} FROM {APP_ROLE}",
            f"REVOKE ALL ON SEQUENCE {REPORTS}_id_seq FROM {APP_ROLE}",
            f"DROP TRIGGER {REPORTS}_no_truncate ON {REPORTS}",
            f"DROP TRIGGER {REPORTS}_insert_only ON {REPORTS}",
            "DROP FUNCTION zhifa_reports_insert_only()",
        ):
            op.execute(statement)
    else:
        for op_name in ("update", "delete"):
            op.execute(f"DROP TRIGGER {REPORTS}_no_{op_name}")
    op.drop_index("uq_reports_scope_year_as_of_format_snapshot", REPORTS)
    op.drop_table(REPORTS)
