"""Applying appended envelopes to the read models, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncConnection

from domain.envelope import EventEnvelope
from domain.projections import CaseSummary, NextSteps, StreamReadModel, project
from infra.projections.rows import insert_read_models, load_read_model, save_read_model


class StreamStep(Protocol):
    """A further projection step over a stream's appended envelopes, in the same transaction (the inbox)."""

    async def apply(self, conn: AsyncConnection, envelopes: Sequence[EventEnvelope],
                    summary: CaseSummary | None) -> int: ...


class Projector:
    """Folds envelopes into case summaries, deadlines and tasks with `domain.projections.project`; the task list
    comes from the injected `next_steps` (a pure function of its arguments)."""

    def __init__(self, next_steps: NextSteps, *, notifier: StreamStep | None = None) -> None:
        self.next_steps = next_steps
        # Only the worker's store notifies: it appends the timers' warnings and breaches; bulk imports of past
        # years and rebuilds must not tell anyone of warnings long gone.
        self.notifier = notifier

    async def apply(self, conn: AsyncConnection, envelopes: Sequence[EventEnvelope]) -> None:
        """Fold `envelopes` (any streams, each stream's in seq order, continuing what the read models already
        reflect). On the append path the read models commit in the same transaction as the events, so no
        position needs recording there — in particular no shared checkpoint row, which every concurrent append
        would have to lock; only `rebuild` keeps the checkpoint, to say how far it got."""
        by_stream: dict[str, list[EventEnvelope]] = {}
        for env in envelopes:
            by_stream.setdefault(env.stream_id, []).append(env)
        for stream_id, stream_envelopes in by_stream.items():
            await self.apply_loaded(conn, await load_read_model(conn, stream_id), stream_envelopes)

    async def apply_loaded(self, conn: AsyncConnection, before: StreamReadModel,
                           envelopes: Sequence[EventEnvelope]) -> None:
        """Fold one stream's `envelopes` into its read models as the caller loaded them (the append reads them with
        the stream's tail, in one statement)."""
        after = self.fold(before, envelopes)
        await save_read_model(conn, before, after)
        await self.notify(conn, envelopes, after)

    def fold(self, before: StreamReadModel, envelopes: Sequence[EventEnvelope]) -> StreamReadModel:
        """The read models after one stream's `envelopes` (pure: the caller writes them, see `changes_between`)."""
        return project(before, envelopes, self.next_steps)

    async def notify(self, conn: AsyncConnection, envelopes: Sequence[EventEnvelope], after: StreamReadModel) -> None:
        """The further step over what was appended (in the caller's transaction), if this projector has one."""
        if self.notifier is not None:
            await self.notifier.apply(conn, envelopes, after.summary)

    def fold_new(self, histories: Sequence[Sequence[EventEnvelope]]) -> list[StreamReadModel]:
        """The read models of whole histories of streams that had no events (so none to load). Pure, so it may
        run in a thread while the connection is busy writing the events."""
        return [project(StreamReadModel(history[0].stream_id), history, self.next_steps) for history in histories]

    async def insert_new(self, conn: AsyncConnection, histories: Sequence[Sequence[EventEnvelope]],
                         models: Sequence[StreamReadModel]) -> None:
        """Insert what `fold_new` folded, set-wise — what `apply` would write for each, in a few statements for
        all — and notify as `apply` would."""
        await insert_read_models(conn, models)
        if self.notifier is not None:
            for history, model in zip(histories, models, strict=True):
                await self.notifier.apply(conn, history, model.summary)
