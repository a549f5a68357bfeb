"""The process supervisor behind ``zhifa dev``, exercised with tiny Python children."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zhifa.processes import Supervisor, supervise

ROOT = Path(__file__).resolve().parents[2]

# Records which signal reached it, then exits; announces itself by writing its pid to <log>.<name>.
RECORDING_CHILD = """
import os, pathlib, signal, sys, time
name, log = sys.argv[1], sys.argv[2]
def stop(sig, frame):
    with open(log, "a") as out:
        out.write(f"{name}:{signal.Signals(sig).name}\\n")
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
pathlib.Path(f"{log}.{name}").write_text(str(os.getpid()))
time.sleep(60)
"""

SUPERVISOR = """
import sys
from zhifa.processes import ChildSpec, run_supervised
child, log = sys.argv[1], sys.argv[2]
specs = [ChildSpec(name, [sys.executable, "-c", child, name, log]) for name in ("first", "second")]
sys.exit(run_supervised(specs, stop_timeout=5))
"""


def wait_for(path: Path, within: float = 10.0) -> str:
    deadline = time.monotonic() + within
    while not (path.exists() and path.read_text()):
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)
    return path.read_text()


def is_running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie lingers until whatever adopted it reaps it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[-1].split()[0] == "Z")


def start_supervisor(log: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    supervisor = subprocess.Popen(
        [sys.executable, "-c", SUPERVISOR, RECORDING_CHILD, str(log)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        process_group=0,  # like a terminal's foreground job: a Ctrl-C goes to this whole group
    )
    pids = [int(wait_for(Path(f"{log}.{name}"))) for name in ("first", "second")]
    return supervisor, pids


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_terminates_every_child_newest_first_and_exits_0(tmp_path: Path, sig: signal.Signals) -> None:
    log = tmp_path / "signals.log"
    supervisor, pids = start_supervisor(log)
    supervisor.send_signal(sig)
    _, stderr = supervisor.communicate(timeout=20)
    assert supervisor.returncode == 0, stderr.decode()
    assert log.read_text().splitlines() == ["second:SIGTERM", "first:SIGTERM"]
    assert not any(is_running(pid) for pid in pids)
    assert "stopping second" in stderr.decode()


def test_ctrl_c_in_the_terminal_reaches_only_the_supervisor_which_then_terminates_the_children(tmp_path: Path) -> None:
    log = tmp_path / "signals.log"
    supervisor, pids = start_supervisor(log)
    os.killpg(supervisor.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
    supervisor.communicate(timeout=20)
    assert supervisor.returncode == 0
    assert log.read_text().splitlines() == ["second:SIGTERM", "first:SIGTERM"]
    assert not any(is_running(pid) for pid in pids)


def test_a_child_that_ignores_sigterm_is_killed_after_the_stop_timeout(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    stubborn = f"import signal, time, pathlib; signal.signal(signal.SIGTERM, signal.SIG_IGN); " \
               f"pathlib.Path({str(ready)!r}).write_text('1'); time.sleep(60)"
    out = io.StringIO()
    supervisor = Supervisor(stop_timeout=0.3, log=out)
    child = supervisor.spawn("stubborn", [sys.executable, "-c", stubborn])
    wait_for(ready)
    started = time.monotonic()
    assert supervisor.stop_all() == {"stubborn": -signal.SIGKILL}
    assert time.monotonic() - started >= 0.3
    assert "stubborn did not stop within 0.3s; killing it" in out.getvalue()
    assert child.exit_reason() == "killed by SIGKILL"


async def test_a_child_dying_on_its_own_ends_supervision_with_a_failure_and_the_others_are_stopped() -> None:
    out = io.StringIO()
    supervisor = Supervisor(stop_timeout=5, poll_interval=0.02, log=out)
    steady = supervisor.spawn("steady", [sys.executable, "-c", "import time; time.sleep(60)"])
    supervisor.spawn("crasher", [sys.executable, "-c", "import sys; sys.exit(3)"])
    assert await asyncio.wait_for(supervise(supervisor, asyncio.Event()), 10) == 1
    assert "crasher exited with 3 unexpectedly; stopping the others" in out.getvalue()
    assert supervisor.stop_all() == {"crasher": 3, "steady": -signal.SIGTERM}
    assert not is_running(steady.pid)


async def test_supervision_ends_cleanly_when_asked_to_stop() -> None:
    supervisor = Supervisor(stop_timeout=5, poll_interval=0.02, log=io.StringIO())
    supervisor.spawn("steady", [sys.executable, "-c", "import time; time.sleep(60)"])
    stop = asyncio.Event()
    asyncio.get_running_loop().call_later(0.1, stop.set)
    assert await asyncio.wait_for(supervise(supervisor, stop), 10) == 0
    assert supervisor.stop_all() == {"steady": -signal.SIGTERM}


def test_children_are_terminated_even_when_the_supervisor_is_killed(tmp_path: Path) -> None:
    log = tmp_path / "signals.log"
    supervisor, pids = start_supervisor(log)
    supervisor.kill()
    supervisor.communicate(timeout=20)
    deadline = time.monotonic() + 10
    while any(is_running(pid) for pid in pids):
        assert time.monotonic() < deadline, "children outlived their supervisor"
        time.sleep(0.02)
    assert sorted(log.read_text().splitlines()) == ["first:SIGTERM", "second:SIGTERM"]
