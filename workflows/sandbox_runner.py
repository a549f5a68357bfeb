"""The workflow sandbox as the worker runs it: temporalio's, with two costs per workflow run taken off it.

1. Code snippets compiled once. The sandbox enters a run by `exec`-ing short source strings — two to create the
   run's instance, one for every activation — and `exec` of a string compiles it every time: five compilations for
   an inspection, ~0.5 ms of the worker's CPU on B1 (inside the sandbox every call is dearer than outside it). The
   strings are the same for every run of a workflow class, so `CompiledSandboxRunner` compiles each once, to the
   code object `exec` would have compiled; what runs, and under which restrictions, is the sandbox's own.

2. No trip into the sandbox for every payload sequence's serialization context (`ContextFreeRunner`). For each
   sequence of payloads in an activation and in its completion, temporalio asks the workflow instance which
   serialization context the payload codec and converters should get (the workflow's, or a pending activity's) and
   which external-storage context; the sandboxed instance answers by running code inside the sandbox, with its
   import and builtins restrictions applied and removed again each time — about 4 % of the worker's CPU at 16
   concurrent cases (B1), for answers nothing here reads: the data converter (JSON payloads, the encryption codec,
   the failure converter) takes no context (`DataConverter.with_context` gives back the converter itself) and there
   is no external storage. Only then are the instances wrapped, answering "no context" without entering the
   sandbox: the payloads are encoded exactly as they would be with any context. A converter that does take one, or
   external storage, gets the sandbox's own answers. Activations still run inside the sandbox, with all its
   restrictions. (The probe is the workflow's context; a converter that changed only for activity contexts would
   need one more. Worker debug mode's relaxations for debuggers look for the sandbox runner itself and do not apply
   through this.)

Both lean on the sandbox's private instance class (`_Instance`, its `_run_code`): temporalio is pinned in
constraints.txt, and the whole suite runs its workflows through this runner.
"""

from __future__ import annotations

import functools
from types import CodeType
from typing import Any

import temporalio.workflow
from temporalio.bridge.proto.workflow_activation import WorkflowActivation
from temporalio.bridge.proto.workflow_completion import WorkflowActivationCompletion
from temporalio.converter import (
    DataConverter,
    SerializationContext,
    StorageDriverStoreContext,
    WorkflowSerializationContext,
)
from temporalio.worker import WorkflowInstance, WorkflowInstanceDetails, WorkflowRunner
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner
from temporalio.worker.workflow_sandbox._runner import _Instance

_PROBE = WorkflowSerializationContext(namespace="default", workflow_id="probe")
SNIPPETS_KEPT = 256  # two per workflow class and one for activations: a few dozen


@functools.lru_cache(maxsize=SNIPPETS_KEPT)
def _compiled(code: str) -> CodeType:
    return compile(code, "<string>", "exec", dont_inherit=True)  # as `exec` compiles a string


class CompiledSandboxRunner(SandboxedWorkflowRunner):
    def create_instance(self, det: WorkflowInstanceDetails) -> WorkflowInstance:
        return _CompiledInstance(det, self.runner_class, self.restrictions)


class _CompiledInstance(_Instance):
    def _run_code(self, code: str, **extra_globals: Any) -> None:
        super()._run_code(_compiled(code), **extra_globals)  # type: ignore[arg-type]  # exec takes either


def takes_no_context(converter: DataConverter) -> bool:
    """Whether no serialization or storage context can change how `converter` encodes a payload."""
    return converter.external_storage is None and converter.with_context(_PROBE) is converter


class ContextFreeRunner(WorkflowRunner):
    def __init__(self, inner: WorkflowRunner, converter: DataConverter) -> None:
        super().__init__()
        self._inner = inner
        self._wrap = takes_no_context(converter)

    def prepare_workflow(self, defn: temporalio.workflow._Definition) -> None:
        self._inner.prepare_workflow(defn)

    def create_instance(self, det: WorkflowInstanceDetails) -> WorkflowInstance:
        instance = self._inner.create_instance(det)
        return _ContextFree(instance) if self._wrap else instance

    def set_worker_level_failure_exception_types(self, types: Any) -> None:
        self._inner.set_worker_level_failure_exception_types(types)


class _ContextFree(WorkflowInstance):
    def __init__(self, inner: WorkflowInstance) -> None:
        self._inner = inner

    def activate(self, act: WorkflowActivation) -> WorkflowActivationCompletion:
        return self._inner.activate(act)

    def get_serialization_context(self, command_info: Any) -> SerializationContext | None:
        return None  # the converter takes none (see the module's docstring)

    def get_external_store_context(self, command_info: Any) -> StorageDriverStoreContext:
        return StorageDriverStoreContext(target=None)  # no external storage to store into

    def get_info(self) -> temporalio.workflow.Info:
        return self._inner.get_info()

    def get_thread_id(self) -> int | None:
        return self._inner.get_thread_id()
