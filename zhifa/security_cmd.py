"""``zhifa security-log purge [--actor WHO]``: delete the security log's entries older than
ZHIFA_SECURITY_LOG_RETENTION_DAYS (at least 183: 网络安全法 art. 21), after recording the purge marker that
anchors the rest of the chain (``zhifa audit verify`` keeps verifying it). On PostgreSQL run it as the table's
owner: the application role may not delete.

Also here: how the other commands record their administrative changes and exports in the security log, before
carrying them out (a command whose entry cannot be stored fails and changes nothing).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
from typing import TYPE_CHECKING

from infra.settings import Settings

if TYPE_CHECKING:  # the real types, without importing the database layer to build the parser
    from sqlalchemy.ext.asyncio import AsyncEngine

    from domain.reference import ReferenceData
    from infra.securitylog import PurgeReport


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="security_command", required=True, metavar="ACTION")
    purge = actions.add_parser("purge", help="delete entries older than the retention period (chain kept)")
    purge.add_argument("--actor", default=None, help="who purges (default cli:<login name>)")


def cli_actor(given: str | None = None) -> str:
    return given or f"cli:{getpass.getuser()}"


def run(settings: Settings, args: argparse.Namespace) -> int:
    report = asyncio.run(_purge(settings, cli_actor(args.actor)))
    if report.through_seq is None:
        print(f"nothing older than {settings.security_log_retention_days} days; nothing purged")
    else:
        print(f"{report.purged} security log entr{'y' if report.purged == 1 else 'ies'} through seq "
              f"{report.through_seq} purged (older than {settings.security_log_retention_days} days); purge marker "
              f"at seq {report.marker_seq}")
    return 0


async def _purge(settings: Settings, actor: str) -> PurgeReport:
    from infra.db.engine import create_engine
    from infra.securitylog import SecurityLogStore

    engine = create_engine(settings.database_url)
    try:
        return await SecurityLogStore(engine).purge(retention_days=settings.security_log_retention_days, actor=actor)
    finally:
        await engine.dispose()


async def record_command(engine: AsyncEngine, reference: ReferenceData, *, kind: str, operation: str, reason: str,
                         actor: str, town: str | None = None) -> None:
    """Record a command's administrative change or export (`kind`: a SecurityKind name) before it is made."""
    from domain.security_log import SecurityKind, SecurityRecord
    from infra.securitylog import SecurityLogStore

    known = reference.towns.get(town) if town is not None else None
    await SecurityLogStore(engine).append(SecurityRecord(
        kind=SecurityKind(kind), operation=operation, reason=reason, actor=actor, town=town,
        district=known.district if known is not None else None))
