"""The Starlette application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from api.health.checks import HealthCheck
from api.health.routes import health_routes


def create_app(
    *,
    health_checks: Mapping[str, HealthCheck],
    routes: Sequence[BaseRoute] = (),
    on_shutdown: Sequence[Callable[[], Awaitable[None]]] = (),
    check_timeout: float = 5.0,
    middleware: Sequence[Middleware] = (),
) -> Starlette:
    """The API app. ``health_checks`` back /readyz; ``on_shutdown`` hooks run (in order) when the server stops;
    ``middleware``: outermost first (tracing, ``infra.observability``)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            for hook in on_shutdown:
                await hook()

    return Starlette(routes=[*health_routes(health_checks, timeout=check_timeout), *routes], lifespan=lifespan,
                     middleware=list(middleware))
