"""``zhifa platform serve``: the reference supervision platform (天津市行政执法监督平台's contract as this project
defines it), on its own port with its own SQLite file, with fault injection for drills and tests.

    zhifa platform serve [--host 127.0.0.1] [--port 8300] [--db PATH] [--no-dedup]
                         [--error-rate R] [--hang-rate R] [--commit-then-504-rate R] [--hang-seconds S]
                         [--outage-after S --outage-seconds S] [--seed N] [--late-after-days N]

The worker reaches it at ``ZHIFA_PLATFORM_URL`` (default http://127.0.0.1:8300); a platform started with
``--no-dedup`` needs ``ZHIFA_PLATFORM_DEDUPLICATES=false`` on the worker, so the client queries before sending.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from infra.settings import Settings

DEFAULT_PORT = 8300


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("platform_command", choices=("serve",), help="serve: run the reference platform")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--db", type=Path, help="SQLite file (default <ZHIFA_DATA_DIR>/platform.db)")
    parser.add_argument("--no-dedup", dest="deduplicate", action="store_false",
                        help="ignore Idempotency-Key: every POST stores a new record (fault mode)")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of requests answered 500")
    parser.add_argument("--hang-rate", type=float, default=0.0, help="share of requests that hang, then fail")
    parser.add_argument("--commit-then-504-rate", type=float, default=0.0,
                        help="share of requests stored, then answered 504")
    parser.add_argument("--hang-seconds", type=float, default=30.0, help="how long a hang lasts")
    parser.add_argument("--outage-after", type=float, help="start an outage this many seconds after start")
    parser.add_argument("--outage-seconds", type=float, default=60.0, help="length of that outage")
    parser.add_argument("--seed", type=int, help="seed of the fault draws (reproducible drills)")
    parser.add_argument("--late-after-days", type=int, default=9,
                        help="raise LATE_DISCLOSURE for a disclosure accepted later than this after service")


def run(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from infra.supervision import FaultConfig, Faults, PlatformStorage, platform_app

    db = args.db or settings.data_dir / "platform.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        config = FaultConfig(error_rate=args.error_rate, hang_rate=args.hang_rate,
                             commit_then_504_rate=args.commit_then_504_rate, hang_seconds=args.hang_seconds,
                             deduplicate=args.deduplicate, outage_after_seconds=args.outage_after,
                             outage_seconds=args.outage_seconds, seed=args.seed)
    except ValueError as error:
        print(f"zhifa platform: {error}")
        return 2
    storage = PlatformStorage(db)
    app = platform_app(storage, Faults(config), late_after_days=args.late_after_days)
    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, lifespan="off", log_level="info"))
    try:
        asyncio.run(server.serve())
    finally:
        storage.close()
    return 0 if server.started else 1
