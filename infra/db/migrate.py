"""Running the Alembic migrations programmatically, from an installed package (no alembic.ini, no CWD)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.ext.asyncio import AsyncConnection

from infra.db.engine import async_url, create_engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
APP_ROLE = "zhifa_app"  # created by the first migration on PostgreSQL: SELECT/INSERT on events, DML on read models


def alembic_config(url: str | URL) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    rendered = async_url(url).render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


async def upgrade(url: str | URL, revision: str = "head", *, grant_app_role_to: str | None = None,
                  app_password: str | None = None) -> None:
    """Migrate the database at `url` to `revision`. On PostgreSQL, `grant_app_role_to` names the production
    login role to make a member of `zhifa_app` (it then may read and append events, never change them), and
    `app_password` lets `zhifa_app` itself log in with that password (the API and the worker connect as it)."""
    config = alembic_config(url)
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_run, config, "upgrade", revision)
            if conn.dialect.name == "postgresql":
                if grant_app_role_to is not None:
                    role = conn.dialect.identifier_preparer.quote(grant_app_role_to)
                    await conn.exec_driver_sql(f"GRANT {APP_ROLE} TO {role}")
                if app_password is not None:
                    await _allow_login(conn, APP_ROLE, app_password)
    finally:
        await engine.dispose()


async def _allow_login(conn: AsyncConnection, role: str, password: str) -> None:
    """`ALTER ROLE … LOGIN PASSWORD …`, quoted by the server (`format` with %I/%L: DDL takes no bind parameters).
    Run on every migrate, so a rotated secret file takes effect with the next `zhifa migrate`."""
    quoting = text("SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', CAST(:role AS text), CAST(:pw AS text))")
    statement = (await conn.execute(quoting, {"role": role, "pw": password})).scalar_one()
    await conn.exec_driver_sql(statement)


async def downgrade(url: str | URL, revision: str) -> None:
    config = alembic_config(url)
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_run, config, "downgrade", revision)
    finally:
        await engine.dispose()


async def current_revision(url: str | URL) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
    finally:
        await engine.dispose()


def upgrade_sync(url: str | URL, revision: str = "head", *, grant_app_role_to: str | None = None,
                 app_password: str | None = None) -> None:
    """`upgrade` for callers without an event loop (the CLI, the dev runner)."""
    asyncio.run(upgrade(url, revision, grant_app_role_to=grant_app_role_to, app_password=app_password))


def _run(connection: Connection, config: Config, direction: str, revision: str) -> None:
    config.attributes["connection"] = connection
    if direction == "upgrade":
        command.upgrade(config, revision)
    else:
        command.downgrade(config, revision)


def head_revision() -> str:
    """The revision `upgrade` brings a database to (the single head of the migration chain)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head
