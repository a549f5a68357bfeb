"""The codebase's own rules, checked by the test command: ruff, mypy strict on domain/, import contracts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_finds_nothing() -> None:
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_is_mypy_strict_clean() -> None:
    result = run(str(BIN / "mypy"), "domain")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_keep_their_import_contracts() -> None:
    result = run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout, result.stdout


@pytest.mark.parametrize("name", ["utils.py", "helpers.py"])
def test_no_grab_bag_modules(name: str) -> None:
    found = [p for p in ROOT.glob(f"**/{name}") if ".venv" not in p.parts]
    assert not found, found
