"""The API as its own OS process (`python -m zhifa api`), as compose runs it; the environment carries PYTHONPATH,
so the child imports the same tree as the test."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import httpx

from tests.e2e.worker_process import stop_process

READY_WITHIN = 60.0  # seconds for uvicorn to bind and both readiness checks to pass


class ApiProcess:
    def __init__(self, port: int, env: Mapping[str, str], data_dir: Path) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._env = {**os.environ, **env, "ZHIFA_API_HOST": "127.0.0.1", "ZHIFA_API_PORT": str(port),
                     "ZHIFA_DATA_DIR": str(data_dir)}
        data_dir.mkdir(parents=True, exist_ok=True)
        self._log = data_dir / "api.log"
        self._process: subprocess.Popen[bytes] | None = None

    def launch(self) -> None:
        with self._log.open("ab") as log:
            self._process = subprocess.Popen([sys.executable, "-m", "zhifa", "api"], env=self._env,
                                             stdout=log, stderr=subprocess.STDOUT)

    async def ready(self) -> None:
        """Wait (bounded) until /readyz answers 200: the database and Temporal both answer."""
        assert self._process is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + READY_WITHIN
        async with httpx.AsyncClient(base_url=self.url, timeout=5) as http:
            while loop.time() < deadline:
                assert self._process.poll() is None, self.log()
                try:
                    if (await http.get("/readyz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)
        raise AssertionError(f"zhifa api on {self.port} not ready within {READY_WITHIN:g}s:\n{self.log()}")

    def stop(self) -> None:
        stop_process(self._process)

    def log(self) -> str:
        return self._log.read_text(errors="replace") if self._log.exists() else ""
