"""``zhifa recover``: after Temporal's persistence was lost or replaced, start every open stream's workflow again
from the event log (`workflows.recovery`), and recreate the Schedules. Idempotent: streams whose workflow runs are
left alone. Run it once the new Temporal serves the namespace with zhifa's search attributes (`zhifa temporal
setup`); workers may already be running."""

from __future__ import annotations

import argparse
import asyncio

from infra.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-schedules", dest="schedules", action="store_false",
                        help="do not recreate the Schedules (the workers do when they start)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from infra.db.engine import create_engine
    from infra.eventstore.streams import EventLogStreams
    from infra.temporal.connection import connect_when_available
    from workflows.recovery import RecoveryReport, recover
    from workflows.stream_workflows import SPECS
    from zhifa.composition import configured_reference, context_source, payload_codec, stream_client
    from zhifa.worker import ensure_every_schedule

    async def run_recovery() -> RecoveryReport:
        engine = create_engine(settings.database_url)
        client = await connect_when_available(settings, codec=payload_codec(settings, engine=engine))
        try:
            contexts = context_source(settings, await configured_reference(settings))
            report = await recover(EventLogStreams(engine), stream_client(client, settings, contexts), SPECS)
        finally:
            await engine.dispose()
        if args.schedules:
            await ensure_every_schedule(client, settings)
        return report

    report = asyncio.run(run_recovery())
    print(report.describe())
    for stream_id in report.restarted:
        print(f"  restarted {stream_id}")
    return 0
