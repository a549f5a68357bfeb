"""``zhifa api``: the Starlette app wired to the real database and Temporal, served by uvicorn."""

from __future__ import annotations

import asyncio

import uvicorn
from starlette.applications import Starlette

from api.app import create_app
from infra.settings import Settings
from zhifa.readiness import TemporalCheck, database_check


def build_app(settings: Settings) -> Starlette:
    from infra.db.engine import create_engine

    engine = create_engine(settings.database_url)
    return create_app(
        health_checks={"database": database_check(engine), "temporal": TemporalCheck(settings)},
        on_shutdown=[engine.dispose],
    )


def serve(settings: Settings) -> int:
    """Serve until SIGINT/SIGTERM (uvicorn handles both and shuts down gracefully)."""
    config = uvicorn.Config(
        build_app(settings), host=settings.api_host, port=settings.api_port, lifespan="on", log_level="info"
    )
    server = uvicorn.Server(config)
    asyncio.run(server.serve())
    return 0 if server.started else 1
