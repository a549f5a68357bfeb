"""Concurrent appends' writes sent together (PostgreSQL, appends that need no transaction of their own).

A write that finds none in flight is sent at once; those that come while one is in flight wait for it and then go
together, as one statement (one round trip, one commit) on one pooled connection — a group commit, without any
timer: one writer alone is never delayed. The statement is atomic, so its appends commit together or none does;
should it fail (a lost race of one of them, say), each of its appends is sent again on its own, so every append
gets its own outcome and its own error, exactly as if it had been written alone. A stream is in one statement at
most once (a second append of it waits for the next)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

Args = Sequence[list[Any]]  # the write statement's arrays
Run = Callable[[AsyncConnection, Args], Awaitable[dict[str, int]]]  # → last position by stream


@dataclass
class _Write:
    stream_id: str
    args: Args
    done: asyncio.Future[int] = field(repr=False)


class CombinedWrites:
    def __init__(self, engine: AsyncEngine, run: Run) -> None:
        self._engine = engine
        self._run = run
        self._pending: list[_Write] = []
        self._flusher: asyncio.Task[None] | None = None

    async def write(self, stream_id: str, args: Args) -> int:
        """Write one append's arrays (with whatever else is waiting); its last log position."""
        loop = asyncio.get_running_loop()
        pending = _Write(stream_id, args, loop.create_future())
        if self._flusher is None or self._flusher.done() or self._flusher.get_loop() is not loop:
            self._pending = [w for w in self._pending if w.done.get_loop() is loop]  # none of a closed loop's
            self._pending.append(pending)
            self._flusher = loop.create_task(self._drain())
        else:
            self._pending.append(pending)
        return await pending.done

    async def _drain(self) -> None:
        while self._pending:
            taken = self._take()
            await self._flush(taken)

    def _take(self) -> list[_Write]:
        """Every pending write whose stream is not already taken (in arrival order); the rest wait."""
        taken: dict[str, _Write] = {}
        waiting: list[_Write] = []
        for pending in self._pending:
            if pending.done.done():  # its appender is gone (cancelled) before it was sent: nothing to write
                continue
            if pending.stream_id in taken:
                waiting.append(pending)
            else:
                taken[pending.stream_id] = pending
        self._pending = waiting
        return list(taken.values())

    async def _flush(self, taken: list[_Write]) -> None:
        """Write `taken`, then tell each appender (once the connection is back in the pool, for its next read)."""
        outcomes: list[int | Exception]
        try:
            async with self._engine.connect() as conn:
                together = await self._together(conn, taken) if len(taken) > 1 else None
                outcomes = together or [await self._alone(conn, pending) for pending in taken]
        except Exception as error:  # the connection failed: every write of this flush fails with it
            outcomes = [error] * len(taken)
        except BaseException:  # cancelled (the loop is closing): so are the appends waiting for this flush
            for pending in taken:
                pending.done.cancel()
            raise
        for pending, outcome in zip(taken, outcomes, strict=True):
            if pending.done.done():  # its appender is gone (cancelled)
                continue
            if isinstance(outcome, Exception):
                pending.done.set_exception(outcome)
            else:
                pending.done.set_result(outcome)

    async def _together(self, conn: AsyncConnection, taken: list[_Write]) -> list[int | Exception] | None:
        """Write all of `taken` in one statement; None if it failed (nothing of it is written then)."""
        joined = [list(chain.from_iterable(parts)) for parts in zip(*(w.args for w in taken), strict=True)]
        try:
            positions = await self._run(conn, joined)
        except DBAPIError:
            return None
        return [positions[pending.stream_id] for pending in taken]

    async def _alone(self, conn: AsyncConnection, pending: _Write) -> int | Exception:
        try:
            return (await self._run(conn, pending.args))[pending.stream_id]
        except DBAPIError as error:
            return error
