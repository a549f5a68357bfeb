"""The renderers: json carries every paragraph's figures down to their events; html is self-contained with its
charts inline; markdown gives the charts as tables; the charts draw Chinese with the installed CJK font; and the
docx opens and renders in LibreOffice (converted to PDF headless) with its text, highlights and pictures."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import docx
import pytest

from domain.report import ReportDocument
from infra.report import ReportFormat, render
from infra.report.charts import chart_png
from infra.report.fonts import cjk_font_file
from tests.report.seeds import dasi_2019, dasi_2020
from tests.report.support import report

DASI_PENALTIES = ("今年全镇行政处罚案件154起，共处罚130250元，其中一般程序案件119起，罚款128500元，"
                  "简易程序案件35起，罚款1750元")


@pytest.fixture(scope="module")
def dasi() -> ReportDocument:
    return report(dasi_2020(previous=dasi_2019()))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_json_gives_each_paragraph_its_figures_down_to_the_events(dasi: ReportDocument) -> None:
    body = json.loads(render(dasi, ReportFormat.JSON))

    paragraphs = [b for s in body["sections"] for sub in s["subsections"] for b in sub["blocks"]
                  if b["type"] == "paragraph"]
    (penalties,) = [p for p in paragraphs if p["text"].startswith(DASI_PENALTIES)]
    cited = {f["metric"]: f for f in penalties["figures"] if f["year"] == 2020}
    last_year = {f["metric"]: f for f in penalties["figures"] if f["year"] == 2019}
    assert last_year["general_procedure_cases"]["value"] == 80 and last_year["fines_imposed_total"]["written"] == (
        "100000.5元")
    assert cited["penalty_cases_total"]["event_ids"] == [
        "penalty_cases_total-0#1", "penalty_cases_total-1#1", "penalty_cases_total-2#1"]
    assert cited["fines_imposed_total"]["value"] == 13_025_000
    assert cited["fines_imposed_total"]["written"] == "130250元"
    assert body["figures"]["metrics"]["decisions_disclosed"]["event_ids"] == [f"decisions_disclosed-{i}#1"
                                                                              for i in range(4)]
    assert body["figures"]["tallies"][0] | {"event_ids": []} == {
        "metric": "tally:SHARED_BIKE_DISORDER", "name": "", "value": 5600, "unit": "VEHICLE_TIMES",
        "qualifier": "AT_LEAST", "written": "5600余辆次", "source": "E", "event_ids": [], "note": ""}
    assert body["previous"]["year"] == 2019
    assert body["previous"]["figures"]["metrics"]["general_procedure_cases"]["value"] == 80
    assert [s["heading"] for s in body["sections"]] == ["一、基本情况", "二、主要工作措施及成效", "三、存在的问题",
                                                         "四、下一步工作计划"]
    flagged = [p for p in paragraphs if p["flagged"]]
    assert {r["kind"] for p in flagged for r in p["runs"]} >= {"FLAG", "TEXT"}
    charts = [b for s in body["sections"] for sub in s["subsections"] for b in sub["blocks"] if b["type"] == "chart"]
    assert charts[0]["series"] == [{"name": "案件数", "unit": "起", "values": [119.0, 35.0]},
                                   {"name": "罚款金额", "unit": "元", "values": [128500.0, 1750.0]}]


def test_html_is_self_contained_with_inline_charts_and_the_chinese_paragraphs(dasi: ReportDocument) -> None:
    html = render(dasi, ReportFormat.HTML).decode("utf-8")

    assert html.count("<svg") == 3
    assert re.findall(r'data-chart="([a-z_]+)"', html) == ["case_composition", "year_over_year_cases",
                                                            "year_over_year_fines"]
    assert f"<p>{DASI_PENALTIES}" in html
    assert "<h1>大寺镇2020年度行政执法工作报告</h1>" in html
    assert '<mark class="draft">【待审核：' in html and '<mark class="flag">【数据提示：' in html
    assert "<link" not in html and 'src="http' not in html and "<script" not in html


def test_markdown_lists_headings_paragraphs_and_chart_data(dasi: ReportDocument) -> None:
    md = render(dasi, ReportFormat.MD).decode("utf-8")

    assert "# 大寺镇2020年度行政执法工作报告" in md
    assert "## 三、存在的问题" in md and "### （二）法制审核尚未实现全覆盖" in md
    assert DASI_PENALTIES in md
    assert "| 一般程序 | 119 | 128500 |" in md
    assert "| 罚款总额 | 100000.5 | 130250 |" in md


def test_charts_draw_chinese_with_the_cjk_font_and_no_missing_glyph(dasi: ReportDocument) -> None:
    assert "CJK" in cjk_font_file().name
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)" when Chinese cannot draw
        png = chart_png(next(dasi.charts()))
    assert png.startswith(b"\x89PNG")


def test_docx_package_has_the_text_the_draft_highlights_and_the_chart_pictures(dasi: ReportDocument) -> None:
    content = render(dasi, ReportFormat.DOCX)

    package = zipfile.ZipFile(io.BytesIO(content))
    assert len([n for n in package.namelist() if n.startswith("word/media/") and n.endswith(".png")]) == 3
    xml = package.read("word/document.xml").decode("utf-8")
    assert 'w:highlight w:val="yellow"' in xml and 'w:highlight w:val="cyan"' in xml
    opened = docx.Document(io.BytesIO(content))
    texts = [p.text for p in opened.paragraphs]
    assert texts[0] == "大寺镇2020年度行政执法工作报告"
    assert any(t.startswith(DASI_PENALTIES) for t in texts)
    assert texts[-2:] == ["西青区大寺镇人民政府", "2020年12月31日"]
    drafts = [r for p in opened.paragraphs for r in p.runs if r.style is not None and r.style.name == "待审核"]
    assert drafts and all(r.text.startswith("【待审核：") for r in drafts)


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name} is missing: run scripts/system-deps.sh as root"
    return path


def test_docx_opens_and_renders_in_libreoffice(dasi: ReportDocument, tmp_path: Path) -> None:
    source = tmp_path / "dasi-2020.docx"
    source.write_bytes(render(dasi, ReportFormat.DOCX))

    converted = subprocess.run(
        [_tool("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240, check=False)
    pdf = tmp_path / "dasi-2020.pdf"
    assert converted.returncode == 0 and pdf.is_file(), converted.stdout + converted.stderr

    text = _squeeze(subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True,
                                   timeout=60, check=True).stdout)
    for expected in ("大寺镇2020年度行政执法工作报告", DASI_PENALTIES, "一、基本情况", "三、存在的问题",
                     "四、下一步工作计划", "【待审核：全年作出行政处罚决定154起，公示4起，公示率2.6%",
                     "今年共审核行政处罚案件118起。", "图1行政处罚案件构成（一般程序与简易程序）",
                     "西青区大寺镇人民政府2020年12月31日"):
        assert _squeeze(expected) in text, expected
    images = subprocess.run([_tool("pdfimages"), "-list", str(pdf)], capture_output=True, text=True, timeout=60,
                            check=True).stdout
    assert len([line for line in images.splitlines()[2:] if line.split()[2] == "image"]) == 3
