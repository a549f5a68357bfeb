"""Reproducible installs: every dependency pyproject.toml declares is pinned in constraints.txt to a version its
range admits, and every install path (make, the image) takes the pins."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.deploy.compose import ROOT


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, separator, version = line.partition("==")
            assert separator and version, f"not an exact pin: {line!r}"
            pins[canonicalize_name(name)] = version
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [*project["dependencies"], *(d for group in project["optional-dependencies"].values() for d in group)]
    return [Requirement(line) for line in lines]


def test_every_declared_dependency_is_pinned_within_its_declared_range() -> None:
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt (run `make lock`)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (requirement, pins[name])


def test_the_project_itself_is_not_pinned() -> None:
    assert "zhifa" not in _pins()


def test_make_installs_from_the_pins_and_reinstalls_when_they_change() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stamp_rule = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.MULTILINE)
    assert stamp_rule is not None and "constraints.txt" in stamp_rule.group(1).split()
    installs = [line for line in makefile.splitlines() if re.search(r"pip install .*\s-e\s", line)]
    assert installs and all("-c constraints.txt" in line for line in installs)
    assert re.search(r"^lock:", makefile, re.MULTILINE)
