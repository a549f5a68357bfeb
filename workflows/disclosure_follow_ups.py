"""Follow-ups that are steps on streams that already exist (a withdrawal request to a disclosure stream, a
disclosure recorded back on its case), next to those that open a stream (a case from an inspection's lead, a
disclosure from a served decision).

`FollowUpRouter` is the `StreamOpener` the `open_streams` activity uses. By the target's latest run:
- none, or a closed run that holds no event (its first step was lost with a crashed worker, or refused): the stream
  is opened with the follow-up's command (update-with-start; the empty run is replaced);
- running: the command is sent as a step (an empty run still waiting accepts it as its first step);
- closed with events: done if that run applied the request id, otherwise refused (the stream has finished).
Only the domain's refusals are final. Anything else (a run that closed between the look and the step, an
outage) is raised, so the activity retries it: a follow-up is never reported as done or refused by accident.
The request id makes every path idempotent.
"""

from __future__ import annotations

from collections.abc import Mapping

from temporalio.client import WorkflowExecutionStatus

from workflows.aggregate_spec import AggregateSpec
from workflows.client import StepRejected, StreamClient
from workflows.messages import OpenedStream, OpenStream


class FollowUpRouter:
    def __init__(self, client: StreamClient, specs: Mapping[str, AggregateSpec]) -> None:
        self._client = client
        self._specs = specs

    async def open(self, stream: OpenStream) -> OpenedStream:
        status = await self._client.run_status(stream.stream_id)
        if status is None:
            return await self._client.open(stream)
        if status is WorkflowExecutionStatus.RUNNING:
            return await self._step(stream)
        if (await self._client.head(stream.stream_id))["seq"] == 0:
            return await self._client.open(stream, replace_closed_empty_run=True)
        if await self._client.has_applied(stream.stream_id, stream.step.request_id):
            return _opened(stream)
        return OpenedStream(stream.stream_id, stream.step.request_id, opened=False,
                            rejection=f"{stream.stream_id} has finished ({status.name}) without this step")

    async def _step(self, stream: OpenStream) -> OpenedStream:
        command = self._specs[stream.kind].decode_command(stream.step.command, stream.step.payload)
        try:
            await self._client.step(stream.stream_id, command, request_id=stream.step.request_id)
        except StepRejected as rejected:
            return OpenedStream(stream.stream_id, stream.step.request_id, opened=False,
                                rejection=rejected.error.message)
        return _opened(stream)


def _opened(stream: OpenStream) -> OpenedStream:
    return OpenedStream(stream.stream_id, stream.step.request_id, opened=True)
