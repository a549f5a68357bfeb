"""The client waits out a worker restart, whatever the server says while it happens; other errors go through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from temporalio.service import RPCError, RPCStatusCode

from workflows.client import StreamClient


def _client() -> StreamClient:
    return StreamClient(None, task_queue="q", context_source=None, workflows={}, specs={},  # type: ignore[arg-type]
                        worker_wait=5.0)


def _failing_first(error: RPCError) -> tuple[Callable[[], Awaitable[str]], list[int]]:
    calls: list[int] = []

    async def call() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise error
        return "answered"
    return call, calls


@pytest.mark.parametrize("error", [
    RPCError("No poller seen for task queue recently", RPCStatusCode.FAILED_PRECONDITION, b""),
    RPCError("context canceled", RPCStatusCode.CANCELLED, b""),
    RPCError("context canceled", RPCStatusCode.UNKNOWN, b""),
], ids=["no poller", "worker died holding the call (cancelled)", "worker died holding the call (unknown)"])
async def test_a_call_caught_by_a_worker_restart_is_sent_again(error: RPCError) -> None:
    call, calls = _failing_first(error)
    assert await _client()._patiently(call) == "answered"
    assert len(calls) == 2


async def test_an_error_that_is_not_a_restart_is_raised_at_once() -> None:
    error: Any = RPCError("workflow not found", RPCStatusCode.NOT_FOUND, b"")
    call, calls = _failing_first(error)
    with pytest.raises(RPCError, match="not found"):
        await _client()._patiently(call)
    assert len(calls) == 1
