"""Follow-ups that are steps on streams that already exist (a withdrawal request to a disclosure stream, a
disclosure recorded back on its case), next to those that open a stream (a case from an inspection's lead, a
disclosure from a served decision).

`FollowUpRouter` is the `StreamOpener` the `open_streams` activity uses: a stream that does not exist yet is
opened with the follow-up's command; an existing one receives the command as a step. The request id makes
either idempotent (a retried activity returns the original result).
"""

from __future__ import annotations

from collections.abc import Mapping

from temporalio.client import WorkflowUpdateFailedError
from temporalio.service import RPCError

from workflows.aggregates import AggregateSpec
from workflows.client import StepRejected, StreamClient
from workflows.messages import OpenedStream, OpenStream


class FollowUpRouter:
    def __init__(self, client: StreamClient, specs: Mapping[str, AggregateSpec]) -> None:
        self._client = client
        self._specs = specs

    async def open(self, stream: OpenStream) -> OpenedStream:
        if not await self._client.exists(stream.stream_id):
            return await self._client.open(stream)
        command = self._specs[stream.kind].decode_command(stream.step.command, stream.step.payload)
        try:
            await self._client.step(stream.stream_id, command, request_id=stream.step.request_id)
        except StepRejected as rejected:
            return OpenedStream(stream.stream_id, stream.step.request_id, opened=False,
                                rejection=rejected.error.message)
        except (WorkflowUpdateFailedError, RPCError) as error:  # e.g. the stream has finished
            return OpenedStream(stream.stream_id, stream.step.request_id, opened=False, rejection=str(error))
        return OpenedStream(stream.stream_id, stream.step.request_id, opened=True)
