"""The Starlette application factory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from api.health.checks import HealthCheck
from api.health.routes import health_routes
from api.observability import metrics_routes, observability_middleware


def create_app(
    *,
    health_checks: Mapping[str, HealthCheck],
    routes: Sequence[BaseRoute] = (),
    on_shutdown: Sequence[Callable[[], Awaitable[None]]] = (),
    check_timeout: float = 5.0,
    middleware: Sequence[Middleware] = (),
    background: Sequence[Callable[[], Awaitable[None]]] = (),
) -> Starlette:
    """The API app. ``health_checks`` back /readyz; ``on_shutdown`` hooks run (in order) when the server stops;
    ``middleware``: outermost first (tracing, ``infra.observability``), around the request's log context and
    metrics (served at /metrics); ``background`` loops run while the server does (cancelled when it stops)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        tasks = [asyncio.create_task(loop()) for loop in background]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for hook in on_shutdown:
                await hook()

    every = [*health_routes(health_checks, timeout=check_timeout), *metrics_routes(), *routes]
    return Starlette(routes=every, lifespan=lifespan, middleware=[*middleware, *observability_middleware(every)])
