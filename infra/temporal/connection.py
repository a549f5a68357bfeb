"""Connecting to Temporal: the application's client, and waiting for a server that is still starting.

Every client of the application is opened by ``open_client``, so every one encrypts its payloads with the
codec it is given (``infra.temporal.codec``); a client without it would write party data in clear.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
from temporalio.client import Client, Interceptor
from temporalio.converter import PayloadCodec
from temporalio.runtime import Runtime

from infra.availability import when_available
from infra.settings import Settings
from infra.temporal.codec import data_converter


class TemporalNotReady(ConnectionError):
    """The Temporal frontend did not answer (or its namespace did not exist) before the deadline."""


async def open_client(
    address: str, namespace: str, *, codec: PayloadCodec, connect_timeout: timedelta | None = None,
    interceptors: Sequence[Interceptor] = (), runtime: Runtime | None = None,
) -> Client:
    """A client whose data converter applies ``codec`` to every payload. ``interceptors``: tracing
    (``infra.observability``; a worker on the client inherits them); ``runtime``: one exporting the SDK's metrics."""
    return await Client.connect(address, namespace=namespace, data_converter=data_converter(codec),
                                connect_timeout=connect_timeout, interceptors=interceptors, runtime=runtime)


async def connect(settings: Settings, *, codec: PayloadCodec, interceptors: Sequence[Interceptor] = (),
                  runtime: Runtime | None = None) -> Client:
    """A client for the configured address and namespace (fails at once when the server does not answer)."""
    return await open_client(settings.temporal_address, settings.temporal_namespace, codec=codec,
                             interceptors=interceptors, runtime=runtime)


async def connect_when_available(settings: Settings, *, codec: PayloadCodec, interceptors: Sequence[Interceptor] = (),
                                 runtime: Runtime | None = None) -> Client:
    """Connect, waiting (bounded back-off, each failure logged) as long as Temporal is down."""
    return await when_available(lambda: connect(settings, codec=codec, interceptors=interceptors, runtime=runtime),
                                what=f"Temporal at {settings.temporal_address}")


async def check_serving(client: Client, namespace: str) -> None:
    """Raise unless the frontend answers its health check and knows ``namespace``."""
    if not await client.service_client.check_health(timeout=timedelta(seconds=5)):
        raise TemporalNotReady(f"Temporal at {client.service_client.config.target_host} reports NOT_SERVING")
    await client.workflow_service.describe_namespace(
        DescribeNamespaceRequest(namespace=namespace), timeout=timedelta(seconds=5)
    )


async def wait_until_ready(
    address: str,
    namespace: str,
    *,
    codec: PayloadCodec,
    within: float = 30.0,
    interval: float = 0.1,
    abort: Callable[[], str | None] | None = None,
) -> Client:
    """Retry connecting until the frontend serves ``namespace``; return the connected client.

    ``abort`` is polled between attempts; a non-None result (e.g. "the server process exited with 1") stops
    the wait at once with TemporalNotReady carrying that reason.
    """
    deadline = time.monotonic() + within
    last_error: BaseException | None = None
    while True:
        reason = abort() if abort is not None else None
        if reason is not None:
            raise TemporalNotReady(f"Temporal at {address} will not become ready: {reason}")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TemporalNotReady(f"Temporal at {address} not ready after {within:g}s: {last_error}")
        try:
            client = await open_client(
                address, namespace, codec=codec, connect_timeout=timedelta(seconds=max(0.5, min(remaining, 5.0)))
            )
            await check_serving(client, namespace)
        except Exception as error:
            last_error = error
            await asyncio.sleep(interval)
        else:
            return client
