"""``zhifa dev`` end to end: real Temporal dev server, migrations, the API child; a stand-in for the worker."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.runtime.ports import free_port

pytestmark = pytest.mark.temporal

ROOT = Path(__file__).resolve().parents[2]

STAND_IN_WORKER = "import time; time.sleep(120)"

DEV = f"""
import os, sys
from infra.settings import Settings
from zhifa.dev import run_dev
sys.exit(run_dev(Settings.from_env(os.environ), worker_argv=[sys.executable, "-c", {STAND_IN_WORKER!r}]))
"""


def test_dev_brings_the_stack_up_and_stops_every_child_on_sigterm(tmp_path: Path) -> None:
    api_port, platform_port = free_port(), free_port()
    env = {
        **os.environ,
        "ZHIFA_DATA_DIR": str(tmp_path / "var"),
        "ZHIFA_TEMPORAL_ADDRESS": f"127.0.0.1:{free_port()}",
        "ZHIFA_TEMPORAL_UI_PORT": str(free_port()),
        "ZHIFA_API_PORT": str(api_port),
        "ZHIFA_PLATFORM_URL": f"http://127.0.0.1:{platform_port}",
    }
    out, err = tmp_path / "dev.out", tmp_path / "dev.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        dev = subprocess.Popen([sys.executable, "-c", DEV], cwd=ROOT, env=env, stdout=stdout, stderr=stderr)
        try:
            deadline = time.monotonic() + 60
            while "zhifa is running" not in out.read_text():
                assert dev.poll() is None, err.read_text()
                assert time.monotonic() < deadline, err.read_text()
                time.sleep(0.1)

            ready = httpx.get(f"http://127.0.0.1:{api_port}/readyz", timeout=10)
            assert ready.status_code == 200, ready.text
            assert ready.json()["checks"] == {"database": {"ok": True}, "temporal": {"ok": True},
                                              "securityLog": {"ok": True}}
            assert (tmp_path / "var" / "temporal.db").is_file()
            assert (tmp_path / "var" / "zhifa.db").is_file()
            assert f"http://127.0.0.1:{api_port}/healthz" in out.read_text()
            assert httpx.get(f"http://127.0.0.1:{platform_port}/warnings", timeout=10).status_code < 500

            dev.send_signal(signal.SIGTERM)
            assert dev.wait(timeout=60) == 0, err.read_text()
        finally:
            if dev.poll() is None:
                dev.kill()
                dev.wait()

    started = dict(re.findall(r"started (\w+) \(pid (\d+)\)", err.read_text()))
    assert set(started) == {"temporal", "platform", "worker", "api"}
    stopped = re.findall(r"stopping (\w+) \(pid", err.read_text())
    assert stopped == ["api", "worker", "platform", "temporal"]
    for pid in started.values():
        with pytest.raises(ProcessLookupError):
            os.kill(int(pid), 0)
