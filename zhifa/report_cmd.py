"""``zhifa report --town 张家窝镇|zhangjiawo --year 2022 [--as-of DATE] --format docx|md|html|json [--output PATH]``:
the annual enforcement report (行政执法工作报告) of a town, computed from the event log up to ``--as-of``
(default: the year's end, or today while the year is running) and rendered as a draft for the officials to edit.

The figures come from ``infra.statistics.compute``; the text from ``domain.report.build_report``; the file from
``infra.report.render``. ``--output -`` writes to standard output.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path
from typing import Any

from infra.settings import Settings

FORMATS = ("docx", "md", "html", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--town", required=True, metavar="TOWN", help="town code or name (zhangjiawo, 张家窝镇)")
    parser.add_argument("--year", required=True, type=int, help="the report's year")
    parser.add_argument("--as-of", dest="as_of", type=date.fromisoformat, metavar="DATE",
                        help="count up to this day (YYYY-MM-DD; default: 12-31, or today in the current year)")
    parser.add_argument("--format", dest="report_format", choices=FORMATS, default="docx",
                        help="output format (default docx)")
    parser.add_argument("--output", metavar="PATH",
                        help="file to write (default <data dir>/reports/<town>-<year>-行政执法工作报告.<format>; "
                             "'-' = stdout)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from domain.report import build_report
    from infra.report import ReportFormat, render
    from infra.report.fonts import CjkFontMissing
    from zhifa.composition import configured_reference

    reference = asyncio.run(configured_reference(settings, day=args.as_of)).reference
    town = next((t for t in reference.towns.values() if args.town in (t.code, t.name)), None)
    if town is None:
        known = "、".join(f"{t.name} ({t.code})" for t in reference.towns.values())
        print(f"zhifa report: no town {args.town!r} in the reference data (known: {known})", file=sys.stderr)
        return 2
    today = date.today()
    as_of: date = args.as_of or min(today, date(args.year, 12, 31))
    if as_of.year != args.year:
        print(f"zhifa report: --as-of {as_of.isoformat()} is not in {args.year}", file=sys.stderr)
        return 2
    district = reference.districts.get(town.district)
    government = f"{district.name if district is not None else ''}{town.name}人民政府"

    figures = asyncio.run(_compute(settings, reference, town.code, args.year, as_of))
    document = build_report(figures, town_name=town.name, government_name=government, generated_on=today)
    try:
        content = render(document, ReportFormat(args.report_format))
    except CjkFontMissing as error:
        print(f"zhifa report: {error}", file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    # By default under the data dir: generated documents never land in the working copy.
    name = f"{town.code}-{args.year}-行政执法工作报告.{args.report_format}"
    path = Path(args.output or settings.data_dir / "reports" / name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    drafts = sum(1 for p in document.paragraphs() if p.is_draft)
    flags = sum(1 for p in document.paragraphs() if p.has_flag)
    print(f"{document.title}: {path} ({drafts} paragraph(s) to review 【待审核】, {flags} data flag(s) 【数据提示】)")
    return 0


async def _compute(settings: Settings, reference: Any, town: str, year: int, as_of: date) -> Any:
    from infra.db.engine import create_engine
    from infra.statistics import compute
    from zhifa.security_cmd import cli_actor, record_command

    engine = create_engine(settings.database_url)
    try:
        await record_command(engine, reference, kind="EXPORT", operation="zhifa report", actor=cli_actor(),
                             reason=f"annual report of {town} {year} as of {as_of.isoformat()}", town=town)
        return await compute(engine, scope=town, year=year, as_of=as_of, reference=reference)
    finally:
        await engine.dispose()
