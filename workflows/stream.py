"""One generic workflow per stream (case, inspection, rectification order), driven by the aggregate's decider.

- Officers' steps are the `step` Update. Its validator decodes the command and runs the domain's `decide` on the
  current state: an invalid step is rejected with the domain's message and never enters history.
- The handler decides again under a lock (the state may have moved since validation), seals the events with the
  workflow's clock (`recorded_at`), persists them through the `append_events` activity — retries are
  byte-identical and the append is idempotent — and only then adopts the new state and returns. A client that
  reads right after a successful step sees it.
- Running deadline clocks become one durable timer at a time (the earliest); a fired timer becomes
  `DeadlineWarning` / `DeadlineBreached` events through the same path.
- Long histories continue as new with the folded state, once every handler has finished.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any, ClassVar

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.converter import value_to_type
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.codec import from_primitive, to_primitive
    from domain.deadlines import timers as deadline_timers
    from domain.envelope import GENESIS_HASH
    from domain.errors import DomainError
    from domain.messages import Event
    from domain.recording import record
    from workflows import search_attributes as sa
    from workflows.activities import NON_RETRYABLE_APPEND_ERRORS, FollowUpActivities, StreamActivities
    from workflows.aggregate_spec import AggregateSpec
    from workflows.context import Snapshot, decode_snapshot
    from workflows.failures import stale_context, to_application_error
    from workflows.messages import (
        GENERATION,
        AppendReceipt,
        AppendRequest,
        ContextPayload,
        OpenedStream,
        OpenStreamsRequest,
        StepRequest,
        StepResult,
        StreamInput,
        open_stream,
    )

APPEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=30),
    non_retryable_error_types=NON_RETRYABLE_APPEND_ERRORS,
)
APPEND_TIMEOUT = timedelta(seconds=10)  # appends take ms; a dead worker is retried soon
NOT_STARTED = "StreamNotStarted"
# Runs recorded before the stream kept its timer across steps replay the old way (a timer per wait).
KEEP_TIMER_PATCH = "stream-keeps-its-timer"  # the failure type of a run whose first step never arrived
REMEMBERED_REQUESTS = 200  # request ids kept (and carried across continue-as-new) to deduplicate retries


def _decoded_input(input: StreamInput | dict[str, Any]) -> StreamInput:
    """A run recorded with its input alone (the context inside it) gets that input undecoded: temporalio applies
    the parameters' type hints only when there is a payload for each. Decoded here as the converter would have."""
    return input if isinstance(input, StreamInput) else value_to_type(StreamInput, input)


def _context_of(input: StreamInput, context: ContextPayload | None) -> ContextPayload:
    given = context or input.context
    if given is None:
        raise ApplicationError(f"{input.stream_id}: started without a decision context", non_retryable=True)
    return given


def _timer_id(timer: deadline_timers.Timer) -> tuple[str, str, str]:
    return (timer.clock_key, timer.kind.value, timer.fire_at.isoformat())


class _Alarm:
    """The stream's one durable timer, kept across steps while the earliest deadline stays where it was: a timer
    cancelled and started again at every step costs the server two history events and two commands each time."""

    def __init__(self) -> None:
        self._task: asyncio.Task[None] | None = None
        self._at: datetime | None = None

    def set(self, at: datetime | None, summary: str | None) -> None:
        if at == self._at and not self.rang:
            return
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None if at is None else asyncio.ensure_future(workflow.sleep(at - workflow.now(),
                                                                                  summary=summary))
        self._at = at

    @property
    def rang(self) -> bool:
        return self._task is not None and self._task.done()


class StreamWorkflow:
    """Base of the concrete stream workflows; subclasses set `spec` and define `run` (Temporal requires it)."""

    spec: ClassVar[AggregateSpec]

    @workflow.init
    def __init__(self, input: StreamInput, context: ContextPayload | None = None) -> None:
        input = self._input = _decoded_input(input)
        # The context is the second argument (stored once by content, `ContextPayload`); older runs carry it inline.
        self._context: ContextPayload = _context_of(input, context)
        self._snapshot: Snapshot = decode_snapshot(self._context)
        carried = input.state
        self._state: Any = (
            self.spec.decider.initial() if carried is None else from_primitive(self.spec.state_type, carried)
        )
        self._head_seq = input.head_seq
        self._head_hash = input.head_hash or GENESIS_HASH
        self._applied: dict[str, StepResult] = dict(input.applied)
        self._lock = asyncio.Lock()
        self._wake = False
        self._search: dict[str, str] = self._started_search() if input.generation >= 1 else {}
        self._spawned: set[str] = set(input.spawned)
        self._clock_seen: dict[str, datetime] = {}  # workflow time at which each clock was first known
        self._validated: tuple[str, Any, datetime, list[Event]] | None = None  # the last validator's decision

    # --- run loop -----------------------------------------------------------------------------------------

    async def _run(self, input: StreamInput) -> str:
        if self._head_seq == 0:
            # Streams start with update-with-start, whose update the SDK delivers before `run` begins: either its
            # handler is in flight, or its validator rejected it and there is nothing to wait for. No timer.
            await workflow.wait_condition(lambda: self._head_seq > 0 or workflow.all_handlers_finished())
            if self._head_seq == 0:
                # Failed, not completed: the id reuse policy of `StreamClient.start` lets a retried start replace
                # a failed run only, so a first step lost with a crashed worker can still open the stream.
                raise ApplicationError(f"{self._input.stream_id}: the first step never arrived (rejected, or lost "
                                       "with a worker); the stream can be opened again", type=NOT_STARTED,
                                       non_retryable=True)
        fired: set[tuple[str, str, str]] = set()
        alarm = _Alarm() if self._patched(KEEP_TIMER_PATCH) else None
        while True:
            await self._open_follow_ups()
            if self.spec.is_finished(self._state) and not self._active_timers():
                await workflow.wait_condition(workflow.all_handlers_finished)
                if self.spec.is_finished(self._state) and not self._active_timers():
                    if alarm is not None:
                        alarm.set(None, None)
                    return self._status() or "FINISHED"
            if self._history_is_long():
                await workflow.wait_condition(lambda: workflow.all_handlers_finished() and not self._lock.locked())
                workflow.continue_as_new(args=[self._carry_over(), self._context])
            timers = [(when, t) for when, t in self._scheduled_timers() if _timer_id(t) not in fired]
            when, upcoming = timers[0] if timers else (None, None)
            self._wake = False
            if upcoming is not None and when is not None and when <= workflow.now():
                fired.add(_timer_id(upcoming))
                await self._fire(upcoming)
                continue
            if alarm is not None:
                alarm.set(when, upcoming.clock_key if upcoming else None)
                await workflow.wait_condition(lambda: self._wake or alarm.rang)
                continue
            timeout = (when - workflow.now()) if when is not None else None
            try:
                await workflow.wait_condition(lambda: self._wake, timeout=timeout,
                                              timeout_summary=upcoming.clock_key if upcoming else None)
            except TimeoutError:
                continue

    async def _open_follow_ups(self) -> None:
        """Open the streams the state calls for and that were not opened yet (one activity for all of them)."""
        pending = [f for f in self.spec.follow_ups(self._state) if f.request_id not in self._spawned]
        if not pending or (self.spec.follow_ups_patch and not self._patched(self.spec.follow_ups_patch)):
            return
        streams = [open_stream(f) for f in pending]
        results: list[OpenedStream] = await workflow.execute_activity_method(
            FollowUpActivities.open_streams, OpenStreamsRequest(streams=streams),
            start_to_close_timeout=timedelta(seconds=30), retry_policy=APPEND_RETRY)
        for result in results:
            if not result.opened:  # refused by the domain: final (`zhifa audit follow-ups` lists what is missing)
                workflow.logger.warning("follow-up %s not opened: %s", result.stream_id, result.rejection)
            self._spawned.add(result.request_id)

    def _patched(self, patch_id: str) -> bool:
        """`workflow.patched` for the patches made before generation 1, asked only by runs started before it (their
        histories hold the answer). A later patch asks `workflow.patched` itself, or comes with a new generation."""
        return self._input.generation >= 1 or workflow.patched(patch_id)

    def _history_is_long(self) -> bool:
        info = workflow.info()
        return info.is_continue_as_new_suggested() or info.get_current_history_length() > self._input.max_history_events

    def _active_timers(self) -> list[deadline_timers.Timer]:
        return deadline_timers.pending_timers(getattr(self._state, "clocks", {}))

    def _scheduled_timers(self) -> list[tuple[datetime, deadline_timers.Timer]]:
        """Each pending timer with the moment to act on it: its own time, or for a clock first known after that
        time (late entry) the end of the grace period."""
        grace = timedelta(seconds=self._input.late_entry_grace_seconds)
        scheduled = []
        for timer in self._active_timers():
            seen = self._clock_seen.setdefault(timer.clock_key, workflow.now())
            scheduled.append((max(timer.fire_at, seen + grace) if seen > timer.fire_at else timer.fire_at, timer))
        return sorted(scheduled, key=lambda pair: (pair[0], pair[1].clock_key))

    async def _fire(self, timer: deadline_timers.Timer) -> None:
        async with self._lock:
            events = deadline_timers.on_timer(getattr(self._state, "clocks", {}), timer, now=workflow.now())
            if events:
                await self._commit(events)

    def _carry_over(self) -> StreamInput:
        return StreamInput(
            kind=self._input.kind, stream_id=self._input.stream_id, town=self._input.town,
            state=to_primitive(self._state), head_seq=self._head_seq, head_hash=self._head_hash,
            applied=dict(list(self._applied.items())[-REMEMBERED_REQUESTS:]), spawned=sorted(self._spawned),
            late_entry_grace_seconds=self._input.late_entry_grace_seconds,
            search_attributes=self._input.search_attributes, max_history_events=self._input.max_history_events,
            generation=GENERATION,
        )

    # --- steps --------------------------------------------------------------------------------------------

    @workflow.update
    async def step(self, request: StepRequest) -> StepResult:
        if request.request_id in self._applied:
            return self._applied[request.request_id]
        async with self._lock:
            if request.request_id in self._applied:
                return self._applied[request.request_id]
            events = self._decided(request)
            result = await self._commit(events)
            if request.request_id:
                self._applied[request.request_id] = result
            return result

    @step.validator
    def validate_step(self, request: StepRequest) -> None:
        if request.request_id in self._applied:
            return  # a retry of an applied step: the handler returns the original result
        if request.context_version != self._context.version:
            raise stale_context(self._context.version, request.context_version)
        self._validated = (request.request_id, self._state, workflow.now(), self._decide(request))

    def _decided(self, request: StepRequest) -> list[Event]:
        """The validator's decision when nothing it depends on moved since (same step, same state object, same
        workflow time), else a fresh one: `decide` is pure, so both are the same events. On replay validators do
        not run and the handler always decides itself."""
        validated, self._validated = self._validated, None
        if validated is not None and validated[0] == request.request_id and validated[1] is self._state \
                and validated[2] == workflow.now():
            return validated[3]
        return self._decide(request)

    def _decide(self, request: StepRequest) -> list[Event]:
        try:
            command = self.spec.decode_command(request.command, request.payload)
            return list(self.spec.decider.decide(self._state, command, self._snapshot.at(workflow.now())))
        except DomainError as error:
            raise to_application_error(error) from None

    @workflow.update
    async def refresh_context(self, context: ContextPayload) -> str:
        """Adopt a newer decision context (reference data, calendar, profile); provisional clocks are recomputed on
        the new calendar."""
        async with self._lock:
            self._context, self._snapshot = context, decode_snapshot(context)
            events = deadline_timers.recompute(
                getattr(self._state, "clocks", {}), occurred_at=workflow.now(), cal=self._snapshot.calendar,
                profile=self._snapshot.profile)
            if events and self._head_seq > 0:
                await self._commit(events)
            return context.version

    async def _commit(self, events: list[Event]) -> StepResult:
        first_seq = self._head_seq + 1
        state, envelopes = record(
            self.spec.decider, self._state, events, context_of=self.spec.context_of, first_seq=first_seq,
            prev_hash=self._head_hash, recorded_at=workflow.now())
        if envelopes:
            receipt = await self._append(AppendRequest(envelopes=[to_primitive(e) for e in envelopes]))
            if receipt.last_seq != envelopes[-1].seq:
                raise ApplicationError(f"store acknowledged seq {receipt.last_seq}, expected {envelopes[-1].seq}")
            self._head_seq, self._head_hash = envelopes[-1].seq, receipt.head_hash or envelopes[-1].hash
        self._state = state
        for key in getattr(state, "clocks", {}):
            self._clock_seen.setdefault(key, workflow.now())
        self._wake = True
        self._update_search_attributes()
        return StepResult(
            stream_id=self._input.stream_id, status=self._status(), first_seq=first_seq,
            last_seq=self._head_seq, event_types=[e.event_type for e in envelopes])

    async def _append(self, request: AppendRequest) -> AppendReceipt:
        """Persist sealed events. A run of generation 1 appends as a local activity: run by this worker within the
        workflow task, recorded as one marker, so a step is one workflow task (the update's result goes out with
        the marker) instead of two plus three activity events and a round trip through the server's task queue.
        Retries are the same (the same sealed bytes, an idempotent append); older runs replay the way they ran."""
        receipt: AppendReceipt
        if self._input.generation >= 1:
            receipt = await workflow.execute_local_activity_method(
                StreamActivities.append_events, request, start_to_close_timeout=APPEND_TIMEOUT,
                retry_policy=APPEND_RETRY)
        else:
            receipt = await workflow.execute_activity_method(
                StreamActivities.append_events, request, start_to_close_timeout=APPEND_TIMEOUT,
                retry_policy=APPEND_RETRY)
        return receipt

    # --- visibility -----------------------------------------------------------------------------------------

    def _status(self) -> str | None:
        status = getattr(self._state, "status", None)
        return None if status is None else str(getattr(status, "value", status))

    def _started_search(self) -> dict[str, str]:
        """The search attributes this run was started with (the client sets them at start)."""
        typed = workflow.info().typed_search_attributes
        return {key.name: value for key in sa.ALL if (value := typed.get(key)) is not None}

    def _update_search_attributes(self) -> None:
        if not self._input.search_attributes or self._head_seq == 0:
            return
        context = self.spec.context_of(self._state)
        wanted = {
            sa.KIND.name: context.stream_kind, sa.TOWN.name: context.town, sa.STATUS.name: context.status or "",
            sa.PROCEDURE.name: context.procedure or "", sa.VIOLATION_TYPE.name: context.violation_type or "",
        }
        if wanted == self._search:
            return
        keys = {k.name: k for k in sa.ALL}
        workflow.upsert_search_attributes([keys[name].value_set(value) for name, value in wanted.items()])
        self._search = wanted

    @workflow.query
    def state(self) -> dict[str, Any]:
        data: dict[str, Any] = to_primitive(self._state)
        return data

    @workflow.query
    def head(self) -> dict[str, Any]:
        return {"seq": self._head_seq, "hash": self._head_hash, "context_version": self._context.version,
                "status": self._status()}

    @workflow.query
    def has_applied(self, request_id: str) -> bool:
        """Whether a step with this request id was applied (among the recent ones carried across continue-as-new);
        answers for closed runs too, so a retried follow-up can tell "done" from "refused"."""
        return request_id in self._applied

    @workflow.query
    def next_steps(self) -> list[dict[str, Any]]:
        return [to_primitive(step) for step in self.spec.next_steps(self._state)]

    @workflow.query
    def deadlines(self) -> list[dict[str, Any]]:
        return [to_primitive(c) for c in getattr(self._state, "clocks", {}).values()]
