"""The append benchmark the README names: now part of B4 (`bench.b4_append`), which this runs with the same flags.

    PYTHONPATH=. .venv/bin/python -m bench.append_events [--streams 100] [--smoke]
"""

from bench.b4_append import add_arguments, suite
from bench.common import script

if __name__ == "__main__":
    script("B4 append", __doc__, add_arguments, suite)
