"""A server process freezes what start-up built and raises the collector's thresholds (zhifa.collector)."""

from __future__ import annotations

import subprocess
import sys

from zhifa.collector import THRESHOLDS

PROBE = """
import gc
from zhifa.collector import settle_after_start
settle_after_start()
print(gc.get_freeze_count() > 0, gc.get_threshold())
"""


def test_after_start_the_start_up_objects_are_frozen_and_the_thresholds_raised() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split(maxsplit=1) == ["True", f"{THRESHOLDS}\n"]
