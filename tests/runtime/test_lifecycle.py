"""``zhifa worker`` runs its coroutine so that SIGTERM/SIGINT cancel it and its cleanup runs."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SERVICE = """
import asyncio, pathlib, sys
from zhifa.lifecycle import run_until_signalled
marker = pathlib.Path(sys.argv[1])

async def serve() -> None:
    marker.write_text("running")
    try:
        await asyncio.Event().wait()
    finally:
        marker.write_text("shut down gracefully")

sys.exit(run_until_signalled(serve))
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_cancels_the_service_which_shuts_down_gracefully_and_exits_0(
    tmp_path: Path, sig: signal.Signals
) -> None:
    marker = tmp_path / "state"
    service = subprocess.Popen([sys.executable, "-c", SERVICE, str(marker)], cwd=ROOT)
    deadline = time.monotonic() + 10
    while not marker.exists() or marker.read_text() != "running":
        assert time.monotonic() < deadline and service.poll() is None
        time.sleep(0.02)
    service.send_signal(sig)
    assert service.wait(timeout=10) == 0
    assert marker.read_text() == "shut down gracefully"


def test_a_service_that_fails_propagates_its_error() -> None:
    from zhifa.lifecycle import run_until_signalled

    async def broken() -> None:
        raise RuntimeError("cannot reach Temporal at 127.0.0.1:7233")

    with pytest.raises(RuntimeError, match="cannot reach Temporal"):
        run_until_signalled(broken)
