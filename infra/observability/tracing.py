"""OpenTelemetry traces across a step: the API request (ASGI middleware) → the Temporal client's Update → the
workflow's Update handler → the activity → its SQL statements, one trace.

The one place tracing is set up. Off by default: ``Tracing.OFF`` installs no tracer provider, adds no interceptor,
no middleware and no engine listener, and does not even import OpenTelemetry. ``Tracing.from_settings`` exports
over OTLP/HTTP (the exporter reads the standard ``OTEL_EXPORTER_OTLP_*`` variables) when an endpoint is set.

Steps are Updates: ``temporal_tracing.StepTracingInterceptor`` traces them under their caller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from infra.observability.settings import ObservabilitySettings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from sqlalchemy.ext.asyncio import AsyncEngine
    from starlette.middleware import Middleware
    from temporalio.client import Interceptor

# Probes and scrapes are not traced.
UNTRACED_PATHS = "healthz,readyz,metrics"


class Tracing:
    OFF: ClassVar[Tracing]

    def __init__(self, provider: TracerProvider | None) -> None:
        self.provider = provider

    @classmethod
    def from_settings(cls, settings: ObservabilitySettings, service: str) -> Tracing:
        """OTLP export in batches when an endpoint is configured (and that provider made the global one), else
        OFF."""
        if settings.otlp_endpoint is None:
            return cls.OFF
        from opentelemetry import trace
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        provider = _provider(settings.service_name or service)
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace.set_tracer_provider(provider)
        return cls(provider)

    @classmethod
    def exporting_to(cls, exporter: SpanExporter, service: str = "zhifa") -> Tracing:
        """Every span handed to ``exporter`` as it ends (tests: an in-memory exporter); not made global."""
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor

        provider = _provider(service)
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        return cls(provider)

    @property
    def enabled(self) -> bool:
        return self.provider is not None

    def temporal_interceptors(self) -> list[Interceptor]:
        """For ``open_client``: on a client they trace its calls, and a worker on that client inherits them."""
        if self.provider is None:
            return []
        from infra.observability.temporal_tracing import StepTracingInterceptor

        return [StepTracingInterceptor(self.provider.get_tracer("zhifa.temporal"))]

    def asgi_middleware(self) -> list[Middleware]:
        """For ``create_app``: a server span per request (health probes and scrapes excepted)."""
        if self.provider is None:
            return []
        from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
        from opentelemetry.metrics import NoOpMeterProvider
        from starlette.middleware import Middleware

        return [Middleware(OpenTelemetryMiddleware, tracer_provider=self.provider, meter_provider=NoOpMeterProvider(),
                           excluded_urls=UNTRACED_PATHS, exclude_spans=["receive", "send"])]

    def instrument(self, engine: AsyncEngine) -> None:
        """A span per SQL statement run on ``engine`` inside a traced operation (a readiness probe's ``SELECT 1``
        outside any trace starts none)."""
        if self.provider is None:
            return
        from infra.observability.sql_tracing import trace_statements

        trace_statements(engine, self.provider.get_tracer("zhifa.sql"))

    def shutdown(self) -> None:
        """Export what is still buffered (the process is stopping)."""
        if self.provider is not None:
            self.provider.shutdown()

    async def flush(self) -> None:
        """``shutdown`` as an app's shutdown hook."""
        self.shutdown()


Tracing.OFF = Tracing(None)


def _provider(service: str) -> TracerProvider:
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider

    return TracerProvider(resource=Resource.create({"service.name": service}))
