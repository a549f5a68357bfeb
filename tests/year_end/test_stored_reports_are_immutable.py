"""A stored year-end document is insert-only, like the snapshot it was rendered from (both dialects)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest
import pytest_asyncio
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.statistics.figures import AnnualFigures
from infra.db.engine import create_engine
from infra.db.models_reports import reports
from infra.report import ReportFormat
from infra.year_end.documents import store_report

FIGURES = AnnualFigures(scope="dasi", scope_name="大寺镇", year=2020, as_of=date(2020, 12, 8))
NOW = datetime(2020, 12, 9, 8, tzinfo=UTC)


@pytest_asyncio.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(db_url)
    try:
        yield engine
    finally:
        await engine.dispose()


async def test_a_stored_report_can_be_neither_changed_nor_deleted(engine: AsyncEngine) -> None:
    stored = await store_report(engine, FIGURES, ReportFormat.MD, "# 大寺镇".encode(), snapshot_hash="a" * 64,
                                snapshot_kind="AS_REPORTED", clock=lambda: NOW)
    assert stored is True
    with pytest.raises(DBAPIError, match="stored reports are immutable"):
        async with engine.begin() as conn:
            await conn.execute(update(reports).values(content=b"tampered"))
    with pytest.raises(DBAPIError, match="stored reports are immutable"):
        async with engine.begin() as conn:
            await conn.execute(delete(reports))
    async with engine.connect() as conn:
        assert (await conn.execute(select(reports.c.content))).scalars().all() == ["# 大寺镇".encode()]
