"""``python -m zhifa`` — the same as the ``zhifa`` console script (used to start child processes)."""

from zhifa.cli import entry

if __name__ == "__main__":
    entry()
