"""A stream's read models <-> their rows (case_summaries, deadlines, tasks)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.projections import CaseSummary, DeadlineView, StreamReadModel, TaskView
from infra.db.models import case_summaries, deadlines, tasks


def summary_to_row(summary: CaseSummary) -> dict[str, Any]:
    row = dataclasses.asdict(summary)
    row["officers"] = list(summary.officers)
    return row


def summary_from_row(row: Mapping[Any, Any]) -> CaseSummary:
    values = {f.name: row[f.name] for f in dataclasses.fields(CaseSummary)}
    values["officers"] = tuple(values["officers"] or ())
    return CaseSummary(**values)


def deadline_from_row(row: Mapping[Any, Any]) -> DeadlineView:
    return DeadlineView(**{f.name: row[f.name] for f in dataclasses.fields(DeadlineView)})


def task_from_row(row: Mapping[Any, Any]) -> TaskView:
    return TaskView(**{f.name: row[f.name] for f in dataclasses.fields(TaskView)})


async def load_read_model(conn: AsyncConnection, stream_id: str) -> StreamReadModel:
    summary_row = (await conn.execute(
        select(case_summaries).where(case_summaries.c.stream_id == stream_id))).mappings().first()
    deadline_rows = (await conn.execute(
        select(deadlines).where(deadlines.c.stream_id == stream_id))).mappings().all()
    task_rows = (await conn.execute(
        select(tasks).where(tasks.c.stream_id == stream_id).order_by(tasks.c.step, tasks.c.role))).mappings().all()
    return StreamReadModel(
        stream_id=stream_id,
        summary=summary_from_row(summary_row) if summary_row is not None else None,
        deadlines={row["clock_key"]: deadline_from_row(row) for row in deadline_rows},
        tasks=tuple(task_from_row(row) for row in task_rows),
    )


async def save_read_model(conn: AsyncConnection, before: StreamReadModel, after: StreamReadModel) -> None:
    """Write what changed from `before` (as loaded) to `after` (as folded)."""
    stream_id = after.stream_id
    if after.summary != before.summary:
        await conn.execute(delete(case_summaries).where(case_summaries.c.stream_id == stream_id))
        if after.summary is not None:
            await conn.execute(insert(case_summaries), [summary_to_row(after.summary)])
    changed = [view for key, view in after.deadlines.items() if before.deadlines.get(key) != view]
    gone = [key for key in before.deadlines if key not in after.deadlines]
    stale = [view.clock_key for view in changed] + gone
    if stale:
        await conn.execute(
            delete(deadlines).where(deadlines.c.stream_id == stream_id, deadlines.c.clock_key.in_(stale)))
    if changed:
        await conn.execute(insert(deadlines), [dataclasses.asdict(view) for view in changed])
    if set(after.tasks) != set(before.tasks):
        await conn.execute(delete(tasks).where(tasks.c.stream_id == stream_id))
        if after.tasks:
            await conn.execute(insert(tasks), [dataclasses.asdict(task) for task in after.tasks])
