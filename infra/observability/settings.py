"""What the operator switches on: the OTLP endpoint traces go to (the standard OpenTelemetry variables), the
address the worker serves Temporal's Prometheus metrics on, and the log format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from infra.settings import SettingsError

LOG_FORMATS = ("text", "json")


@dataclass(frozen=True, kw_only=True)
class ObservabilitySettings:
    # OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT): traces are exported over OTLP/HTTP when set, and not
    # collected at all when unset (no tracer provider, no interceptor, no middleware).
    otlp_endpoint: str | None = None
    # OTEL_SERVICE_NAME, else the role's name (zhifa-api, zhifa-worker).
    service_name: str | None = None
    # ZHIFA_WORKER_METRICS_ADDRESS (HOST:PORT): the worker's Temporal SDK metrics in Prometheus format.
    worker_metrics_address: str | None = None
    # ZHIFA_LOG_FORMAT: json (one object a line) or text; json by default in production.
    log_format: str = "text"

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, production: bool) -> ObservabilitySettings:
        def raw(variable: str) -> str | None:
            return environ.get(variable, "").strip() or None

        log_format = (raw("ZHIFA_LOG_FORMAT") or ("json" if production else "text")).lower()
        if log_format not in LOG_FORMATS:
            raise SettingsError("ZHIFA_LOG_FORMAT", f"must be one of {', '.join(LOG_FORMATS)}; got {log_format!r}")
        address = raw("ZHIFA_WORKER_METRICS_ADDRESS")
        if address is not None:
            host, sep, port = address.rpartition(":")
            if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
                raise SettingsError("ZHIFA_WORKER_METRICS_ADDRESS", f"must be HOST:PORT, got {address!r}")
        return cls(otlp_endpoint=raw("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or raw("OTEL_EXPORTER_OTLP_ENDPOINT"),
                   service_name=raw("OTEL_SERVICE_NAME"), worker_metrics_address=address, log_format=log_format)

    @property
    def json_logs(self) -> bool:
        return self.log_format == "json"
