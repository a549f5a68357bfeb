"""Year-end statistics and reports over GraphQL: `annualStatistics` (every figure with its unit, qualifier, source
and the events behind it, with last year's value; for a district supervisor the district's rollup too),
`annualReport` (the document stored from the year-end snapshot for that cut-off, else rendered now) and
`statisticsSnapshots`. A town outside the caller's towns reads exactly like a town that does not exist."""

from __future__ import annotations

import asyncio
import base64
import enum
from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.exceptions import StrawberryGraphQLError
from strawberry.types import Info

from api.graphql.context import RequestContext
from api.graphql.problems import NotFound
from domain.deadlines.local_time import local_date
from domain.security_log import SecurityKind
from domain.statistics.figures import METRICS, AnnualFigures, Figure
from infra.report import ReportFormat
from infra.statistics import compute
from infra.statistics.snapshots import load_snapshots
from infra.year_end import MIME_TYPES, load_report, town_report


@strawberry.enum(description="A report document's format.")
class ReportFileFormat(enum.Enum):
    DOCX = "docx"
    HTML = "html"
    MD = "md"
    JSON = "json"


@strawberry.type(description="One year-end figure: an integer in its unit (money in fen, areas in dm², ratios in "
                             "basis points), how exact it is, where it comes from and the events behind it.")
class StatisticFigure:
    metric: str
    name: str
    value: int
    unit: str
    qualifier: str
    source: str
    note: str
    event_ids: list[str] = strawberry.field(description="The events behind the figure, `streamId#seq` (drill-down).")
    previous_value: int | None = strawberry.field(description="The same figure last year (year-over-year).")

    @classmethod
    def of(cls, figure: Figure, previous: AnnualFigures | None) -> StatisticFigure:
        definition = METRICS.get(figure.metric)
        return cls(metric=figure.metric, name=definition.name_zh if definition else figure.metric,
                   value=figure.value, unit=figure.unit.value, qualifier=figure.qualifier.value,
                   source=figure.source.value, note=figure.note, event_ids=list(figure.event_ids),
                   previous_value=previous.value(figure.metric) if previous is not None else None)


@strawberry.type(description="The year-end figures of a scope (a town, or a district's rollup) up to `asOf`.")
class AnnualStatistics:
    scope: str
    scope_name: str
    year: int
    as_of: date
    high_water_mark: int = strawberry.field(description="The event log position the figures were computed at.")
    figures: list[StatisticFigure]
    tallies: list[StatisticFigure] = strawberry.field(description="Campaign tallies, each in its own unit.")
    district_rollup: AnnualStatistics | None = strawberry.field(
        description="For a caller who sees the whole district: the district's figures.")

    @classmethod
    def of(cls, figures: AnnualFigures, rollup: AnnualFigures | None = None) -> AnnualStatistics:
        previous = figures.previous
        return cls(scope=figures.scope, scope_name=figures.scope_name, year=figures.year, as_of=figures.as_of,
                   high_water_mark=figures.high_water_mark,
                   figures=[StatisticFigure.of(f, previous) for _, f in sorted(figures.figures.items())],
                   tallies=[StatisticFigure.of(t, None) for t in figures.tallies],
                   district_rollup=None if rollup is None else cls.of(rollup))


@strawberry.type(description="A stored year-end snapshot: as reported (once per cut-off) or restated later.")
class StatisticsSnapshot:
    id: strawberry.ID
    kind: str
    as_of: date
    hash: str = strawberry.field(description="SHA-256 of the figures' canonical JSON.")
    high_water_mark: int
    created_at: datetime


@strawberry.type(description="A town's snapshots of a year, oldest first.")
class StatisticsSnapshots:
    town: str
    year: int
    snapshots: list[StatisticsSnapshot]


@strawberry.type(description="The annual enforcement report (行政执法工作报告) as a file.")
class AnnualReport:
    town: str
    year: int
    as_of: date
    format: ReportFileFormat
    mime_type: str
    content_base64: str
    stored: bool = strawberry.field(description="True: the document stored from a year-end snapshot; false: "
                                                "rendered now from the live figures.")
    snapshot_hash: str | None
    snapshot_kind: str | None


StatisticsLookup = Annotated[AnnualStatistics | NotFound, strawberry.union("StatisticsLookup")]
ReportLookup = Annotated[AnnualReport | NotFound, strawberry.union("ReportLookup")]
SnapshotsLookup = Annotated[StatisticsSnapshots | NotFound, strawberry.union("SnapshotsLookup")]


def _town_not_found(town: str) -> NotFound:
    return NotFound(code="NOT_FOUND", message=f"town {town} not found", id=strawberry.ID(town))


def _visible(context: RequestContext, town: str) -> bool:
    return town in context.reference.towns and context.caller.sees(town)


def _cut_off(context: RequestContext, year: int, as_of: date | None) -> date:
    today = local_date(context.services.clock())
    chosen = as_of or min(today, date(year, 12, 31))
    if chosen.year != year:
        raise StrawberryGraphQLError(f"asOf {chosen.isoformat()} is not in {year}", extensions={"code": "BAD_AS_OF"})
    return chosen


def _district_of(context: RequestContext, town: str) -> str | None:
    """The town's district when the caller sees every town of it (a district supervisor)."""
    district = context.reference.towns[town].district
    towns = {code for code, t in context.reference.towns.items() if t.district == district}
    return district if towns and towns <= set(context.caller.towns) else None


async def annual_statistics(info: Info, town: str, year: int, as_of: date | None = None) -> StatisticsLookup:
    context: RequestContext = info.context
    if not _visible(context, town):
        return _town_not_found(town)
    cut_off = _cut_off(context, year, as_of)
    engine, reference = context.services.engine, await context.reference_on(cut_off)
    figures = await compute(engine, scope=town, year=year, as_of=cut_off, reference=reference)
    district = _district_of(context, town)
    rollup = None if district is None else await compute(engine, scope=district, year=year, as_of=cut_off,
                                                        reference=reference, with_previous=False)
    return AnnualStatistics.of(figures, rollup)


async def annual_report(info: Info, town: str, year: int, format: ReportFileFormat = ReportFileFormat.DOCX,
                        as_of: date | None = None) -> ReportLookup:
    context: RequestContext = info.context
    if not _visible(context, town):
        return _town_not_found(town)
    cut_off = _cut_off(context, year, as_of)
    report_format = ReportFormat(format.value)
    await context.record_before(SecurityKind.EXPORT, "annualReport",
                                f"annual report of {town} {year} as of {cut_off.isoformat()} ({format.value})",
                                town=town, detail={"year": year, "as_of": cut_off.isoformat(), "format": format.value})
    engine = context.services.engine
    stored = await load_report(engine, scope=town, year=year, as_of=cut_off, report_format=report_format)
    if stored is not None:
        return AnnualReport(town=town, year=year, as_of=cut_off, format=format, mime_type=stored.mime_type,
                            content_base64=base64.b64encode(stored.content).decode("ascii"), stored=True,
                            snapshot_hash=stored.snapshot_hash, snapshot_kind=stored.snapshot_kind)
    reference = await context.reference_on(cut_off)
    figures = await compute(engine, scope=town, year=year, as_of=cut_off, reference=reference)
    content = await asyncio.to_thread(town_report, figures, reference, report_format,
                                      generated_on=local_date(context.services.clock()))
    return AnnualReport(town=town, year=year, as_of=cut_off, format=format, mime_type=MIME_TYPES[report_format],
                        content_base64=base64.b64encode(content).decode("ascii"), stored=False, snapshot_hash=None,
                        snapshot_kind=None)


async def statistics_snapshots(info: Info, town: str, year: int) -> SnapshotsLookup:
    context: RequestContext = info.context
    if not _visible(context, town):
        return _town_not_found(town)
    found = await load_snapshots(context.services.engine, scope=town, year=year)
    return StatisticsSnapshots(town=town, year=year, snapshots=[
        StatisticsSnapshot(id=strawberry.ID(str(s.id)), kind=s.kind.value, as_of=s.figures.as_of, hash=s.hash,
                           high_water_mark=s.figures.high_water_mark, created_at=s.created_at) for s in found])
