"""Telling "a dependency is down, retry later" from a bug: the errors Temporal, the database drivers (both dialects)
and the platform's HTTP client raise while unreachable, named by the dependency that raised them.

What is an outage is decided here, with the drivers' own exception types; callers only map an `Outage` to their
answer (a typed `Unavailable` result, HTTP 503 with Retry-After). Anything not recognised is not an outage: it stays
an error to be logged and masked.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import asyncpg
import httpx
from sqlalchemy import exc as sa_exc
from temporalio.client import WorkflowUpdateRPCTimeoutOrCancelledError
from temporalio.service import RPCError, RPCStatusCode

T = TypeVar("T")
LOG = logging.getLogger("zhifa.availability")
TEMPORAL, DATABASE, PLATFORM, EVIDENCE_STORE = "temporal", "database", "platform", "evidence-store"
RETRY_AFTER_SECONDS = {TEMPORAL: 5, DATABASE: 5, PLATFORM: 30, EVIDENCE_STORE: 30}
_TEMPORAL_DOWN = (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.RESOURCE_EXHAUSTED,
                  RPCStatusCode.CANCELLED)


@dataclass(frozen=True)
class Outage:
    dependency: str  # temporal | database | platform | evidence-store
    detail: str

    @property
    def retry_after_seconds(self) -> int:
        return RETRY_AFTER_SECONDS[self.dependency]


class StepPending(Exception):
    """A step was sent but its outcome did not come back in time: `dependency` is what is presumed down."""

    def __init__(self, dependency: str, detail: str) -> None:
        super().__init__(detail)
        self.dependency = dependency


class DependencyDown(Exception):
    """Raised by the code that calls a dependency whose client's errors are not known here (the S3 evidence
    store's botocore): it decided the dependency is unreachable and names it."""

    def __init__(self, dependency: str, detail: str) -> None:
        super().__init__(detail)
        self.dependency = dependency


def outage_of(error: BaseException) -> Outage | None:
    """The outage `error` signals, looking through its causes; None for anything else."""
    seen: BaseException | None = error
    for _ in range(8):  # a cause chain is short; the bound keeps a cyclic one from looping
        if seen is None:
            return None
        dependency = _dependency_of(seen)
        if dependency is not None:
            return Outage(dependency, f"{type(seen).__name__}: {seen}".strip())
        seen = seen.__cause__ or seen.__context__
    return None


def _dependency_of(error: BaseException) -> str | None:
    if isinstance(error, StepPending | DependencyDown):
        return error.dependency
    if isinstance(error, RPCError):
        return TEMPORAL if error.status in _TEMPORAL_DOWN or "poller" in (error.message or "") else None
    if isinstance(error, WorkflowUpdateRPCTimeoutOrCancelledError):
        return TEMPORAL
    if isinstance(error, RuntimeError) and str(error).startswith("Failed client connect"):
        return TEMPORAL  # temporalio's connect refused (the server is not there)
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.TimeoutError):
        return DATABASE
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return DATABASE
    if _is_driver_connection_error(error):
        return DATABASE
    if isinstance(error, httpx.TransportError):
        return PLATFORM
    return None


def _is_driver_connection_error(error: BaseException) -> bool:
    """asyncpg's connection failures (raised before SQLAlchemy wraps them, e.g. at connect) and refused sockets."""
    return isinstance(error, asyncpg.PostgresConnectionError | asyncpg.InterfaceError | ConnectionRefusedError
                      | ConnectionResetError | asyncpg.CannotConnectNowError)


async def when_available(call: Callable[[], Awaitable[T]], *, what: str, max_delay: float = 30.0,
                         log: logging.Logger = LOG) -> T:
    """`call()`, repeated while it fails with an outage: back-off from 0.5 s to `max_delay`, each failure logged
    (for idempotent calls at a process's start — connecting, creating schedules — so a process started during an
    outage comes up when the dependency returns). Any other error is raised at once."""
    delay, attempts = 0.5, 0
    while True:
        try:
            result = await call()
        except Exception as error:
            outage = outage_of(error)
            if outage is None:
                raise
            attempts += 1
            log.warning("%s: %s unavailable (attempt %d: %s); retrying in %.1f s", what, outage.dependency, attempts,
                        outage.detail, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, max_delay)
            continue
        if attempts:
            log.warning("%s: connected after %d failed attempt(s)", what, attempts)
        return result
