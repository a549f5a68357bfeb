"""``zhifa temporal setup``: prepare a Temporal server that zhifa did not start itself (compose, a cluster):
wait until it serves the namespace, then register the search attributes the workflows set (idempotent; the dev
server gets them as start flags instead). Run once before the workers and the API, and again after Temporal's
persistence was replaced (then `zhifa recover`)."""

from __future__ import annotations

import argparse
import asyncio

from infra.settings import Settings

READY_WITHIN = 300.0  # seconds: a server creating its schema on first start takes a while


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("temporal_command", choices=("setup",), help="setup: register zhifa's search attributes")
    parser.add_argument("--within", type=float, default=READY_WITHIN, help="seconds to wait for the server")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from infra.temporal import search_attributes
    from infra.temporal.connection import TemporalNotReady, wait_until_ready
    from zhifa.composition import payload_codec

    async def setup() -> list[str]:
        client = await wait_until_ready(settings.temporal_address, settings.temporal_namespace,
                                        codec=payload_codec(settings), within=args.within, interval=1.0)
        return await search_attributes.register(client, settings.temporal_namespace)

    try:
        added = asyncio.run(setup())
    except TemporalNotReady as error:
        print(f"zhifa temporal setup: {error}")
        return 1
    print(f"Temporal at {settings.temporal_address} ready; search attributes added: {', '.join(added) or 'none'}")
    return 0
