"""`zhifa audit follow-ups [--repair]`: every stream that another stream's facts call for (a served decision's
disclosure, an inspection lead's case) and that the event log lacks; `--repair` opens each through the same
router the workflows use (idempotent). Exit 1 while anything is missing and unrepaired."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from infra.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from workflows.follow_up_audit import FollowUpAuditActivities, FollowUpAuditReport, StreamLog


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repair", action="store_true", help="open every missing stream (needs Temporal)")
    parser.add_argument("--since", metavar="DATE", type=datetime.fromisoformat,
                        help="only streams written since this date (default: the whole log)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    since = args.since.replace(tzinfo=args.since.tzinfo or UTC) if args.since else None
    report = asyncio.run(_audit(settings, since, repair=args.repair))
    for line in report.missing:
        print(f"missing: {line}")
    for stream_id in report.opened:
        print(f"opened:  {stream_id}")
    for line in report.refused:
        print(f"REFUSED: {line}")
    if not report.missing:
        print("follow-ups complete: every stream called for is in the log")
    unrepaired = len(report.missing) - len(report.opened)
    return 1 if unrepaired else 0


async def _audit(settings: Settings, since: datetime | None, *, repair: bool) -> FollowUpAuditReport:
    from infra.db.engine import create_engine
    from infra.eventstore.streams import EventLogStreams
    from workflows.follow_up_audit import FollowUpAuditReport, missing_follow_ups
    from workflows.stream_workflows import SPECS

    engine = create_engine(settings.database_url)
    try:
        log = EventLogStreams(engine)
        if repair:
            return await (await _repairer(settings, log, engine)).repair(since)
        found = await missing_follow_ups(log, SPECS, now=datetime.now(UTC), touched_since=since)
        return FollowUpAuditReport(missing=[m.describe() for m in found])
    finally:
        await engine.dispose()


async def _repairer(settings: Settings, log: StreamLog, engine: AsyncEngine) -> FollowUpAuditActivities:
    from infra.temporal.connection import connect
    from workflows.disclosure_follow_ups import FollowUpRouter
    from workflows.follow_up_audit import FollowUpAuditActivities
    from workflows.stream_workflows import SPECS
    from zhifa.composition import configured_reference, context_source, payload_codec, stream_client

    client = await connect(settings, codec=payload_codec(settings, engine=engine))
    streams = stream_client(client, settings, context_source(settings, await configured_reference(settings)))
    return FollowUpAuditActivities(log, FollowUpRouter(streams, SPECS), SPECS, clock=lambda: datetime.now(UTC))
