"""``python -m zhifa`` — the same as the ``zhifa`` console script (used to start child processes)."""

import sys

from zhifa.cli import main

if __name__ == "__main__":
    sys.exit(main())
