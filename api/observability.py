"""The API's Prometheus metrics and its requests' log context.

``GET /metrics`` (Prometheus text format) counts requests by method, route template and status with their
latency, and procedure steps by mutation and outcome (the GraphQL typename: ``Case``, ``InvalidTransition``,
``RuleViolation``, ``ValidationError``, ``NotFound``, ``Forbidden``, ``Unavailable``; ``Error`` for an unexpected
failure). No label carries anything about a person or a case: never an officer, a town, a stream id or a raw path
(an unknown path counts as ``other``), so the endpoint is served without authentication, like /healthz; it is
meant for the internal network (keep it off the public load balancer, see README, Observability).

Every request runs in a log context binding its request id (the client's ``X-Request-Id`` or a new one, put into
the request's headers so that ``Origin.of`` and the response header name the same id)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.security import REQUEST_ID_HEADER, Origin
from infra.observability.logs import log_context

log = logging.getLogger("zhifa.api")

REQUESTS = Counter("zhifa_http_requests", "HTTP requests answered, by method, route template and status",
                   ["method", "route", "status"])
LATENCY = Histogram("zhifa_http_request_duration_seconds", "Time to answer an HTTP request, by method and route",
                    ["method", "route"])
STEP_OUTCOMES = Counter("zhifa_step_outcomes", "Procedure steps, by mutation and outcome (the GraphQL typename)",
                        ["mutation", "outcome"])
UNMATCHED = "other"


def record_step(mutation: str, outcome: str) -> None:
    STEP_OUTCOMES.labels(mutation=mutation, outcome=outcome).inc()
    log.info("step %s: %s", mutation, outcome)


class RequestMetrics:
    """Counts and times every HTTP request by the template of the route it matched."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = self._route(scope)
            REQUESTS.labels(method=scope["method"], route=route, status=str(status)).inc()
            LATENCY.labels(method=scope["method"], route=route).observe(time.perf_counter() - started)

    def _route(self, scope: Scope) -> str:
        for route in self.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return str(getattr(route, "path", UNMATCHED))
        return UNMATCHED


class RequestLogContext:
    """Binds the request id for the log records written while the request is handled."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = Origin.of(scope)
        header = REQUEST_ID_HEADER.encode()
        headers = [(k, v) for k, v in scope.get("headers") or () if k != header]
        scope = {**scope, "headers": [*headers, (header, origin.request_id.encode())]}
        with log_context(request_id=origin.request_id):
            await self.app(scope, receive, send)


async def _metrics(request: Request) -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def metrics_routes() -> list[BaseRoute]:
    return [Route("/metrics", _metrics, methods=["GET"], name="metrics")]


def observability_middleware(routes: Sequence[BaseRoute]) -> list[Middleware]:
    return [Middleware(RequestLogContext), Middleware(RequestMetrics, routes=routes)]
