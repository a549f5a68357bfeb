"""The Temporal SDK's own metrics (workflow and activity task latencies, slots, polls, sticky cache, …) in
Prometheus format, served by the SDK core from the worker process when ``ZHIFA_WORKER_METRICS_ADDRESS`` is set.
The API's metrics (requests, step outcomes) are ``api.metrics``."""

from __future__ import annotations

from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from infra.observability.settings import ObservabilitySettings


def temporal_runtime(settings: ObservabilitySettings) -> Runtime | None:
    """A runtime serving ``GET /metrics`` on the configured address (bound at once), or None: the default one."""
    if settings.worker_metrics_address is None:
        return None
    return Runtime(telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=settings.worker_metrics_address)))
