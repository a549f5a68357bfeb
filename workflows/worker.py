"""The worker factory: registers every stream workflow and the activities on one task queue.

Domain modules are passed through the sandbox: they are pure and deterministic, so re-importing them per workflow
run would only cost CPU (the scarce resource on a 2-core dev server). So are the modules that define the stream
workflows: they hold classes and constants only (no state a run could leave behind), and re-importing
`workflows.stream_workflows` for every new run was the largest single cost of starting a stream. The sandbox's
runtime restrictions (no IO, clock or randomness in workflow code) still apply to passed-through modules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from temporalio.client import Client
from temporalio.worker import Interceptor, Worker
from temporalio.worker.workflow_sandbox import SandboxRestrictions

from workflows.activities import FollowUpActivities, StreamActivities
from workflows.disclosure_activities import DisclosureActivities
from workflows.sandbox_runner import CompiledSandboxRunner, ContextFreeRunner

# Pure, deterministic modules shared by all workflow runs. They must be listed here (not only imported under
# `imports_passed_through`) so that they are visible in the sandbox's sys.modules, where the codec resolves the
# type hints of the dataclasses it decodes.
PASSTHROUGH = (
    "domain",
    "workflows.activities",
    "workflows.aggregate_spec",
    "workflows.context",
    "workflows.stream_workflows",
    "workflows.disclosure",
    "workflows.disclosure_activities",
    "workflows.failures",
    "workflows.messages",
    "workflows.platform_activities",
    "workflows.platform_warnings",
    "workflows.procedures",
    "workflows.search_attributes",
    "workflows.stream",
    # Tracing (infra.observability): the interceptors' OpenTelemetry context, as Temporal's OpenTelemetry sample does.
    "opentelemetry",
)


def sandbox_runner() -> CompiledSandboxRunner:
    return CompiledSandboxRunner(restrictions=SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH))


def create_worker(
    client: Client,
    *,
    task_queue: str,
    activities: StreamActivities,
    workflows: Sequence[type],
    follow_ups: FollowUpActivities | None = None,
    disclosure: DisclosureActivities | None = None,
    extra_activities: Sequence[Callable[..., Any]] = (),
    max_concurrent_activities: int = 20,
    interceptors: Sequence[Interceptor] = (),
) -> Worker:
    """`disclosure`: the supervision platform's delivery activities (without them a disclosure stream's delivery
    waits for a worker that has them). `extra_activities`: those of the scheduled workflows (platform upload and
    warnings, year-end generation), built by the composition root over their ports. `interceptors`: in addition to
    the client's (the log context of activities)."""
    registered: list[Callable[..., Any]] = [activities.append_events]
    if follow_ups is not None:
        registered.append(follow_ups.open_streams)
    if disclosure is not None:
        registered += [disclosure.publish, disclosure.withdraw]
    registered += list(extra_activities)
    return Worker(
        client,
        task_queue=task_queue,
        workflows=list(workflows),
        activities=registered,
        workflow_runner=ContextFreeRunner(sandbox_runner(), client.data_converter),
        max_concurrent_activities=max_concurrent_activities,
        interceptors=interceptors,
    )
