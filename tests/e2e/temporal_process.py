"""The Temporal dev server as a process that can be stopped and started again on the same port: on the same store
(an outage), or on an empty one (its persistence lost)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from temporalio.client import Client

from infra.temporal.connection import TemporalNotReady, wait_until_ready
from infra.temporal.devserver import DevServerConfig, start_dev_server, stop_dev_server
from tests.fixtures.temporal import CODEC
from tests.runtime.ports import free_port

START_ATTEMPTS = 3


class Temporal:
    def __init__(self, folder: Path) -> None:
        self.config = DevServerConfig(db_file=folder / "temporal.db", port=free_port(), ui_port=None)
        self._log = (folder / "temporal.log").open("ab")
        self._process: Any = None

    async def start(self) -> Client:
        """Start and wait until it serves the namespace; a client encrypting as the application's do. A server
        that exits at once (its port briefly held, e.g. as another connection's ephemeral port) is started again
        on the same port, a bounded number of times."""
        for attempt in range(1, START_ATTEMPTS + 1):
            self._process = start_dev_server(self.config, log=self._log)  # type: ignore[arg-type]
            try:
                return await wait_until_ready(self.config.address, self.config.namespace, codec=CODEC, within=60,
                                              abort=self._exited)
            except TemporalNotReady:
                if self._exited() is None or attempt == START_ATTEMPTS:
                    raise
                await asyncio.sleep(1.0)
        raise AssertionError("unreachable")

    def _exited(self) -> str | None:
        code = self._process.poll()
        return None if code is None else f"the server exited with {code}"

    def stop(self) -> None:
        stop_dev_server(self._process)

    def lose_persistence(self) -> None:
        """Delete the stopped server's store: every workflow, history, schedule and visibility record."""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.config.db_file}{suffix}").unlink(missing_ok=True)
