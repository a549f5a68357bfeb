"""The report documents of a scope: built from figures the same way `zhifa report` does, rendered in each format,
stored once per snapshot in `reports` (insert-only) and read back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.reference import ReferenceData
from domain.report import ReportDocument, build_report
from domain.statistics.figures import AnnualFigures
from infra.db.models_reports import reports
from infra.report import ReportFormat, render

MIME_TYPES = {
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.MD: "text/markdown; charset=utf-8",
    ReportFormat.JSON: "application/json",
}


@dataclass(frozen=True)
class StoredReport:
    scope: str
    year: int
    as_of: date
    format: ReportFormat
    mime_type: str
    content: bytes
    snapshot_hash: str
    snapshot_kind: str
    created_at: datetime


def report_document(figures: AnnualFigures, reference: ReferenceData, *, generated_on: date) -> ReportDocument:
    """The report of a town (or any scope) with its government's name, as `zhifa report` writes it."""
    town = reference.towns.get(figures.scope)
    district_code = town.district if town is not None else figures.scope
    district = reference.districts.get(district_code)
    name = town.name if town is not None else figures.scope_name
    government = f"{district.name if district is not None and town is not None else ''}{name}人民政府"
    return build_report(figures, town_name=name, government_name=government, generated_on=generated_on)


def town_report(figures: AnnualFigures, reference: ReferenceData, report_format: ReportFormat, *,
                generated_on: date) -> bytes:
    return render(report_document(figures, reference, generated_on=generated_on), report_format)


async def store_report(engine: AsyncEngine, figures: AnnualFigures, report_format: ReportFormat, content: bytes, *,
                       snapshot_hash: str, snapshot_kind: str, clock: Callable[[], datetime]) -> bool:
    """Store one document; False when this snapshot's document in this format is already stored."""
    try:
        async with engine.begin() as conn:
            await conn.execute(insert(reports).values(
                scope=figures.scope, year=figures.year, as_of=figures.as_of, format=report_format.value,
                mime_type=MIME_TYPES[report_format], content=content, snapshot_hash=snapshot_hash,
                snapshot_kind=snapshot_kind, created_at=clock()))
    except IntegrityError:
        return False
    return True


async def stored_formats(engine: AsyncEngine, *, scope: str, year: int, as_of: date, snapshot_hash: str
                         ) -> set[str]:
    async with engine.connect() as conn:
        rows = await conn.execute(select(reports.c.format).where(
            reports.c.scope == scope, reports.c.year == year, reports.c.as_of == as_of,
            reports.c.snapshot_hash == snapshot_hash))
        return {str(row[0]) for row in rows}


async def load_report(engine: AsyncEngine, *, scope: str, year: int, as_of: date, report_format: ReportFormat
                      ) -> StoredReport | None:
    """The latest stored document of the scope for that cut-off (a restatement's after the as-reported one)."""
    async with engine.connect() as conn:
        row = (await conn.execute(select(reports).where(
            reports.c.scope == scope, reports.c.year == year, reports.c.as_of == as_of,
            reports.c.format == report_format.value).order_by(reports.c.id.desc()).limit(1))).mappings().first()
    if row is None:
        return None
    return StoredReport(scope=row["scope"], year=int(row["year"]), as_of=row["as_of"],
                        format=ReportFormat(row["format"]), mime_type=row["mime_type"], content=bytes(row["content"]),
                        snapshot_hash=row["snapshot_hash"], snapshot_kind=row["snapshot_kind"],
                        created_at=row["created_at"])
