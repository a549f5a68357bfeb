"""``zhifa admin …``: the reference register (districts, towns, units, officers, catalogs, benchmarks, soft lists,
rule profiles) kept as effective-dated, hash-chained change events.

  template --output F.xlsx [--example]   the onboarding workbook (blank, or the 静海区/大邱庄镇 example)
  import F.xlsx --effective-from D       put the workbook's records from day D, all or nothing (--dry-run checks
                                         only; --district X holds every record to district X's administrator)
  import-files [DIR] --effective-from D  a directory of reference data files (default: the shipped demo set)
  retire REGISTER ID --effective-from D  the record ends that day (a unit dissolved, a town merged)
  show [--as-of D]                       what is in force: districts, towns, their catalog and officers
  history                                every change: when, who, what, from which day, from which source

A refused record is named by sheet, row, column and cell (a workbook) or file, record and field; nothing changes.
Running processes take a change within ZHIFA_REFERENCE_REFRESH_SECONDS (30 s)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from infra.settings import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="admin_command", required=True, metavar="ACTION")
    template = actions.add_parser("template", help="write the onboarding workbook (.xlsx)")
    template.add_argument("--output", required=True, type=Path, metavar="FILE.xlsx")
    template.add_argument("--example", action="store_true", help="the example: 静海区 and 大邱庄镇, filled in")
    workbook = actions.add_parser("import", help="put a workbook's records in the register")
    workbook.add_argument("file", type=Path, metavar="FILE.xlsx")
    files = actions.add_parser("import-files", help="put a directory of reference data files in the register")
    files.add_argument("directory", type=Path, nargs="?", metavar="DIR", help="default: the shipped demo set")
    retire = actions.add_parser("retire", help="end a record from a day")
    retire.add_argument("register", metavar="REGISTER", help="districts, towns, officers, catalogs, benchmarks, "
                                                             "soft_lists, profiles or violation_types")
    retire.add_argument("record", metavar="ID")
    for action in (workbook, files, retire):
        action.add_argument("--effective-from", required=True, type=date.fromisoformat, metavar="YYYY-MM-DD")
        action.add_argument("--dry-run", action="store_true", help="check everything; record nothing")
        action.add_argument("--actor", metavar="ID", help="who makes the change (default: the operating-system user)")
    for action in (workbook, retire):
        action.add_argument("--district", metavar="CODE", help="act as this district's administrator")
    show = actions.add_parser("show", help="what is in force on a day")
    show.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD", help="default: today")
    actions.add_parser("history", help="every change of the register")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from infra.administration.workbook import WorkbookRejected
    from infra.reference import ReferenceDataError

    if args.admin_command == "template":
        return _template(args)
    try:
        return asyncio.run(_run(settings, args))
    except (WorkbookRejected, ReferenceDataError) as refused:
        print(f"zhifa admin {args.admin_command}: refused, nothing changed: {refused}", file=sys.stderr)
        return 1


def _template(args: argparse.Namespace) -> int:
    from infra.administration.example import example_workbook
    from infra.administration.template import write_workbook

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(example_workbook() if args.example else write_workbook())
    print(f"onboarding {'example' if args.example else 'template'} written: {args.output}")
    return 0


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    from infra.administration.register import ReferenceRegister
    from infra.db.engine import create_engine

    engine = create_engine(settings.database_url)
    try:
        register = ReferenceRegister(engine)
        if args.admin_command == "show":
            return await _show(register, args.as_of or datetime.now(UTC).date())
        if args.admin_command == "history":
            return await _history(register)
        return await _change(engine, register, args)
    finally:
        await engine.dispose()


async def _change(engine: Any, register: Any, args: argparse.Namespace) -> int:
    from zhifa.security_cmd import cli_actor

    actor = args.actor or cli_actor()
    changes = await _changes(register, args, actor)
    if not changes:
        print("nothing to change: every record is already in force as given")
        return 0
    if args.dry_run:
        await register.record(changes, dry_run=True)
    else:
        await _log(engine, args, actor)
        await register.record(changes)
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.register] = counts.get(change.register, 0) + len(change.puts) + len(change.retires)
    done = "would change" if args.dry_run else "changed"
    listed = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"{done} from {args.effective_from}: {listed}")
    return 0


async def _changes(register: Any, args: argparse.Namespace, actor: str) -> list[Any]:
    from domain.administration.changes import ReferenceChanged, fold, keeper_of
    from infra.administration.directory import directory_changes
    from infra.administration.onboarding import Workbook, locate, workbook_changes
    from infra.administration.workbook import read_workbook
    from infra.reference import DEMO_DIRECTORY, ReferenceDataError

    now = datetime.now(UTC)
    if args.admin_command == "import-files":
        directory = args.directory or DEMO_DIRECTORY
        return list(directory_changes(directory, effective_from=args.effective_from, actor=actor, at=now,
                                      source=f"files {directory}"))
    history = [r.change for r in await register.history()]
    current = fold(history, args.effective_from)
    if args.admin_command == "retire":
        record = current.get(args.register, {}).get(args.record)
        if record is None:
            raise ReferenceDataError(args.register, args.record, None, f"not in force on {args.effective_from}")
        keeper = args.district if args.district is not None else keeper_of(args.register, record, current)
        return [ReferenceChanged(occurred_at=now, actors=(actor,), register=args.register, keeper=keeper,
                                 effective_from=args.effective_from, retires=(args.record,), source="zhifa admin")]
    data = args.file.read_bytes()
    read = read_workbook(data)
    changes = workbook_changes(read, current, effective_from=args.effective_from, actor=actor, at=now,
                               source=Workbook(data, args.file.name).source, keeper=args.district)
    try:
        await register.record(changes, dry_run=True)  # refusals named by cell, before anything is logged
    except ReferenceDataError as refused:
        raise locate(refused, read) or refused from None
    return changes


async def _log(engine: Any, args: argparse.Namespace, actor: str) -> None:
    from domain.reference import ReferenceData
    from zhifa.security_cmd import record_command

    what = {"import": lambda: args.file, "import-files": lambda: args.directory or "the demo set",
            "retire": lambda: f"{args.register} {args.record}"}[args.admin_command]()
    await record_command(engine, ReferenceData(), kind="ADMIN_CHANGE", operation=f"zhifa admin {args.admin_command}",
                         reason=f"{what} from {args.effective_from}", actor=actor)


async def _show(register: Any, day: date) -> int:
    loaded = await register.as_of(day)
    if loaded is None:
        print("the register is empty: processes use the reference data files (ZHIFA_REFERENCE_DIR or the demo set)")
        return 0
    reference = loaded.reference
    print(f"in force on {day}:")
    for district in sorted(reference.districts.values(), key=lambda d: d.code):
        print(f"{district.name} ({district.code})")
        for town in sorted((t for t in reference.towns.values() if t.district == district.code), key=lambda t: t.code):
            catalog = reference.catalog_of(town.code)
            items = len(catalog.items) if catalog is not None else len(reference.items)
            staff = [o for o in reference.officers.values() if o.town == town.code and o.serving_on(day)]
            certified = sum(o.certified_on(day) for o in staff)
            print(f"  {town.name} ({town.code}): {len(town.units)} units, {len(staff)} staff ({certified} certified), "
                  f"catalog {catalog.version if catalog else reference.catalog_version} ({items} items)")
    return 0


async def _history(register: Any) -> int:
    for recorded in await register.history():
        change, envelope = recorded.change, recorded.envelope
        keeper = change.keeper or "installation"
        print(f"{envelope.recorded_at:%Y-%m-%d %H:%M} {change.actors[0]:<14} {keeper:<12} {change.register:<15} "
              f"from {change.effective_from} put {len(change.puts)} retire {len(change.retires)}  {change.source}")
    return 0
