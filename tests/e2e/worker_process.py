"""The worker as its own OS process (`python -m zhifa worker`), so a test can kill it with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


class WorkerProcess:
    def __init__(self, *, temporal_address: str, database_url: str, task_queue: str, data_dir: Path) -> None:
        self._env = {
            **os.environ, "ZHIFA_TEMPORAL_ADDRESS": temporal_address, "ZHIFA_DATABASE_URL": database_url,
            "ZHIFA_TASK_QUEUE": task_queue, "ZHIFA_DATA_DIR": str(data_dir),
        }
        self._log = data_dir / "worker.log"
        self._process: subprocess.Popen[bytes] | None = None
        self.kills = 0

    def start(self) -> None:
        with self._log.open("ab") as log:
            self._process = subprocess.Popen([sys.executable, "-m", "zhifa", "worker"], env=self._env,
                                             stdout=log, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no cleanup; whatever the worker was doing is cut off."""
        assert self._process is not None
        os.kill(self._process.pid, signal.SIGKILL)
        self._process.wait(timeout=10)
        self.kills += 1

    def stop(self) -> None:
        stop_process(self._process)

    def log(self) -> str:
        return self._log.read_text(errors="replace") if self._log.exists() else ""


def stop_process(process: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM, then SIGKILL after 10 s; nothing to do for a process never started or already gone."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
