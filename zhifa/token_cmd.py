"""``zhifa token --officer ID``: mint an API bearer token for an officer of the reference data (development).

The token carries the officer's roles and town (a district user — supervisor, auditor, operator — gets the
district instead, and so sees the district's towns). Signed with the configured key: the development secret
(HS256), or ZHIFA_JWT_PRIVATE_KEY when a key pair is configured.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import timedelta

from infra.auth import AuthSettings, TokenError, officer_token
from infra.settings import Environment, Settings, SettingsError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--officer", required=True, metavar="ID", help="officer id from the reference data")
    parser.add_argument("--hours", type=float, default=8.0, help="lifetime in hours (default 8)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from zhifa.composition import configured_reference

    reference = asyncio.run(configured_reference(settings)).reference
    if reference.officer(args.officer) is None:
        print(f"zhifa token: no officer {args.officer!r} in the reference data", file=sys.stderr)
        return 2
    try:
        auth = AuthSettings.from_env(os.environ, production=settings.env is Environment.PRODUCTION)
        token = officer_token(auth, reference, args.officer, ttl=timedelta(hours=args.hours))
    except (SettingsError, TokenError) as error:
        print(f"zhifa token: {error}", file=sys.stderr)
        return 2
    print(token)
    return 0
