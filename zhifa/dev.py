"""``zhifa dev``: the embedded development stack under one supervisor.

Temporal dev server (persistent ``<data dir>/temporal.db``) → search attributes → database migrations →
``zhifa worker`` and ``zhifa api`` as child processes. Ctrl-C / SIGTERM stops every child and exits 0; a child
dying on its own stops the others and exits 1.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
from collections.abc import Sequence
from typing import TextIO
from urllib.parse import urlsplit

import httpx

from infra.settings import Environment, Settings
from infra.temporal import search_attributes
from infra.temporal.connection import wait_until_ready
from infra.temporal.devserver import DevServerConfig, dev_server_argv
from zhifa.processes import Child, Supervisor, install_stop_signals, supervise

TEMPORAL_READY_TIMEOUT = 60.0
API_READY_TIMEOUT = 30.0


class DevStartupError(RuntimeError):
    """The stack could not be brought up (port taken, a child died while starting, migration failed…)."""


def zhifa_argv(*args: str) -> list[str]:
    """The command line of a ``zhifa`` subcommand run by the current interpreter."""
    return [sys.executable, "-m", "zhifa", *args]


def run_dev(
    settings: Settings,
    *,
    out: TextIO | None = None,
    stop_timeout: float = 15.0,
    worker_argv: Sequence[str] | None = None,
) -> int:
    """Run the stack until Ctrl-C/SIGTERM (0) or until a child dies or startup fails (1).

    ``worker_argv`` replaces the ``zhifa worker`` child's command line (tests use a stand-in).
    """
    stream = out if out is not None else sys.stdout
    if settings.env is Environment.PRODUCTION:
        print("zhifa dev runs the embedded development stack; unset ZHIFA_ENV=production", file=sys.stderr)
        return 2
    supervisor = Supervisor(stop_timeout=stop_timeout)
    try:
        return asyncio.run(_run(settings, supervisor, stream, worker_argv or zhifa_argv("worker")))
    except DevStartupError as error:
        print(f"zhifa dev: {error}", file=sys.stderr)
        return 1
    finally:
        supervisor.stop_all()


async def _run(settings: Settings, supervisor: Supervisor, out: TextIO, worker_argv: Sequence[str]) -> int:
    stop = asyncio.Event()
    uninstall = install_stop_signals(stop)
    try:
        startup = asyncio.create_task(_start(settings, supervisor, worker_argv))
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({startup, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if not startup.done():  # stopped while starting
            startup.cancel()
            await asyncio.gather(startup, return_exceptions=True)
            return 0
        stopped.cancel()
        startup.result()
        _print_banner(settings, out)
        return await supervise(supervisor, stop)
    finally:
        uninstall()


async def _start(settings: Settings, supervisor: Supervisor, worker_argv: Sequence[str]) -> None:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    _require_free_ports(
        [
            ("ZHIFA_TEMPORAL_ADDRESS", settings.temporal_host, settings.temporal_port),
            ("ZHIFA_TEMPORAL_UI_PORT", settings.temporal_host, settings.temporal_ui_port),
            ("ZHIFA_API_PORT", settings.api_host, settings.api_port),
        ]
    )
    from zhifa.composition import payload_codec

    codec = payload_codec(settings)  # before anything starts: invalid keys stop the stack at once
    temporal = supervisor.spawn("temporal", dev_server_argv(DevServerConfig.from_settings(settings)))
    try:
        client = await wait_until_ready(
            settings.temporal_address,
            settings.temporal_namespace,
            codec=codec,
            within=TEMPORAL_READY_TIMEOUT,
            abort=temporal.exit_reason,
        )
    except ConnectionError as error:
        raise DevStartupError(str(error)) from None
    try:
        added = await search_attributes.register(client, settings.temporal_namespace)
    except search_attributes.SearchAttributeConflict as error:
        raise DevStartupError(str(error)) from None
    if added:
        supervisor.say(f"registered search attributes {', '.join(added)}")

    from infra.db.migrate import upgrade

    await upgrade(settings.database_url)
    supervisor.say(f"database migrated: {settings.database_display}")

    child_env = {**os.environ, **settings.to_env()}
    platform = _local_platform()
    if platform is not None:  # the reference supervision platform stands in for Tianjin's on a laptop
        host, port = platform
        _require_free_ports([("ZHIFA_PLATFORM_URL", host, port)])
        supervisor.spawn("platform", zhifa_argv("platform", "serve", "--host", host, "--port", str(port)),
                         env=child_env)
    supervisor.spawn("worker", worker_argv, env=child_env)
    api = supervisor.spawn("api", zhifa_argv("api"), env=child_env)
    await _wait_for_http(f"{settings.api_url}/healthz", api, within=API_READY_TIMEOUT)


def _local_platform() -> tuple[str, int] | None:
    """Host and port of the supervision platform when it is meant to run here (its URL is on this machine)."""
    from zhifa.composition import PlatformSettings

    url = urlsplit(PlatformSettings.from_env(os.environ).url)
    if url.hostname not in ("127.0.0.1", "localhost"):
        return None
    return url.hostname, url.port or 80


def _require_free_ports(ports: Sequence[tuple[str, str, int]]) -> None:
    for variable, host, port in ports:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError as error:
                raise DevStartupError(
                    f"{host}:{port} is not available ({error.strerror}); is another zhifa dev or Temporal server "
                    f"running? Stop it or choose another port with {variable}"
                ) from None


async def _wait_for_http(url: str, child: Child, *, within: float) -> None:
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=2.0) as http:
        while True:
            reason = child.exit_reason()
            if reason is not None:
                raise DevStartupError(f"{child.name} {reason} while starting")
            try:
                if (await http.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise DevStartupError(f"{url} did not answer within {within:g}s")
            await asyncio.sleep(0.2)


def _print_banner(settings: Settings, out: TextIO) -> None:
    lines = [
        "",
        "zhifa is running (Ctrl-C stops everything)",
        f"  API          {settings.api_url}   health {settings.api_url}/healthz   ready {settings.api_url}/readyz",
        f"  Temporal UI  {settings.temporal_ui_url}   (payloads decoded by {settings.codec_endpoint})",
        f"  Temporal     {settings.temporal_address} (namespace {settings.temporal_namespace}, "
        f"task queue {settings.task_queue}, store {settings.temporal_db_file})",
        f"  Database     {settings.database_display}",
        *([f"  Platform     http://{platform[0]}:{platform[1]}   (reference supervision platform)"]
          if (platform := _local_platform()) else []),
        "",
    ]
    print("\n".join(lines), file=out, flush=True)
