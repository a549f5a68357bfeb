"""A span per SQL statement (``opentelemetry-instrumentation-sqlalchemy``'s listeners on one engine), started only
inside a traced operation: a readiness probe's ``SELECT 1`` outside any trace starts no trace of its own.

The engine is instrumented directly (``EngineTracer``), not through ``SQLAlchemyInstrumentor().instrument()``:
that one is a process-wide singleton which also patches every ``create_engine``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from opentelemetry import trace
from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
from opentelemetry.metrics import NoOpMeterProvider
from sqlalchemy.ext.asyncio import AsyncEngine


class InsideSpans(trace.Tracer):
    """Starts spans only under a current span (else a non-recording one)."""

    def __init__(self, tracer: trace.Tracer) -> None:
        self._tracer = tracer

    def start_span(self, name: str, context: Any = None, *args: Any, **kwargs: Any) -> trace.Span:
        if not trace.get_current_span(context).get_span_context().is_valid:
            return trace.INVALID_SPAN
        return self._tracer.start_span(name, context, *args, **kwargs)

    @contextmanager
    def start_as_current_span(self, name: str, context: Any = None, *args: Any, **kwargs: Any
                              ) -> Iterator[trace.Span]:
        if not trace.get_current_span(context).get_span_context().is_valid:
            yield trace.INVALID_SPAN
            return
        with self._tracer.start_as_current_span(name, context, *args, **kwargs) as span:
            yield span


def trace_statements(engine: AsyncEngine, tracer: trace.Tracer) -> None:
    # Connection-pool metrics are Prometheus' business here (not collected through OpenTelemetry).
    connections = NoOpMeterProvider().get_meter("zhifa.sql").create_up_down_counter("db.client.connections.usage")
    EngineTracer(InsideSpans(tracer), engine.sync_engine, connections)
