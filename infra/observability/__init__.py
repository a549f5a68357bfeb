"""Observability: OpenTelemetry traces (off unless an OTLP endpoint is configured), Prometheus metrics of the
Temporal SDK, and structured logs carrying the request, officer, town and stream of the work in progress.

Each composition root (``zhifa api``, ``zhifa worker``) reads ``ObservabilitySettings`` once and applies them
through ``tracing`` and ``logs``; nothing here is switched on by importing it."""

from infra.observability.settings import ObservabilitySettings

__all__ = ["ObservabilitySettings"]
