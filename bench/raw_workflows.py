"""B1's raw baseline: a workflow whose Update (with a validator) runs one no-op activity, and a no-op workflow.
In a module of their own, with nothing else imported, for the workflow sandbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import activity, workflow


@activity.defn(name="raw_noop")
async def raw_noop(payload: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, "seq": payload.get("seq", 0)}


@workflow.defn(name="RawStream")
class RawStream:
    def __init__(self) -> None:
        self.seq = 0
        self.closed = False

    @workflow.run
    async def run(self) -> int:
        await workflow.wait_condition(lambda: self.closed and workflow.all_handlers_finished())
        return self.seq

    @workflow.update
    async def step(self, request: dict[str, Any]) -> dict[str, Any]:
        result = await workflow.execute_activity(raw_noop, {**request, "seq": self.seq + 1},
                                                 start_to_close_timeout=timedelta(seconds=10))
        self.seq += 1
        self.closed = bool(request.get("last"))
        return result

    @step.validator
    def validate(self, request: dict[str, Any]) -> None:
        if request.get("command") is None:
            raise ValueError("no command")


@workflow.defn(name="RawNoop")
class RawNoop:
    @workflow.run
    async def run(self, request: dict[str, Any]) -> bool:
        return bool(request)
