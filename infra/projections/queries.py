"""Reading the read models."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.projections import CaseSummary, DeadlineView, TaskView
from infra.db.models import case_summaries, deadlines, events, tasks
from infra.projections.rows import deadline_from_row, summary_from_row, task_from_row


async def get_case_summary(engine: AsyncEngine, stream_id: str) -> CaseSummary | None:
    async with engine.connect() as conn:
        row = (await conn.execute(
            select(case_summaries).where(case_summaries.c.stream_id == stream_id))).mappings().first()
    return None if row is None else summary_from_row(row)


async def list_case_summaries(
    engine: AsyncEngine, town: str, *, stream_kind: str | None = None, status: str | None = None
) -> list[CaseSummary]:
    query = select(case_summaries).where(case_summaries.c.town == town)
    if stream_kind is not None:
        query = query.where(case_summaries.c.stream_kind == stream_kind)
    if status is not None:
        query = query.where(case_summaries.c.status == status)
    async with engine.connect() as conn:
        rows = (await conn.execute(query.order_by(case_summaries.c.opened_at, case_summaries.c.stream_id)))
        return [summary_from_row(row) for row in rows.mappings()]


async def list_deadlines(engine: AsyncEngine, stream_id: str) -> list[DeadlineView]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(deadlines).where(deadlines.c.stream_id == stream_id)
            .order_by(deadlines.c.due_on, deadlines.c.clock_key))
        return [deadline_from_row(row) for row in rows.mappings()]


async def list_tasks(engine: AsyncEngine, town: str, role: str | None = None) -> list[TaskView]:
    query = select(tasks).where(tasks.c.town == town)
    if role is not None:
        query = query.where(tasks.c.role == role)
    async with engine.connect() as conn:
        rows = await conn.execute(
            query.order_by(tasks.c.due_on.is_(None), tasks.c.due_on, tasks.c.stream_id, tasks.c.step, tasks.c.role))
        return [task_from_row(row) for row in rows.mappings()]


async def projection_position(engine: AsyncEngine) -> int:
    """The log position the read models reflect: the last committed event's, since they commit together."""
    async with engine.connect() as conn:
        position = await conn.scalar(select(func.max(events.c.position)))
        return int(position or 0)
