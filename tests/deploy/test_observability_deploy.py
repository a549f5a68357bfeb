"""Observability as deployed: every zhifa service logs JSON and leaves tracing off unless the operator names an
OTLP collector; the worker serves its Temporal SDK metrics on a port exposed to the compose network only (never
published: replicas scale); the API serves /metrics on the port it listens on."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import Route

from infra.observability import ObservabilitySettings
from infra.settings import Settings
from tests.deploy.compose import compose, environment, environment_with_secrets, services, zhifa_services
from zhifa.api_server import build_app


def test_every_zhifa_service_logs_json_and_traces_only_when_a_collector_is_named() -> None:
    for name, service in zhifa_services().items():
        settings = ObservabilitySettings.from_env(environment(service), production=True)
        assert settings.json_logs, name
        assert settings.otlp_endpoint is None, name  # ${OTEL_EXPORTER_OTLP_ENDPOINT:-} unset: off
    assert "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" in str(compose()["x-zhifa-env"]["OTEL_EXPORTER_OTLP_ENDPOINT"])


def test_the_worker_serves_sdk_metrics_on_a_port_exposed_to_the_network_only() -> None:
    worker = services()["worker"]
    address = ObservabilitySettings.from_env(environment(worker), production=True).worker_metrics_address
    assert address is not None
    host, _, port = address.rpartition(":")
    assert host == "0.0.0.0" and [str(p) for p in worker["expose"]] == [port]
    assert "ports" not in worker
    others = [n for n, s in zhifa_services().items() if n != "worker"]
    assert all("ZHIFA_WORKER_METRICS_ADDRESS" not in environment(services()[n]) for n in others)


def test_the_api_serves_metrics_on_its_port_without_tracing(tmp_path: Path) -> None:
    environ = environment_with_secrets(services()["api"], tmp_path)
    app = build_app(Settings.from_env(environ), environ)
    assert "/metrics" in {r.path for r in app.routes if isinstance(r, Route)}
    assert "OpenTelemetryMiddleware" not in [m.cls.__name__ for m in app.user_middleware]  # type: ignore[attr-defined]
