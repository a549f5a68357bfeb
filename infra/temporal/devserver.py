"""The Temporal dev server (``temporal server start-dev``) with a persistent SQLite store.

``dev_server_argv`` builds the command line (used by ``zhifa dev``, which supervises the process itself);
``running_dev_server`` starts one, waits for its frontend and stops it afterwards (used by tests and tools).
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO

from temporalio.client import Client
from temporalio.common import SearchAttributeKey
from temporalio.converter import PayloadCodec

from infra.settings import Settings
from infra.temporal import search_attributes
from infra.temporal.binaries import temporal_cli
from infra.temporal.connection import wait_until_ready

DEFAULT_PRAGMAS: Mapping[str, str] = MappingProxyType({"journal_mode": "wal"})


@dataclass(frozen=True, kw_only=True)
class DevServerConfig:
    db_file: Path
    ip: str = "127.0.0.1"
    port: int = 7233
    ui_port: int | None = 8233  # None runs headless (no Web UI)
    ui_codec_endpoint: str | None = None  # the codec server the Web UI asks to decode payloads
    namespace: str = "default"
    log_level: str = "error"
    search_attributes: tuple[SearchAttributeKey[Any], ...] = search_attributes.SEARCH_ATTRIBUTES
    sqlite_pragmas: Mapping[str, str] = field(default_factory=lambda: DEFAULT_PRAGMAS)

    @classmethod
    def from_settings(cls, settings: Settings) -> DevServerConfig:
        return cls(
            db_file=settings.temporal_db_file,
            ip=settings.temporal_host,
            port=settings.temporal_port,
            ui_port=settings.temporal_ui_port,
            ui_codec_endpoint=settings.codec_endpoint,
            namespace=settings.temporal_namespace,
            log_level=settings.temporal_log_level,
        )

    @property
    def address(self) -> str:
        return f"{self.ip}:{self.port}"

    @property
    def ui_url(self) -> str | None:
        return None if self.ui_port is None else f"http://{self.ip}:{self.ui_port}"


def dev_server_argv(config: DevServerConfig, *, binary: Path | None = None) -> list[str]:
    """``temporal server start-dev …`` for ``config``; the store is always the file ``config.db_file``."""
    db_file = str(config.db_file)
    if not db_file.strip() or db_file.strip() == ":memory:":
        raise ValueError(f"the Temporal dev server needs a persistent db file, got {db_file!r}")
    argv = [
        str(binary if binary is not None else temporal_cli()),
        "server",
        "start-dev",
        "--db-filename",
        db_file,
        "--ip",
        config.ip,
        "--port",
        str(config.port),
        "--log-level",
        config.log_level,
    ]
    argv += ["--headless"] if config.ui_port is None else ["--ui-port", str(config.ui_port)]
    if config.ui_port is not None and config.ui_codec_endpoint is not None:
        argv += ["--ui-codec-endpoint", config.ui_codec_endpoint]
    if config.namespace != "default":  # "default" always exists; naming it again is redundant
        argv += ["--namespace", config.namespace]
    for pragma, value in config.sqlite_pragmas.items():
        argv += ["--sqlite-pragma", f"{pragma}={value}"]
    argv += search_attributes.cli_flags(config.search_attributes)
    return argv


@dataclass(frozen=True)
class RunningDevServer:
    config: DevServerConfig
    process: subprocess.Popen[bytes]
    client: Client


@asynccontextmanager
async def running_dev_server(
    config: DevServerConfig,
    *,
    codec: PayloadCodec,
    binary: Path | None = None,
    log: TextIO | None = None,
    ready_timeout: float = 30.0,
    stop_timeout: float = 10.0,
) -> AsyncIterator[RunningDevServer]:
    """Start the dev server, wait until it serves ``config.namespace``, yield it with a client encrypting with
    ``codec``, then stop it (TERM, then KILL)."""
    process = start_dev_server(config, binary=binary, log=log)
    try:
        client = await wait_until_ready(
            config.address,
            config.namespace,
            codec=codec,
            within=ready_timeout,
            abort=lambda: None if process.poll() is None else f"the server exited with {process.returncode}",
        )
        yield RunningDevServer(config=config, process=process, client=client)
    finally:
        await asyncio.to_thread(stop_dev_server, process, stop_timeout)


def start_dev_server(
    config: DevServerConfig, *, binary: Path | None = None, log: TextIO | None = None
) -> subprocess.Popen[bytes]:
    """Start ``temporal server start-dev`` (not waiting for it); output goes to ``log`` or is inherited."""
    config.db_file.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        dev_server_argv(config, binary=binary),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT if log is not None else None,
    )


def stop_dev_server(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
