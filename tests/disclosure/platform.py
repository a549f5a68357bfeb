"""The reference platform over real HTTP on a free loopback port (uvicorn in-process), and a delivery driver
that retries an activity the way the workflow's retry policy does."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

import uvicorn

from infra.supervision import FaultConfig, Faults, PlatformStorage, SupervisionClient, platform_app
from tests.runtime.ports import free_port
from workflows.disclosure_activities import NON_RETRYABLE_DELIVERY_ERRORS

T = TypeVar("T")


@dataclass
class RunningPlatform:
    url: str
    storage: PlatformStorage
    faults: Faults

    def client(self, *, timeout: float = 10.0) -> SupervisionClient:
        return SupervisionClient(self.url, timeout=timeout, deduplicates=self.faults.config.deduplicate)


@asynccontextmanager
async def running_platform(config: FaultConfig | None = None) -> AsyncIterator[RunningPlatform]:
    storage, faults = PlatformStorage(), Faults(config or FaultConfig())
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(platform_app(storage, faults), host="127.0.0.1", port=port,
                                           log_level="error", lifespan="off", timeout_graceful_shutdown=1))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            serving.result()
        await asyncio.sleep(0.01)
    try:
        yield RunningPlatform(f"http://127.0.0.1:{port}", storage, faults)
    finally:
        server.should_exit = True
        await serving
        storage.close()


@dataclass
class Attempts:
    total: int = 0
    failed: int = 0
    final_errors: int = 0


async def with_retries(call: Callable[[], Awaitable[T]], attempts: Attempts, *, initial: float = 0.1,
                       maximum: float = 1.0) -> T:
    """Retry like `workflows.disclosure.DELIVERY_RETRY` (scaled down): every error but a final one is retried."""
    delay = initial
    while True:
        attempts.total += 1
        try:
            return await call()
        except Exception as error:
            attempts.failed += 1
            if type(error).__name__ in NON_RETRYABLE_DELIVERY_ERRORS:
                attempts.final_errors += 1
                raise
        await asyncio.sleep(delay)
        delay = min(delay * 2, maximum)
