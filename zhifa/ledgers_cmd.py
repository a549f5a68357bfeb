"""``zhifa ledgers template KIND --output FILE.xlsx`` writes the spreadsheet template of a ledger (one sheet per
entry type, one column per field, Chinese headers, an example row, drop-downs); ``zhifa ledgers import KIND
FILE.xlsx --actor OFFICER_ID [--dry-run] [--progress]`` records a filled-in workbook's rows as ledger entries in the
configured database (``--dry-run``: checks them and records nothing; the progress bar goes to stderr when it is a
TTY, or with ``--progress``).

A rejected row (a bad cell, or an entry the ledger's rules refuse) is printed with where it is and the command exits
1; nothing of the workbook is recorded then. Reading is ``infra.ledgers.xlsx``; recording is
``infra.ledgers.record_entries``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from infra.settings import Settings

KINDS = ("ROSTER", "EQUIPMENT", "TRAINING", "HOTLINE", "CAMPAIGN", "EVALUATION", "PLATFORM", "PUBLICITY",
         "OTHER_ACTS")  # domain.ledgers.kinds.LedgerKind (kept literal: the parser is built without importing it)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="ledgers_command", required=True, metavar="ACTION")
    template = actions.add_parser("template", help="write a ledger's spreadsheet template (.xlsx)")
    template.add_argument("kind", choices=KINDS, metavar="KIND", help=f"the ledger: {', '.join(KINDS)}")
    template.add_argument("--output", required=True, metavar="FILE.xlsx", help="the workbook to write")
    imported = actions.add_parser("import", help="record a filled-in ledger workbook's rows")
    imported.add_argument("kind", choices=KINDS, metavar="KIND", help=f"the ledger: {', '.join(KINDS)}")
    imported.add_argument("file", type=Path, metavar="FILE.xlsx", help="the filled-in workbook")
    imported.add_argument("--actor", required=True, metavar="OFFICER_ID", help="who records the entries")
    imported.add_argument("--dry-run", action="store_true",
                          help="check every row against the ledgers as stored; record nothing")
    imported.add_argument("--progress", action="store_true", help="draw the progress bar also when stderr is no TTY")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from domain.ledgers.kinds import LedgerKind

    kind = LedgerKind(args.kind)
    if args.ledgers_command == "template":
        return _template(kind, Path(args.output))
    return _import(settings, kind, args.file, args.actor, dry_run=args.dry_run,
                   progress=args.progress or sys.stderr.isatty())


def _template(kind: Any, output: Path) -> int:
    from infra.ledgers.xlsx import template

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(template(kind))
    print(f"template of the {kind.value} ledger written: {output}")
    return 0


def _import(settings: Settings, kind: Any, file: Path, actor: str, *, dry_run: bool = False,
            progress: bool = False) -> int:
    from infra.ledgers import LedgerEntryRejected
    from infra.ledgers.xlsx import XlsxRowRejected, import_rows
    from zhifa.import_cmd import _Bar

    if not file.is_file():
        print(f"zhifa ledgers import: no such file {file}", file=sys.stderr)
        return 2
    try:
        commands = import_rows(kind, file.read_bytes(), actor=actor)
    except XlsxRowRejected as rejected:
        print(f"zhifa ledgers import: rejected, nothing recorded: {rejected}", file=sys.stderr)
        return 1
    if not commands:
        print(f"zhifa ledgers import: {file} has no filled-in rows; nothing recorded")
        return 0
    bar = _Bar(sys.stderr) if progress else None
    try:
        report = asyncio.run(_record(settings, commands, f"{len(commands)} {kind.value} ledger entries from {file}",
                                     actor, dry_run=dry_run, bar=bar))
    except LedgerEntryRejected as rejected:
        if bar is not None:
            bar.close()
        command = rejected.command
        error = rejected.error
        print(f"zhifa ledgers import: rejected, nothing recorded: sheet {type(command).__name__!r}, entry "
              f"{command.entry_id!r} (row {rejected.position} of the workbook's entries), field {error.field!r}: "
              f"{error.message} [{error.rule}]", file=sys.stderr)
        return 1
    if bar is not None:
        bar.close()
    if dry_run:
        print(f"dry run: {len(commands)} {kind.value} ledger entries in {file} valid, {report.events} event(s) "
              "would be recorded; nothing recorded")
        return 0
    print(f"{len(commands)} {kind.value} ledger entries read from {file}: {report.events} event(s) recorded")
    return 0


async def _record(settings: Settings, commands: list[Any], what: str, actor: str, *, dry_run: bool = False,
                  bar: Any = None) -> Any:
    from domain.task_routing import next_steps_for
    from infra.calendar import load_work_calendar
    from infra.db.engine import create_engine
    from infra.eventstore import EventStore
    from infra.ledgers import record_entries
    from infra.projections import Projector
    from zhifa.composition import configured_reference

    reference = (await configured_reference(settings)).reference
    from zhifa.security_cmd import record_command

    engine = create_engine(settings.database_url)
    try:
        units = sorted({command.unit for command in commands})
        town = next((t.code for t in reference.towns.values() for u in t.units if u.code == units[0]), None)
        if not dry_run:  # a dry run changes nothing: no administrative change to record
            await record_command(engine, reference, kind="ADMIN_CHANGE", operation="zhifa ledgers import",
                                 reason=what, actor=actor, town=town)
        store = EventStore(engine, Projector(next_steps_for))
        return await record_entries(store, commands, reference=reference,
                                    calendar=load_work_calendar(settings.calendar_overrides), dry_run=dry_run,
                                    progress=bar.draw if bar is not None else None)
    finally:
        await engine.dispose()
