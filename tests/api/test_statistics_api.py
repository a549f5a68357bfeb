"""Year-end statistics and reports over GraphQL: the figures of the caller's town with the events behind them,
the district rollup for a district supervisor, another town read exactly like one that does not exist, and the
report as a file — the stored year-end document once there is one, rendered on the fly before."""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from docx import Document

from domain.deadlines.local_time import local_date
from infra.reference import demo_reference
from infra.year_end import YearEndService
from tests.api.client import token_for, token_with
from tests.api.conftest import CANARY, Api

STATISTICS = """query($town: String!, $year: Int!, $asOf: Date) {
  annualStatistics(town: $town, year: $year, asOf: $asOf) {
    __typename
    ... on NotFound { code message }
    ... on AnnualStatistics { scope scopeName year asOf highWaterMark
      figures { metric name value unit qualifier source eventIds previousValue }
      districtRollup { scope scopeName figures { metric value } } } } }"""
REPORT = """query($town: String!, $year: Int!, $asOf: Date, $format: ReportFileFormat!) {
  annualReport(town: $town, year: $year, asOf: $asOf, format: $format) {
    __typename ... on NotFound { code }
    ... on AnnualReport { mimeType contentBase64 stored snapshotHash snapshotKind asOf } } }"""
SNAPSHOTS = """query($town: String!, $year: Int!) { statisticsSnapshots(town: $town, year: $year) {
  __typename ... on StatisticsSnapshots { snapshots { kind hash asOf highWaterMark } } } }"""


def filed_on() -> Any:
    """The local day the seeded cases were filed (registered three days ago, filed the next day)."""
    return local_date(datetime.now(UTC) - timedelta(days=2))


def figure(data: dict[str, Any], metric: str) -> dict[str, Any]:
    return next(f for f in data["figures"] if f["metric"] == metric)


async def test_a_town_officer_reads_the_town_s_figures_with_the_events_behind_them(api: Api) -> None:
    day = filed_on()
    body = await api.client.run(token_for("zjw-officer-1"), STATISTICS,
                                {"town": "zhangjiawo", "year": day.year, "asOf": day.isoformat()})
    data = body["data"]["annualStatistics"]
    assert data["__typename"] == "AnnualStatistics" and data["scopeName"] == "张家窝镇"
    filed = figure(data, "cases_filed")
    assert (filed["value"], filed["unit"], filed["qualifier"], filed["source"], filed["name"]) == (
        1, "COUNT", "EXACT", "E", "立案")
    assert len(filed["eventIds"]) == 1 and filed["eventIds"][0].startswith(f"{api.data.own.stream_id}#")
    assert filed["previousValue"] is None  # no case entered the year before: unknown, never 0 (issue 12)
    assert data["districtRollup"] is None  # a town officer sees one town, not the district
    assert CANARY not in str(body)


async def test_a_district_supervisor_also_gets_the_district_rollup(api: Api) -> None:
    day = filed_on()
    body = await api.client.run(token_for("xq-supervisor-1"), STATISTICS,
                                {"town": "zhangjiawo", "year": day.year, "asOf": day.isoformat()})
    rollup = body["data"]["annualStatistics"]["districtRollup"]
    assert rollup["scope"] == "xiqing"
    assert figure(rollup, "cases_filed")["value"] == 2  # zhangjiawo's case and dasi's


async def test_another_town_reads_like_a_town_that_does_not_exist(api: Api) -> None:
    day = filed_on()
    token = token_for("zjw-officer-1")
    answers = []
    for town in ("dasi", "atlantis"):
        for query, variables in ((STATISTICS, {"year": day.year, "asOf": day.isoformat()}),
                                 (REPORT, {"year": day.year, "asOf": day.isoformat(), "format": "JSON"}),
                                 (SNAPSHOTS, {"year": day.year})):
            body = await api.client.run(token, query, {**variables, "town": town})
            assert CANARY not in str(body)
            answers.append(next(iter(body["data"].values()))["__typename"])
    assert answers == ["NotFound"] * 6


async def test_an_auditor_may_not_read_statistics(api: Api) -> None:
    body = await api.client.run(token_with("xq-auditor-1", ["auditor"], ["zhangjiawo"]), STATISTICS,
                                {"town": "zhangjiawo", "year": 2025})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_report_is_rendered_on_the_fly_then_served_from_the_stored_year_end_snapshot(api: Api) -> None:
    day = filed_on()
    token = token_for("zjw-principal-1")
    variables = {"town": "zhangjiawo", "year": day.year, "asOf": day.isoformat(), "format": "DOCX"}
    live = (await api.client.run(token, REPORT, variables))["data"]["annualReport"]
    assert live["stored"] is False and live["snapshotHash"] is None
    assert live["mimeType"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    text = "\n".join(p.text for p in Document(io.BytesIO(base64.b64decode(live["contentBase64"]))).paragraphs)
    assert f"张家窝镇{day.year}年度行政执法工作报告" in text

    service = YearEndService(api.data.engine, demo_reference())
    snapshot = await service.as_reported("zhangjiawo", day.year, day)
    await service.store_documents("zhangjiawo", day.year, day, snapshot.hash, ["docx"])
    stored = (await api.client.run(token, REPORT, variables))["data"]["annualReport"]
    assert (stored["stored"], stored["snapshotHash"], stored["snapshotKind"]) == (True, snapshot.hash, "AS_REPORTED")
    Document(io.BytesIO(base64.b64decode(stored["contentBase64"])))  # opens

    snapshots = (await api.client.run(token, SNAPSHOTS, {"town": "zhangjiawo", "year": day.year}))
    listed = snapshots["data"]["statisticsSnapshots"]["snapshots"]
    assert [(s["kind"], s["hash"], s["asOf"]) for s in listed] == [("AS_REPORTED", snapshot.hash, day.isoformat())]


async def test_an_as_of_outside_the_year_is_refused(api: Api) -> None:
    body = await api.client.run(token_for("zjw-officer-1"), STATISTICS,
                                {"town": "zhangjiawo", "year": 2024, "asOf": "2025-01-01"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_AS_OF"
    assert body["errors"][0]["message"] == "asOf 2025-01-01 is not in 2024"
