"""``temporalio.contrib.opentelemetry.TracingInterceptor`` with zhifa's steps traced under their caller.

The stock interceptor parents an Update handler's (zero-length) span by the workflow's *start* and only links the
Update's caller, so every later step of a case would land in the trace of the request that opened it, cut off
from the request that sent it. Here an Update's validator and handler are children of the Update's caller (the
workflow's start becomes the link), and the handler's span is current while the handler runs, so the activities
it starts (and their SQL) hang under it: request → StartWorkflowUpdate → HandleUpdate → StartActivity →
RunActivity → statements, one trace. Updates without a tracing header are traced as the stock interceptor does.

Workflow code runs in the sandbox: ``workflows.worker`` passes ``opentelemetry`` through, as Temporal's
OpenTelemetry sample does. Built on the interceptor's documented extension point (subclassing) and its
``_completed_span``/``_set_on_context`` helpers; the versions are pinned in constraints.txt.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import opentelemetry.trace
import temporalio.worker
from temporalio.api.common.v1 import Payload
from temporalio.contrib.opentelemetry import TracingInterceptor, TracingWorkflowInboundInterceptor
from temporalio.contrib.opentelemetry._context import attached_context


class _Outbound:
    """Receives the header ``_completed_span`` writes for an outbound call: the context of the span it created."""

    def __init__(self) -> None:
        self.headers: Mapping[str, Payload] = {}


class UpdateParentedWorkflowInterceptor(TracingWorkflowInboundInterceptor):
    @contextmanager
    def _under_caller(self, headers: Mapping[str, Payload], name: str) -> Iterator[bool]:
        header = headers.get(self.header_key)
        carrier = self.payload_converter.from_payloads([header])[0] if header else None
        if not carrier:
            yield False
            return
        with attached_context(self._set_on_context(self.text_map_propagator.extract(carrier))):
            created = _Outbound()
            self._completed_span(name, link_context_carrier=self._load_workflow_context_carrier(),
                                 add_to_outbound=created, kind=opentelemetry.trace.SpanKind.SERVER)
            span_header = created.headers.get(self.header_key)
            if span_header is None:  # replaying: no new span, the caller's context stands
                yield True
                return
            span_carrier = self.payload_converter.from_payloads([span_header])[0]
            with attached_context(self._set_on_context(self.text_map_propagator.extract(span_carrier))):
                yield True

    def handle_update_validator(self, input: temporalio.worker.HandleUpdateInput) -> None:
        with self._under_caller(input.headers, f"ValidateUpdate:{input.update}") as traced:
            if traced:
                temporalio.worker.WorkflowInboundInterceptor.handle_update_validator(self, input)
                return
        super().handle_update_validator(input)

    async def handle_update_handler(self, input: temporalio.worker.HandleUpdateInput) -> Any:
        with self._under_caller(input.headers, f"HandleUpdate:{input.update}") as traced:
            if traced:
                return await temporalio.worker.WorkflowInboundInterceptor.handle_update_handler(self, input)
        return await super().handle_update_handler(input)


class StepTracingInterceptor(TracingInterceptor):
    def workflow_interceptor_class(self, input: temporalio.worker.WorkflowInterceptorClassInput
                                   ) -> type[TracingWorkflowInboundInterceptor]:
        super().workflow_interceptor_class(input)  # registers the extern function that records workflow spans
        return UpdateParentedWorkflowInterceptor
