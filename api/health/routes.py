"""The health routes: /healthz answers while the process runs; /readyz answers 200 only when every check passes."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.health.checks import HealthCheck, run_checks


def health_routes(checks: Mapping[str, HealthCheck], *, timeout: float = 5.0) -> list[Route]:
    registered = dict(checks)

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        results = await run_checks(registered, timeout)
        failing = [result.name for result in results if not result.ok]
        body: dict[str, object] = {
            "status": "ready" if not failing else "unavailable",
            "checks": {result.name: result.to_json() for result in results},
        }
        if failing:
            body["failing"] = failing
        return JSONResponse(body, status_code=503 if failing else 200)

    return [
        Route("/healthz", healthz, methods=["GET"], name="healthz"),
        Route("/readyz", readyz, methods=["GET"], name="readyz"),
    ]
