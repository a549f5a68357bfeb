"""``zhifa statistics snapshot|restate --town TOWN --year YEAR --as-of DATE``: take the immutable as-reported
snapshot of a town's year (what the year-end schedule does on 1 December), or add a restated one after a
reconsideration or judgment changed decisions of that year — the as-reported snapshot is always kept."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from typing import TYPE_CHECKING

from infra.settings import Settings

if TYPE_CHECKING:  # the real types, without importing the database layer to build the parser
    from domain.reference import ReferenceData
    from infra.year_end import SnapshotTaken


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("statistics_command", choices=("snapshot", "restate"),
                        help="snapshot: the as-reported figures (once); restate: figures as decisions now stand")
    parser.add_argument("--town", required=True, metavar="TOWN", help="town code or name (zhangjiawo, 张家窝镇)")
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--as-of", required=True, type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the cut-off the snapshot is of (the report's date)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from zhifa.composition import configured_reference

    reference = asyncio.run(configured_reference(settings, day=args.as_of)).reference
    town = next((t for t in reference.towns.values() if args.town in (t.code, t.name)), None)
    if town is None:
        print(f"zhifa statistics: no town {args.town!r} in the reference data", file=sys.stderr)
        return 2
    if args.as_of.year != args.year:
        print(f"zhifa statistics: --as-of {args.as_of} is not in {args.year}", file=sys.stderr)
        return 2
    taken = asyncio.run(_take(settings, reference, town.code, args))
    state = "taken" if taken.created else "already there"
    print(f"{town.name} {args.year} as of {args.as_of}: {taken.kind} snapshot {taken.hash} ({state})")
    return 0


async def _take(settings: Settings, reference: ReferenceData, town: str, args: argparse.Namespace) -> SnapshotTaken:
    from infra.db.engine import create_engine
    from infra.year_end import YearEndService
    from zhifa.security_cmd import cli_actor, record_command

    engine = create_engine(settings.database_url)
    try:
        await record_command(engine, reference, kind="ADMIN_CHANGE", operation=f"zhifa statistics "
                             f"{args.statistics_command}", reason=f"{args.statistics_command} of {town} {args.year} "
                             f"as of {args.as_of.isoformat()}", actor=cli_actor(), town=town)
        service = YearEndService(engine, reference)
        if args.statistics_command == "snapshot":
            return await service.as_reported(town, args.year, args.as_of)
        return await service.restate(town, args.year, args.as_of)
    finally:
        await engine.dispose()
