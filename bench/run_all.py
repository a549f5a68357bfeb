"""`make bench`: every benchmark (B1 lifecycle, B2 GraphQL, B3 statistics, B4 append) in one run, one table.

    PYTHONPATH=. .venv/bin/python -m bench.run_all [--smoke] [--repeats 5] [--only B4,B1] [each script's flags]
"""

from __future__ import annotations

import argparse
import importlib
import sys

from bench.common import Table, script

MODULES = {"B4": "bench.b4_append", "B1": "bench.b1_lifecycle", "B3": "bench.b3_statistics", "B2": "bench.b2_graphql"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", default="", help="comma-separated benches (default: all)")
    for name in MODULES.values():
        importlib.import_module(name).add_arguments(parser)


async def suite(table: Table, args: argparse.Namespace) -> None:
    chosen = [b.strip().upper() for b in args.only.split(",") if b.strip()] or list(MODULES)
    for bench in chosen:
        print(f"running {bench} …", file=sys.stderr, flush=True)
        await importlib.import_module(MODULES[bench]).suite(table, args)


if __name__ == "__main__":
    script("zhifa benchmarks (issue 9)", __doc__, add_arguments, suite)
