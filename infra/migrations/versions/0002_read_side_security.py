"""GraphQL read side: row-level security on the read models and the event log (PostgreSQL), and list indexes.

Who sees what is decided once, in the database, for the API's read role `zhifa_reader`: a row is visible only
when its town is one of the caller's towns, which the API sets per transaction
(`set_config('zhifa.towns', 'town-a,town-b', true)`, after `set_config('role', 'zhifa_reader', true)`). Without
the setting nothing is visible. The worker role `zhifa_app` (appends events, maintains the read models) keeps
seeing and writing every row through a permissive policy of its own; the table owner keeps bypassing RLS (no
FORCE), which is why the API's scoped transactions always switch to `zhifa_reader` first — that holds even when
the API's login role is the owner or a superuser. `zhifa_app` is a member of `zhifa_reader`, so the
application's login role may switch to it.

SQLite has no row-level security: there the read-side query layer (`infra.readside`) filters every query by
the caller's towns (it does so on PostgreSQL too).

Revision ID: 0002_read_side_security
Revises: 0001_event_store
"""

from __future__ import annotations

from alembic import op

revision: str = "0002_read_side_security"
down_revision: str | None = "0001_event_store"
branch_labels = None
depends_on = None

APP_ROLE = "zhifa_app"
READER_ROLE = "zhifa_reader"
SCOPED_TABLES = ("case_summaries", "deadlines", "tasks", "events")
TOWN_IN_SCOPE = "town = ANY(string_to_array(current_setting('zhifa.towns', true), ','))"


def run(*statements: str) -> None:
    bind = op.get_bind()
    for statement in statements:
        bind.exec_driver_sql(statement)


def upgrade() -> None:
    op.create_index("ix_case_summaries_town_opened_at", "case_summaries", ["town", "opened_at"])
    op.create_index("ix_deadlines_stream_id_due_on", "deadlines", ["stream_id", "due_on"])
    if op.get_bind().dialect.name != "postgresql":
        return
    run(
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{READER_ROLE}') THEN
                CREATE ROLE {READER_ROLE} NOLOGIN;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created meanwhile by a migration of another database in the cluster
        END
        $$
        """,
        f"GRANT USAGE ON SCHEMA public TO {READER_ROLE}",
        f"GRANT SELECT ON {', '.join(SCOPED_TABLES)} TO {READER_ROLE}",
        f"GRANT {READER_ROLE} TO {APP_ROLE}",
    )
    for table in SCOPED_TABLES:
        run(
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY {table}_worker ON {table} FOR ALL TO {APP_ROLE} USING (true) WITH CHECK (true)",
            f"CREATE POLICY {table}_town_scope ON {table} FOR SELECT TO {READER_ROLE} USING ({TOWN_IN_SCOPE})",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SCOPED_TABLES:
            run(
                f"DROP POLICY {table}_town_scope ON {table}",
                f"DROP POLICY {table}_worker ON {table}",
                f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
            )
        run(f"REVOKE ALL ON {', '.join(SCOPED_TABLES)} FROM {READER_ROLE}",
            f"REVOKE USAGE ON SCHEMA public FROM {READER_ROLE}")
    op.drop_index("ix_deadlines_stream_id_due_on", "deadlines")
    op.drop_index("ix_case_summaries_town_opened_at", "case_summaries")
