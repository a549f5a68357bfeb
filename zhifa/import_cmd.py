"""``zhifa import cases FILE.xlsx|FILE.json [--dry-run] [--progress]`` enters the closed cases of past years (补录):
a workbook from ``zhifa import template cases --output FILE.xlsx`` (one row per case and its key dates) or a
``zhifa.bulk-import/1`` JSON document (every step written out). Every row becomes the steps of its procedure and
every step goes through the deciders, as if entered live on its date; one refused step rejects the whole file
(named by sheet, row and column for a workbook) and nothing is written. Importing the same file again appends
nothing: the steps, their times and so their events are the same.

Reading is ``infra.bulk_import.workbook``; validating and appending is ``infra.bulk_import.import_cases``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from infra.settings import Settings

BAR_WIDTH = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="import_command", required=True, metavar="ACTION")
    cases = actions.add_parser("cases", help="import closed cases from a workbook (.xlsx) or a bulk-import JSON")
    cases.add_argument("file", type=Path, metavar="FILE", help="FILE.xlsx (the cases template) or FILE.json")
    cases.add_argument("--dry-run", action="store_true", help="check every step; write nothing")
    cases.add_argument("--progress", action="store_true", help="draw the progress bar also when stderr is no TTY")
    cases.add_argument("--actor", metavar="OFFICER_ID", help="who enters the cases (security log; default: the "
                                                             "operating-system user)")
    template = actions.add_parser("template", help="write the workbook template (.xlsx)")
    template.add_argument("what", choices=("cases",), help="cases: 一般程序, 简易程序 and 责令改正 sheets")
    template.add_argument("--output", required=True, type=Path, metavar="FILE.xlsx", help="the workbook to write")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from zhifa.composition import configured_reference

    loaded = asyncio.run(configured_reference(settings))
    reference, args.profiles = loaded.reference, loaded.profiles
    if args.import_command == "template":
        from infra.bulk_import.workbook import template

        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(template(reference))
        print(f"cases template written: {args.output}")
        return 0
    return _cases(settings, args, reference)


def _cases(settings: Settings, args: argparse.Namespace, reference: Any) -> int:
    from infra.bulk_import import BulkImportRejected
    from infra.bulk_import.workbook import CellRejected, Origin, read_workbook

    file: Path = args.file
    if not file.is_file():
        print(f"zhifa import: no such file {file}", file=sys.stderr)
        return 2
    origins: list[Origin] = []
    try:
        if file.suffix.lower() == ".json":
            document = json.loads(file.read_text(encoding="utf-8"))
        else:
            document, origins = read_workbook(file.read_bytes(), reference)
    except CellRejected as rejected:
        print(f"zhifa import: rejected, nothing written: {rejected}", file=sys.stderr)
        return 1
    except (ValueError, OSError) as error:
        print(f"zhifa import: cannot read {file}: {error}", file=sys.stderr)
        return 2
    bar = _Bar(sys.stderr) if args.progress or sys.stderr.isatty() else None
    try:
        report = asyncio.run(_import(settings, reference, document, args, bar))
    except BulkImportRejected as rejected:
        if bar is not None:
            bar.close()
        print(f"zhifa import: rejected, nothing written ({len(rejected.rejected)} case(s)):", file=sys.stderr)
        for step in rejected.rejected:
            print(f"  {_where(step, origins)}", file=sys.stderr)
        return 1
    if bar is not None:
        bar.close()
    cases = len(document.get("cases", []))
    if args.dry_run:
        print(f"dry run: {cases} case(s) in {file} valid, {report} event(s) checked; nothing written")
    else:
        print(f"{cases} case(s) read from {file}: {report.events} event(s) appended, "
              f"{report.already_stored} already stored")
    return 0


def _where(step: Any, origins: list[Any]) -> str:
    """A refused step, at its sheet, row and column for a workbook (at its case and step for JSON)."""
    error = step.error
    what = f"{step.command}: {error.message} [{error.rule}]" if step.command else f"{error.message} [{error.rule}]"
    if 0 < step.case <= len(origins):
        origin = origins[step.case - 1]
        return (f"sheet {origin.sheet!r}, row {origin.row}, column {origin.column_of(step.step, error.field)!r}: "
                f"{what}")
    return str(step.describe())


async def _import(settings: Settings, reference: Any, document: dict[str, Any], args: argparse.Namespace,
                  bar: _Bar | None) -> Any:
    from domain.task_routing import next_steps_for
    from infra.bulk_import import import_cases, validate
    from infra.bulk_import.importer import Progress
    from infra.calendar import load_work_calendar
    from infra.db.engine import create_engine
    from infra.eventstore import EventStore
    from infra.projections import Projector
    from zhifa.collector import settle_after_start
    from zhifa.security_cmd import cli_actor, record_command

    # The document and the reference live as long as the command: out of the collections that deciding and
    # writing them set off (full ones re-scanned them, ~0.1 s each, in one of three bulk writes of 8 k events).
    settle_after_start()
    profiles = args.profiles
    calendar = load_work_calendar(settings.calendar_overrides)
    progress: Progress = bar.draw if bar is not None else _silent
    if args.dry_run:
        histories = validate(document, reference=reference, profiles=profiles, calendar=calendar, progress=progress)
        return sum(len(h) for h in histories)
    engine = create_engine(settings.database_url)
    try:
        await record_command(engine, reference, kind="ADMIN_CHANGE", operation="zhifa import cases",
                             actor=args.actor or cli_actor(),
                             reason=f"{len(document.get('cases', []))} case(s) from {args.file}")
        store = EventStore(engine, Projector(next_steps_for))
        return await import_cases(store, document, reference=reference, profiles=profiles, calendar=calendar,
                                  progress=progress)
    finally:
        await engine.dispose()


def _silent(phase: str, done: int, total: int) -> None:
    return None


class _Bar:
    """validating [##########....................]  120/400 — redrawn in place on stderr."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.drawn = False

    def draw(self, phase: str, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        self.stream.write(f"\r{phase:<10} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
