"""The migrations run from code on both dialects, down and up again."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from infra.db.engine import create_engine
from infra.db.migrate import current_revision, downgrade, head_revision, upgrade
from infra.db.models import Base


async def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def own_db_url(request: pytest.FixtureRequest) -> str:
    """A database of this test's own: going down and up must not disturb the database other tests share."""
    url: str = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_fresh_url")
    return url


async def test_a_migrated_database_has_every_table_and_can_go_down_and_up_again(own_db_url: str) -> None:
    db_url = own_db_url
    assert await current_revision(db_url) == head_revision()
    assert set(Base.metadata.tables) <= await table_names(db_url)

    await downgrade(db_url, "base")
    assert await current_revision(db_url) is None
    assert await table_names(db_url) == {"alembic_version"}

    await upgrade(db_url)
    assert await current_revision(db_url) == head_revision()
    assert set(Base.metadata.tables) <= await table_names(db_url)


async def test_the_shared_postgresql_database_is_migrated_and_reached_through_asyncpg(pg_url: str) -> None:
    assert pg_url.startswith("postgresql+asyncpg://")
    assert await current_revision(pg_url) == head_revision()
