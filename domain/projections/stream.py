"""A stream's read models together, and the one function both the append path and the rebuild path call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from domain.envelope import EventEnvelope
from domain.projections.case_summary import CaseSummary, fold_case_summary
from domain.projections.deadlines import DeadlineView, fold_deadlines
from domain.projections.tasks import NextSteps, TaskView, tasks_for


@dataclass(frozen=True)
class StreamReadModel:
    stream_id: str
    summary: CaseSummary | None = None
    deadlines: Mapping[str, DeadlineView] = field(default_factory=dict)
    tasks: tuple[TaskView, ...] = ()


def project(current: StreamReadModel, envelopes: Sequence[EventEnvelope], next_steps: NextSteps) -> StreamReadModel:
    """Fold a stream's next envelopes (in seq order) into its read models; tasks follow the last one."""
    if not envelopes:
        return current
    for env in envelopes:
        if env.stream_id != current.stream_id:
            raise ValueError(f"envelope {env.event_id} does not belong to stream {current.stream_id}")
    clocks = fold_deadlines(current.deadlines, envelopes)
    summary = fold_case_summary(current.summary, envelopes)
    return StreamReadModel(
        stream_id=current.stream_id,
        summary=summary,
        deadlines=clocks,
        tasks=tasks_for(envelopes[-1], summary, next_steps, clocks),
    )
