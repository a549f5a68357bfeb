"""The worker's Temporal SDK metrics in Prometheus format on ZHIFA_WORKER_METRICS_ADDRESS; nothing served and no
tracing installed when observability is left unset (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from temporalio.testing import WorkflowEnvironment

from infra.observability import ObservabilitySettings
from infra.observability.metrics import temporal_runtime
from infra.temporal.connection import check_serving, open_client
from tests.api.test_case_over_http import free_port
from tests.deploy.compose import ROOT
from tests.fixtures.temporal import CODEC


@pytest.mark.temporal
async def test_the_sdk_metrics_of_a_client_on_the_metrics_runtime_are_served_for_prometheus(
    dev_server: WorkflowEnvironment
) -> None:
    address = f"127.0.0.1:{free_port()}"
    runtime = temporal_runtime(ObservabilitySettings.from_env({"ZHIFA_WORKER_METRICS_ADDRESS": address},
                                                              production=True))
    assert runtime is not None
    client = await open_client(dev_server.client.service_client.config.target_host, dev_server.client.namespace,
                               codec=CODEC, runtime=runtime)
    await check_serving(client, dev_server.client.namespace)
    async with httpx.AsyncClient() as http:
        response = await http.get(f"http://{address}/metrics")
    assert response.status_code == 200
    assert "temporal_request" in response.text and 'operation="DescribeNamespace"' in response.text


def test_left_unset_observability_installs_nothing_and_an_endpoint_turns_tracing_on(tmp_path: Path) -> None:
    probe = textwrap.dedent("""
        import os, sys
        from zhifa.api_server import build_app
        from infra.settings import Settings
        from infra.observability import ObservabilitySettings
        from infra.observability.metrics import temporal_runtime

        environ = {"ZHIFA_DATA_DIR": sys.argv[1]}
        app = build_app(Settings.from_env(environ), environ)
        assert not any(name.startswith("opentelemetry") for name in sys.modules), "tracing imported while off"
        assert [m.cls.__name__ for m in app.user_middleware] == ["RequestLogContext", "RequestMetrics"]
        assert temporal_runtime(ObservabilitySettings.from_env(environ, production=False)) is None

        environ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9"
        traced = build_app(Settings.from_env(environ), environ)
        assert traced.user_middleware[0].cls.__name__ == "OpenTelemetryMiddleware"
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        assert isinstance(trace.get_tracer_provider(), TracerProvider)
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
