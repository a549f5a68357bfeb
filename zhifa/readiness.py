"""The API's readiness checks: the database answers ``SELECT 1`` and Temporal serves the namespace."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.converter import PayloadCodec

from api.health.checks import HealthCheck
from infra.settings import Settings
from infra.temporal.connection import check_serving, connect


def database_check(engine: AsyncEngine) -> HealthCheck:
    async def check() -> None:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    return check


class TemporalCheck:
    """Connects on first use (and again after a failure), then asks the frontend for health and the namespace."""

    def __init__(self, settings: Settings, codec: PayloadCodec) -> None:
        self._settings = settings
        self._codec = codec
        self._client: Client | None = None

    async def __call__(self) -> None:
        if self._client is None:
            self._client = await connect(self._settings, codec=self._codec)
        try:
            await check_serving(self._client, self._settings.temporal_namespace)
        except Exception:
            self._client = None
            raise
