"""Concurrent appends' writes sent together (PostgreSQL, appends that need no transaction of their own).

A write that finds fewer than `IN_FLIGHT` statements in flight is sent at once; those that come while all are busy
wait and then go together, as one statement (one round trip, one commit) on one pooled connection — a group
commit, without any timer: one writer alone is never delayed. The statement is atomic, so its appends commit
together or none does; should it fail (a lost race of one of them, say), each of its appends is sent again on its
own, so every append gets its own outcome and its own error, exactly as if it had been written alone. A stream is
in one statement at most once (a second append of it waits for the next)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

# Statements in flight at once: commits run side by side on the server (as separate transactions would), and what
# comes while all are busy goes together in the next.
IN_FLIGHT = 4
Args = TypeVar("Args")  # what one append's write is given (the statement's arguments)


@dataclass
class _Write(Generic[Args]):
    stream_id: str
    args: Args
    done: asyncio.Future[int] = field(repr=False)


class CombinedWrites(Generic[Args]):
    def __init__(self, engine: AsyncEngine, run: Callable[[AsyncConnection, Args], Awaitable[dict[str, int]]],
                 join: Callable[[Sequence[Args]], Args], *, in_flight: int = IN_FLIGHT) -> None:
        """`run` writes the arguments and gives the last log position by stream; `join` makes several appends'
        arguments one."""
        self._engine = engine
        self._run = run
        self._join = join
        self._most_in_flight = in_flight
        self._pending: list[_Write[Args]] = []
        self._flushers: set[asyncio.Task[None]] = set()
        self._between_turns = 0  # flushers about to look for more (see `_next_turn`)

    async def write(self, stream_id: str, args: Args) -> int:
        """Write one append's arguments (with whatever else is waiting); its last log position."""
        loop = asyncio.get_running_loop()
        pending = _Write(stream_id, args, loop.create_future())
        self._pending.append(pending)
        if self._between_turns <= 0 and self._in_flight(loop) < self._most_in_flight:
            flusher = loop.create_task(self._drain())
            self._flushers.add(flusher)
            flusher.add_done_callback(self._flushers.discard)
        return await pending.done

    def _in_flight(self, loop: asyncio.AbstractEventLoop) -> int:
        """Flushes under way on this loop (a store outliving its loop — tests — starts afresh on the next one)."""
        stale = {flusher for flusher in self._flushers if flusher.get_loop() is not loop}
        if stale:
            self._flushers -= stale  # in place: the flushers' done callbacks discard from this very set
            self._pending = [pending for pending in self._pending if pending.done.get_loop() is loop]
            self._between_turns = 0
        return sum(not flusher.done() for flusher in self._flushers)

    async def _drain(self) -> None:
        """Flush what is pending, on one connection, until nothing is."""
        taken = self._take()
        try:
            async with self._engine.connect() as conn:
                while taken:
                    self._tell(taken, await self._flush(conn, taken))
                    taken = self._take() or await self._next_turn()
        except Exception as error:  # the connection failed: the writes of this flush fail with it
            self._tell(taken, [error] * len(taken))
        except BaseException:  # cancelled (the loop is closing): so are the appends waiting for this flush
            for pending in taken:
                pending.done.cancel()
            raise

    async def _next_turn(self) -> list[_Write[Args]]:
        """What is pending once the appenders just told have run: one that appends again (the next step of its
        stream) gets there without a suspension point, so its write goes on this connection, not a new one."""
        self._between_turns += 1
        try:
            await asyncio.sleep(0)
        finally:
            self._between_turns -= 1
        return self._take()

    def _take(self) -> list[_Write[Args]]:
        """Every pending write whose stream is not already taken (in arrival order); the rest wait."""
        taken: dict[str, _Write] = {}
        waiting: list[_Write[Args]] = []
        for pending in self._pending:
            if pending.done.done():  # its appender is gone (cancelled) before it was sent: nothing to write
                continue
            if pending.stream_id in taken:
                waiting.append(pending)
            else:
                taken[pending.stream_id] = pending
        self._pending = waiting
        return list(taken.values())

    async def _flush(self, conn: AsyncConnection, taken: list[_Write[Args]]) -> list[int | Exception]:
        together = await self._together(conn, taken) if len(taken) > 1 else None
        return together or [await self._alone(conn, pending) for pending in taken]

    @staticmethod
    def _tell(taken: list[_Write[Args]], outcomes: list[int | Exception]) -> None:
        for pending, outcome in zip(taken, outcomes, strict=True):
            if pending.done.done():  # its appender is gone (cancelled)
                continue
            if isinstance(outcome, Exception):
                pending.done.set_exception(outcome)
            else:
                pending.done.set_result(outcome)

    async def _together(self, conn: AsyncConnection, taken: list[_Write[Args]]) -> list[int | Exception] | None:
        """Write all of `taken` in one statement; None if it failed (nothing of it is written then)."""
        try:
            positions = await self._run(conn, self._join([pending.args for pending in taken]))
        except DBAPIError:
            return None
        return [positions[pending.stream_id] for pending in taken]

    async def _alone(self, conn: AsyncConnection, pending: _Write) -> int | Exception:
        try:
            return (await self._run(conn, pending.args))[pending.stream_id]
        except DBAPIError as error:
            return error
