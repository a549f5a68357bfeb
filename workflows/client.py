"""The typed client facade: how the API, the CLI and tests drive stream workflows.

- `start` opens a stream with its first command (update-with-start), after checking the command locally with
  the same decider and context, so an invalid first step starts nothing.
- `step` sends a command as the `step` Update; the request id is the update id, so a retried call never applies
  twice. A domain rejection comes back as the domain's own error type (`StepRejected.error`).
- A stale context (reference data, calendar or profile changed since the workflow started) is refreshed and the
  step retried, transparently. A step is one RPC: the stream's town and kind are remembered after the first
  look at its memo, and the snapshot is encoded once per version.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from temporalio.client import (
    Client,
    WithStartWorkflowOperation,
    WorkflowExecutionStatus,
    WorkflowHandle,
    WorkflowUpdateFailedError,
)
from temporalio.common import (
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDConflictPolicy,
    WorkflowIDReusePolicy,
)
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from domain.codec import to_primitive
from domain.errors import DomainError
from domain.messages import Command
from workflows import search_attributes as sa
from workflows.aggregate_spec import AggregateSpec
from workflows.context import Snapshot, encode_snapshot
from workflows.failures import domain_error_of, is_stale_context
from workflows.messages import (
    GENERATION,
    ContextPayload,
    OpenedStream,
    OpenStream,
    StepRequest,
    StepResult,
    StreamInput,
)

KNOWN_STREAMS = 50_000  # streams whose town and kind a client remembers (a few MB)


class ContextSource(Protocol):
    async def snapshot(self, town: str, kind: str) -> Snapshot: ...


async def _wall_clock() -> datetime:
    return datetime.now(UTC)


def _no_worker(error: RPCError) -> bool:
    """The server answers these while no worker polls the queue (a worker restarting), or when the worker it had
    handed the call to died with it ("context canceled"); both are worth waiting out."""
    message = error.message or ""
    no_poller = error.status in (RPCStatusCode.FAILED_PRECONDITION, RPCStatusCode.UNAVAILABLE,
                                 RPCStatusCode.DEADLINE_EXCEEDED) and "poller" in message
    worker_gone = error.status in (RPCStatusCode.CANCELLED, RPCStatusCode.UNKNOWN) and "context canceled" in message
    return no_poller or worker_gone


def _folded(spec: AggregateSpec, events: Iterable[Any]) -> Any:
    state = spec.decider.initial()
    for event in events:
        state = spec.decider.evolve(state, event)
    return state


class StepRejected(Exception):
    """The domain refused the step; `error` is the domain's typed error (rule, field, article)."""

    def __init__(self, error: DomainError) -> None:
        super().__init__(error.message)
        self.error = error


class StreamClient:
    def __init__(
        self,
        client: Client,
        *,
        task_queue: str,
        context_source: ContextSource,
        workflows: Mapping[str, type],
        specs: Mapping[str, AggregateSpec],
        search_attributes: bool = True,
        max_history_events: int = 5_000,
        clock: Callable[[], Awaitable[datetime]] | None = None,
        worker_wait: float = 90.0,
    ) -> None:
        self._client = client
        self._task_queue = task_queue
        self._contexts = context_source
        self._workflows = workflows
        self._specs = specs
        self._search_attributes = search_attributes
        self._max_history_events = max_history_events
        self._clock = clock or _wall_clock
        self._worker_wait = worker_wait
        self._encoded: dict[tuple[str, str], tuple[Snapshot, ContextPayload]] = {}
        self._known: dict[str, tuple[str, str]] = {}  # stream id → (town, kind), least recently used first

    async def _patiently(self, call: Callable[[], Awaitable[Any]]) -> Any:
        """Run a call that needs a worker, waiting (bounded) while none polls; updates are deduplicated by their
        id, so sending one again is safe."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._worker_wait
        delay = 0.2
        while True:
            try:
                return await call()
            except RPCError as error:
                if not _no_worker(error) or loop.time() + delay > deadline:
                    raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)

    async def _context(self, town: str, kind: str) -> tuple[Snapshot, ContextPayload]:
        """The current snapshot and its encoding; encoded once per snapshot (the source hands out the same object
        until its data changes), not on every step."""
        snapshot = await self._contexts.snapshot(town, kind)
        cached = self._encoded.get((town, kind))
        if cached is None or cached[0] is not snapshot:
            cached = self._encoded[(town, kind)] = (snapshot, encode_snapshot(snapshot))
        return cached

    async def _town_and_kind(self, stream_id: str, handle: WorkflowHandle[Any, Any]) -> tuple[str, str]:
        """What a stream decides with, from its memo: asked of the server once per stream and process."""
        known = self._known.pop(stream_id, None) or await self._memo_of(handle)
        self._remember(stream_id, *known)
        return known

    def _remember(self, stream_id: str, town: str, kind: str) -> None:
        self._known[stream_id] = (town, kind)  # most recent last; the oldest are forgotten past the bound
        while len(self._known) > KNOWN_STREAMS:
            del self._known[next(iter(self._known))]

    async def start(
        self, kind: str, stream_id: str, town: str, command: Command, *, request_id: str | None = None,
        replace_closed_empty_run: bool = False,
    ) -> StepResult:
        """Open a stream with its first command. A failed run (one whose first step never arrived) is replaced;
        a completed one only with `replace_closed_empty_run`, for runs known to hold no event (runs that ended
        `NOT_STARTED` before such runs failed)."""
        spec = self._specs[kind]
        snapshot, payload = await self._context(town, kind)
        try:
            first = spec.decider.decide(spec.decider.initial(), command, snapshot.at(await self._clock()))
        except DomainError as error:
            raise StepRejected(error) from None
        request = self._request(command, payload.version, request_id)
        workflow_cls = self._workflows[kind]
        reuse = (WorkflowIDReusePolicy.ALLOW_DUPLICATE if replace_closed_empty_run
                 else WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY)
        stream_input = StreamInput(kind=kind, stream_id=stream_id, town=town,
                                   search_attributes=self._search_attributes,
                                   max_history_events=self._max_history_events, generation=GENERATION)
        # Indexed from the start as the first step leaves it, so the run's first step need not upsert them.
        search = self._search_of(kind, _folded(spec, first))

        def operation() -> WithStartWorkflowOperation[Any, Any]:  # single use: a fresh one for every attempt
            return WithStartWorkflowOperation(
                workflow_cls.run,  # type: ignore[attr-defined]
                args=[stream_input, payload], id=stream_id, task_queue=self._task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING, id_reuse_policy=reuse,
                memo={"town": town, "kind": kind}, search_attributes=search)

        self._remember(stream_id, town, kind)
        try:
            result: StepResult = await self._patiently(lambda: self._client.execute_update_with_start_workflow(
                workflow_cls.step,  # type: ignore[attr-defined]
                request, start_workflow_operation=operation(), id=request.request_id, result_type=StepResult))
        except WorkflowUpdateFailedError as failure:
            raise self._rejection(failure) from failure
        return result

    async def resume(self, kind: str, stream_id: str, town: str, state: Any, *, head_seq: int, head_hash: str,
                     spawned: list[str]) -> bool:
        """Start a stream's workflow from its state folded from the log (disaster recovery), as continue-as-new
        carries it. False, and nothing started, when a run of that id is running (or completed)."""
        _, payload = await self._context(town, kind)
        stream_input = StreamInput(kind=kind, stream_id=stream_id, town=town, state=to_primitive(state),
                                   head_seq=head_seq, head_hash=head_hash, spawned=spawned,
                                   search_attributes=self._search_attributes,
                                   max_history_events=self._max_history_events, generation=GENERATION)
        try:
            await self._client.start_workflow(
                self._workflows[kind].run,  # type: ignore[attr-defined]
                args=[stream_input, payload], id=stream_id, task_queue=self._task_queue,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
                memo={"town": town, "kind": kind}, search_attributes=self._search_of(kind, state))
        except WorkflowAlreadyStartedError:
            return False
        return True

    def _search_of(self, kind: str, state: Any) -> TypedSearchAttributes:
        """The search attributes the workflow keeps, set at once (a run of `GENERATION` upserts only what changes)."""
        if not self._search_attributes:
            return TypedSearchAttributes.empty
        context = self._specs[kind].context_of(state)
        values = {sa.KIND: context.stream_kind, sa.TOWN: context.town, sa.STATUS: context.status or "",
                  sa.PROCEDURE: context.procedure or "", sa.VIOLATION_TYPE: context.violation_type or ""}
        return TypedSearchAttributes([SearchAttributePair(key, value) for key, value in values.items()])

    async def open(self, stream: OpenStream, *, replace_closed_empty_run: bool = False) -> OpenedStream:
        """Open a follow-up stream (used by the `open_streams` activity); a domain rejection is reported, not raised."""
        command = self._specs[stream.kind].decode_command(stream.step.command, stream.step.payload)
        try:
            await self.start(stream.kind, stream.stream_id, stream.town, command, request_id=stream.step.request_id,
                             replace_closed_empty_run=replace_closed_empty_run)
        except StepRejected as rejected:
            return OpenedStream(stream.stream_id, stream.step.request_id, opened=False,
                                rejection=rejected.error.message)
        return OpenedStream(stream.stream_id, stream.step.request_id, opened=True)

    async def step(self, stream_id: str, command: Command, *, request_id: str | None = None) -> StepResult:
        """One Update: sent with this process's context version, which the validator checks; only a stale
        context (reference data changed since the workflow last adopted it) costs a refresh and a resend."""
        handle = self._client.get_workflow_handle(stream_id)
        town, kind = await self._town_and_kind(stream_id, handle)
        _, payload = await self._context(town, kind)
        request = self._request(command, payload.version, request_id)
        for _ in range(3):
            try:
                result: StepResult = await self._patiently(lambda: handle.execute_update(
                    "step", request, id=request.request_id, result_type=StepResult))
                return result
            except WorkflowUpdateFailedError as failure:
                if not is_stale_context(failure):
                    raise self._rejection(failure) from failure
                _, payload = await self._context(town, kind)
                await self._refresh(handle, payload)
                request.context_version = payload.version
        raise RuntimeError(f"{stream_id}: the decision context kept changing; step not sent")

    async def _refresh(self, handle: WorkflowHandle[Any, Any], payload: ContextPayload) -> None:
        update_id = f"ctx-{payload.version}-{uuid.uuid4().hex}"
        await self._patiently(lambda: handle.execute_update("refresh_context", payload, id=update_id))

    @staticmethod
    async def _memo_of(handle: WorkflowHandle[Any, Any]) -> tuple[str, str]:
        memo = await (await handle.describe()).memo()
        return str(memo["town"]), str(memo["kind"])

    async def state(self, stream_id: str) -> dict[str, Any]:
        data: dict[str, Any] = await self._patiently(lambda: self._client.get_workflow_handle(stream_id).query("state"))
        return data

    async def head(self, stream_id: str) -> dict[str, Any]:
        data: dict[str, Any] = await self._patiently(lambda: self._client.get_workflow_handle(stream_id).query("head"))
        return data

    async def exists(self, stream_id: str) -> bool:
        return await self.run_status(stream_id) is not None

    async def run_status(self, stream_id: str) -> WorkflowExecutionStatus | None:
        """The status of the stream's latest run; None when no run of that id exists."""
        try:
            description = await self._client.get_workflow_handle(stream_id).describe()
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                return None
            raise
        return description.status

    async def has_applied(self, stream_id: str, request_id: str) -> bool:
        """Whether the stream's latest run applied the step with this request id (closed runs answer too)."""
        handle = self._client.get_workflow_handle(stream_id)
        return bool(await self._patiently(lambda: handle.query("has_applied", request_id)))

    @staticmethod
    def _request(command: Command, context_version: str, request_id: str | None) -> StepRequest:
        return StepRequest(command=type(command).__name__, payload=to_primitive(command),
                           context_version=context_version, request_id=request_id or uuid.uuid4().hex)

    @staticmethod
    def _rejection(failure: WorkflowUpdateFailedError) -> Exception:
        error = domain_error_of(failure)
        return StepRejected(error) if error is not None else failure
