"""A time-skipping server of each test's own (the one of tests/platform): running a workflow on the session's
shared server moves its clock, which later tests that read "now" from it do not expect (tests/anchoring is
collected before tests/workflows)."""

from tests.platform.conftest import time_skipping_env

__all__ = ["time_skipping_env"]
