"""Event store: the append-only events table, append alarms, read models, and their protection per dialect.

Revision ID: 0001_event_store
Revises:
Create Date: 2025-11-23
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001_event_store"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE = "zhifa_app"
POSITION = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
HASH = sa.String(64)


def moment(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def text(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def run(*statements: str) -> None:
    """Raw DDL, one statement per call (asyncpg prepares each statement; no bind-parameter parsing)."""
    bind = op.get_bind()
    for statement in statements:
        bind.exec_driver_sql(statement)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("position", POSITION, primary_key=True, autoincrement=True),
        text("stream_id"),
        sa.Column("seq", sa.Integer(), nullable=False),
        text("stream_kind"),
        text("event_type"),
        sa.Column("event_version", sa.Integer(), nullable=False),
        moment("occurred_at"),
        moment("recorded_at"),
        text("actor"),
        text("town"),
        text("unit"),
        text("procedure", True),
        text("violation_type", True),
        sa.Column("fine_amount_fen", sa.BigInteger(), nullable=True),
        text("status", True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("prev_hash", HASH, nullable=False),
        sa.Column("hash", HASH, nullable=False),
        sa.PrimaryKeyConstraint("position", name="pk_events"),
        sa.UniqueConstraint("stream_id", "seq", name="uq_events_stream_id_seq"),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_events_seq_positive")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_events_town_event_type_occurred_at", "events", ["town", "event_type", "occurred_at"])
    op.create_index("ix_events_unit_event_type_occurred_at", "events", ["unit", "event_type", "occurred_at"])
    op.create_index("ix_events_event_type_occurred_at", "events", ["event_type", "occurred_at"])
    op.create_index("ix_events_town_violation_type_occurred_at", "events", ["town", "violation_type", "occurred_at"])

    op.create_table(
        "append_alarms",
        sa.Column("id", POSITION, primary_key=True, autoincrement=True),
        text("stream_id"),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("stored_hash", HASH, nullable=False),
        sa.Column("attempted_hash", HASH, nullable=False),
        sa.Column("attempted", sa.JSON(), nullable=False),
        moment("raised_at"),
        sa.PrimaryKeyConstraint("id", name="pk_append_alarms"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_append_alarms_stream_id", "append_alarms", ["stream_id"])

    op.create_table(
        "case_summaries",
        text("stream_id"),
        text("stream_kind"),
        text("town"),
        text("unit"),
        text("procedure", True),
        text("violation_type", True),
        text("status", True),
        text("case_no", True),
        text("party_name", True),
        moment("opened_at"),
        moment("filed_at", True),
        moment("decided_at", True),
        moment("closed_at", True),
        sa.Column("fine_amount_fen", sa.BigInteger(), nullable=True),
        text("last_event_type"),
        moment("last_event_at"),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("officers", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("stream_id", name="pk_case_summaries"),
    )
    op.create_index("ix_case_summaries_town_stream_kind_status", "case_summaries", ["town", "stream_kind", "status"])
    op.create_index("ix_case_summaries_case_no", "case_summaries", ["case_no"])

    op.create_table(
        "deadlines",
        text("stream_id"),
        text("clock_key"),
        text("deadline_id"),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("warn_on", sa.Date(), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
        text("status"),
        text("town"),
        sa.PrimaryKeyConstraint("stream_id", "clock_key", name="pk_deadlines"),
    )
    op.create_index("ix_deadlines_town_status_due_on", "deadlines", ["town", "status", "due_on"])

    op.create_table(
        "tasks",
        text("stream_id"),
        text("step"),
        text("role"),
        text("town"),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("stream_id", "step", "role", name="pk_tasks"),
    )
    op.create_index("ix_tasks_town_role_due_on", "tasks", ["town", "role", "due_on"])

    checkpoint = op.create_table(
        "projection_checkpoint",
        text("name"),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_projection_checkpoint"),
    )
    op.bulk_insert(checkpoint, [{"name": "read_models", "position": 0}])

    if op.get_bind().dialect.name == "postgresql":
        protect_postgresql()
    else:
        protect_sqlite()


def protect_postgresql() -> None:
    """Triggers stop everyone (superusers included) from changing or removing events and alarms; privileges stop
    the application role before the triggers are even reached."""
    run(
        """
        CREATE FUNCTION zhifa_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_LEVEL = 'STATEMENT' THEN
                RAISE EXCEPTION 'events are append-only: % refused', TG_OP;
            END IF;
            RAISE EXCEPTION 'events are append-only: % of event %#% refused', TG_OP, OLD.stream_id, OLD.seq;
        END
        $$
        """,
        """
        CREATE FUNCTION zhifa_alarms_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_LEVEL = 'STATEMENT' THEN
                RAISE EXCEPTION 'append alarms are append-only: % refused', TG_OP;
            END IF;
            RAISE EXCEPTION 'append alarms are append-only: % of alarm % (%#%) refused',
                TG_OP, OLD.id, OLD.stream_id, OLD.seq;
        END
        $$
        """,
        "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
        "FOR EACH ROW EXECUTE FUNCTION zhifa_events_append_only()",
        "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
        "FOR EACH STATEMENT EXECUTE FUNCTION zhifa_events_append_only()",
        "CREATE TRIGGER append_alarms_append_only BEFORE UPDATE OR DELETE ON append_alarms "
        "FOR EACH ROW EXECUTE FUNCTION zhifa_alarms_append_only()",
        "CREATE TRIGGER append_alarms_no_truncate BEFORE TRUNCATE ON append_alarms "
        "FOR EACH STATEMENT EXECUTE FUNCTION zhifa_alarms_append_only()",
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                CREATE ROLE {APP_ROLE} NOLOGIN;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile by a migration of another database in the cluster
        END
        $$
        """,
        "REVOKE ALL ON events, append_alarms FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}",
        f"GRANT SELECT, INSERT ON events, append_alarms TO {APP_ROLE}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON case_summaries, deadlines, tasks, projection_checkpoint "
        f"TO {APP_ROLE}",
        f"GRANT SELECT ON alembic_version TO {APP_ROLE}",
        f"GRANT USAGE, SELECT ON SEQUENCE events_position_seq, append_alarms_id_seq TO {APP_ROLE}",
    )


def protect_sqlite() -> None:
    run(*(
        f"CREATE TRIGGER {table}_no_{op_name.lower()} BEFORE {op_name} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} are append-only: {op_name} refused'); END"
        for table in ("events", "append_alarms")
        for op_name in ("UPDATE", "DELETE")
    ))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        run(
            f"REVOKE ALL ON events, append_alarms, case_summaries, deadlines, tasks, projection_checkpoint, "
            f"alembic_version FROM {APP_ROLE}",
            f"REVOKE ALL ON SEQUENCE events_position_seq, append_alarms_id_seq FROM {APP_ROLE}",
            "DROP TRIGGER append_alarms_no_truncate ON append_alarms",
            "DROP TRIGGER append_alarms_append_only ON append_alarms",
            "DROP TRIGGER events_no_truncate ON events",
            "DROP TRIGGER events_append_only ON events",
            "DROP FUNCTION zhifa_alarms_append_only()",
            "DROP FUNCTION zhifa_events_append_only()",
        )
    else:
        run(*(f"DROP TRIGGER {table}_no_{op_name}" for table in ("events", "append_alarms")
              for op_name in ("update", "delete")))
    for table in ("projection_checkpoint", "tasks", "deadlines", "case_summaries", "append_alarms", "events"):
        op.drop_table(table)
