"""Disaster recovery: Temporal's persistence lost or replaced, every open stream's workflow is started again from
the event log, the system of record.

Each stream's kind comes from its events' typed columns (`stream_kind`, `procedure`); its events fold through the
aggregate's decider to the state the workflow held, and the workflow starts with that state and the chain head,
exactly as continue-as-new carries them (`StreamClient.resume`). Running clocks are part of the state, so their
timers are armed again; follow-ups whose streams are in the log count as spawned, the others are opened again by
the workflow (idempotently, by request id). A finished stream without pending timers is left closed; a stream
whose workflow runs is left alone, so recovering twice changes nothing.

What the log does not hold is lost with Temporal: the request ids of past steps (a client retrying a step sent
before the loss is decided afresh, usually refused as an invalid transition), activity retries in flight (the
step was not committed and is sent again by its client) and Schedules (each worker recreates them when it starts;
`zhifa recover` does too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from domain.cases import context as case_context
from domain.construction import views as construction_views
from domain.deadlines.timers import pending_timers
from domain.disclosure import views as disclosure_views
from domain.envelope import EventEnvelope
from domain.inspections import views as inspection_views
from domain.platform import warnings as platform_warnings
from domain.rectification import views as rectification_views
from domain.simple import views as simple_views
from workflows.aggregate_spec import AggregateSpec
from workflows.follow_up_audit import StreamLog, fold
from workflows.procedures import CONSTRUCTION_CASE, DISCLOSURE, GENERAL_CASE, INSPECTION, RECTIFICATION, SIMPLE_CASE

# (stream_kind, procedure) of a stream's events → the aggregate that wrote them. Cases share one stream kind and
# differ by procedure; the other kinds have one aggregate each (procedure not consulted).
KINDS: Mapping[tuple[str, str | None], str] = {
    (case_context.STREAM_KIND, case_context.PROCEDURE): GENERAL_CASE,
    (simple_views.STREAM_KIND, simple_views.PROCEDURE): SIMPLE_CASE,
    (construction_views.STREAM_KIND, construction_views.PROCEDURE): CONSTRUCTION_CASE,
    (inspection_views.STREAM_KIND, None): INSPECTION,
    (rectification_views.STREAM_KIND, None): RECTIFICATION,
    (disclosure_views.STREAM_KIND, None): DISCLOSURE,
    (platform_warnings.STREAM_KIND, None): platform_warnings.STREAM_KIND,
}


class Resumer(Protocol):
    async def resume(self, kind: str, stream_id: str, town: str, state: Any, *, head_seq: int, head_hash: str,
                     spawned: list[str]) -> bool: ...


@dataclass
class RecoveryReport:
    restarted: list[str] = field(default_factory=list)
    running: list[str] = field(default_factory=list)  # left alone: a run of that id exists
    finished: int = 0  # closed in the log, no timer pending: nothing to run

    def describe(self) -> str:
        return (f"{len(self.restarted)} stream(s) restarted from the event log, {len(self.running)} already "
                f"running, {self.finished} finished")


def is_open(spec: AggregateSpec, state: Any) -> bool:
    """Whether the stream's workflow would still be running: not finished, or a clock's timer still pending."""
    return not spec.is_finished(state) or bool(pending_timers(getattr(state, "clocks", {})))


async def recover(log: StreamLog, streams: Resumer, specs: Mapping[str, AggregateSpec]) -> RecoveryReport:
    report = RecoveryReport()
    for (stream_kind, procedure), kind in KINDS.items():
        spec = specs[kind]
        # Fold first, start afterwards: the log's read stays open while it streams (on SQLite it holds the lock).
        open_streams: list[tuple[EventEnvelope, Any]] = []
        async for stream in log.streams(stream_kind, procedure, None):
            state = fold(spec, stream)
            if is_open(spec, state):
                open_streams.append((stream[-1], state))
            else:
                report.finished += 1
        for head, state in open_streams:
            called = spec.follow_ups(state)
            present = await log.existing({f.stream_id for f in called}) if called else set()
            started = await streams.resume(
                kind, head.stream_id, head.town, state, head_seq=head.seq, head_hash=head.hash,
                spawned=sorted(f.request_id for f in called if f.stream_id in present))
            (report.restarted if started else report.running).append(head.stream_id)
    return report
