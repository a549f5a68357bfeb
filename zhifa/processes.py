"""A small process supervisor: start named children, notice when one dies, stop them all cleanly.

Children run in their own process group, so a Ctrl-C in the terminal reaches only the supervisor, which then
stops the children one by one in reverse start order (SIGTERM, wait ``stop_timeout``, then SIGKILL). On Linux
each child also gets SIGTERM if the supervisor itself is killed (PR_SET_PDEATHSIG), so nothing is orphaned.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class ChildSpec:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] | None = None


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]

    @property
    def pid(self) -> int:
        return self.process.pid

    def exit_reason(self) -> str | None:
        """None while running, else how it ended ("exited with 1", "killed by SIGKILL")."""
        code = self.process.poll()
        if code is None:
            return None
        return describe_exit(code)


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with {code}"


class Supervisor:
    def __init__(self, *, stop_timeout: float = 10.0, poll_interval: float = 0.1, log: TextIO | None = None) -> None:
        self.stop_timeout = stop_timeout
        self.poll_interval = poll_interval
        self._log = log
        self._children: list[Child] = []

    @property
    def children(self) -> tuple[Child, ...]:
        return tuple(self._children)

    def spawn(self, name: str, argv: Sequence[str], *, env: Mapping[str, str] | None = None) -> Child:
        process = subprocess.Popen(
            list(argv),
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            process_group=0,
            preexec_fn=_die_with_parent(),
        )
        child = Child(name, process)
        self._children.append(child)
        self.say(f"started {name} (pid {process.pid})")
        return child

    def dead_child(self) -> Child | None:
        """The first child that has exited, if any."""
        return next((child for child in self._children if child.exit_reason() is not None), None)

    async def wait(self, stop: asyncio.Event) -> Child | None:
        """Block until ``stop`` is set (returns None) or a child exits (returns that child)."""
        while not stop.is_set():
            dead = self.dead_child()
            if dead is not None:
                return dead
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.poll_interval)
        return None

    def stop_all(self) -> dict[str, int]:
        """Stop every child, newest first; return each child's exit code (negative: killed by that signal)."""
        codes: dict[str, int] = {}
        for child in reversed(self._children):
            codes[child.name] = self._stop(child)
        return codes

    def _stop(self, child: Child) -> int:
        process = child.process
        if process.poll() is None:
            self.say(f"stopping {child.name} (pid {child.pid})")
            _signal(process, signal.SIGTERM)
            try:
                process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.say(f"{child.name} did not stop within {self.stop_timeout:g}s; killing it")
                _signal(process, signal.SIGKILL)
                process.wait()
        return process.returncode

    def say(self, message: str) -> None:
        print(f"[zhifa] {message}", file=self._log if self._log is not None else sys.stderr, flush=True)


def install_stop_signals(stop: asyncio.Event) -> Callable[[], None]:
    """Make SIGINT/SIGTERM/SIGHUP set ``stop`` on the running loop; returns a function that undoes it."""
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)

    def uninstall() -> None:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)

    return uninstall


async def supervise(supervisor: Supervisor, stop: asyncio.Event) -> int:
    """Wait for ``stop`` (exit code 0) or for a child to die unexpectedly (exit code 1); does not stop children."""
    dead = await supervisor.wait(stop)
    if dead is None:
        return 0
    supervisor.say(f"{dead.name} {dead.exit_reason()} unexpectedly; stopping the others")
    return 1


def run_supervised(specs: Sequence[ChildSpec], *, stop_timeout: float = 10.0, log: TextIO | None = None) -> int:
    """Start ``specs`` in order and supervise them until a stop signal (0) or until one dies (1); stop them all."""
    supervisor = Supervisor(stop_timeout=stop_timeout, log=log)

    async def run() -> int:
        stop = asyncio.Event()
        uninstall = install_stop_signals(stop)
        try:
            for spec in specs:
                supervisor.spawn(spec.name, spec.argv, env=spec.env)
            return await supervise(supervisor, stop)
        finally:
            uninstall()

    try:
        return asyncio.run(run())
    finally:
        supervisor.stop_all()


def _signal(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(sig)


def _die_with_parent() -> Callable[[], None] | None:
    """A pre-exec hook asking Linux to SIGTERM the child when its parent dies (None elsewhere)."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # libc's symbols are visible through the main program
    parent = os.getpid()

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM))
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return hook
