"""The security event log (issue 13): the `security_log` table, one hash chain keyed by seq, insert-only.

Like 0004's tables, UPDATE (and on PostgreSQL TRUNCATE) is refused by triggers for everyone. DELETE is refused too,
except for the one deletion retention needs (网络安全法 art. 21: at least six months): an entry that occurred more
than 183 days ago by the database's clock AND that a recorded `LOG_PURGED` marker covers (its seq is at most the
marker's `purged_through_seq`). On PostgreSQL the application role may only read and insert and the API's read
role may read; a purge is run by the table's owner (an operator task, `zhifa security-log purge`).

Revision ID: 0005_security_log
Revises: 0004_statistics
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005_security_log"
down_revision: str | None = "0004_statistics"
branch_labels = None
depends_on = None

APP_ROLE = "zhifa_app"
READER_ROLE = "zhifa_reader"
TABLE = "security_log"
FUNCTION = "zhifa_security_log_protect"
MIN_DAYS = 183


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("seq", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("operation", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("district", sa.String(), nullable=True),
        sa.Column("town", sa.String(), nullable=True),
        sa.Column("client_ip", sa.String(), nullable=True),
        sa.Column("request_id", sa.String(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_security_log"),
        sa.CheckConstraint("seq >= 1", name="ck_security_log_seq_positive"),
        sa.CheckConstraint("kind IN ('TOKEN_REFUSED', 'PERMISSION_DENIED', 'ADMIN_CHANGE', 'EXPORT', 'LOG_PURGED')",
                           name="ck_security_log_kind"),
    )
    op.create_index("ix_security_log_district_occurred_at", TABLE, ["district", "occurred_at"])
    op.create_index("ix_security_log_kind_occurred_at", TABLE, ["kind", "occurred_at"])
    if op.get_bind().dialect.name == "postgresql":
        _protect_postgresql()
    else:
        _protect_sqlite()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (
            f"REVOKE ALL ON {TABLE} FROM {APP_ROLE}",
            f"REVOKE ALL ON {TABLE} FROM {READER_ROLE}",
            f"DROP TRIGGER {TABLE}_no_truncate ON {TABLE}",
            f"DROP TRIGGER {TABLE}_insert_only ON {TABLE}",
            f"DROP FUNCTION {FUNCTION}()",
        ):
            op.execute(statement)
    else:
        op.execute(f"DROP TRIGGER {TABLE}_no_update")
        op.execute(f"DROP TRIGGER {TABLE}_no_delete")
    op.drop_index("ix_security_log_kind_occurred_at", TABLE)
    op.drop_index("ix_security_log_district_occurred_at", TABLE)
    op.drop_table(TABLE)


def _protect_postgresql() -> None:
    for statement in (
        f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW'
               AND OLD.occurred_at < now() - interval '{MIN_DAYS} days'
               AND OLD.seq <= (SELECT max((detail->>'purged_through_seq')::bigint) FROM {TABLE}
                               WHERE kind = 'LOG_PURGED') THEN
                RETURN OLD;  -- a purge of an entry past the statutory minimum that a purge marker covers
            END IF;
            IF TG_LEVEL = 'STATEMENT' THEN
                RAISE EXCEPTION 'the security log is append-only: % refused', TG_OP;
            END IF;
            RAISE EXCEPTION 'the security log is append-only: % of entry % refused', TG_OP, OLD.seq;
        END
        $$
        """,
        f"CREATE TRIGGER {TABLE}_insert_only BEFORE UPDATE OR DELETE ON {TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
        f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
        f"REVOKE ALL ON {TABLE} FROM PUBLIC",
        f"GRANT SELECT, INSERT ON {TABLE} TO {APP_ROLE}",
        f"GRANT SELECT ON {TABLE} TO {READER_ROLE}",
    ):
        op.execute(statement)


def _protect_sqlite() -> None:
    op.execute(f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
               "BEGIN SELECT RAISE(ABORT, 'the security log is append-only: UPDATE refused'); END")
    # occurred_at is stored as naive UTC text ('YYYY-MM-DD HH:MM:SS.ffffff'), which compares with datetime().
    op.execute(f"""
        CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        WHEN NOT (OLD.occurred_at < datetime('now', '-{MIN_DAYS} days')
                  AND OLD.seq <= (SELECT max(json_extract(detail, '$.purged_through_seq')) FROM {TABLE}
                                  WHERE kind = 'LOG_PURGED'))
        BEGIN SELECT RAISE(ABORT, 'the security log is append-only: DELETE refused'); END
    """)
