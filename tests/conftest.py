"""Root fixtures. Fixture modules live in tests/fixtures and are plugged in here."""

import os

import pytest

pytest_plugins = ["tests.fixtures.databases", "tests.fixtures.temporal"]


def pytest_configure(config: pytest.Config) -> None:
    """Temporal's deadlock detector fails a workflow task that has not yielded within 2 s of wall-clock time: on a
    loaded 2-core CI machine a long garbage collection or GIL contention between worker threads trips it, which
    made a test fail by timing. The tests' workers run without it (TEMPORAL_DEBUG, temporalio's own switch);
    production workers keep it, and every test still has its own timeout."""
    os.environ.setdefault("TEMPORAL_DEBUG", "1")
