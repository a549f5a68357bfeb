"""A past year entered end to end in commands (issue 12 items 2 and 4): the cases template filled with a town's
year (general cases, simple cases, rectification orders) and a ledger workbook, checked with --dry-run, imported,
and reported — the report's figures equal the rows; importing the same workbook again changes nothing; a step the
deciders refuse is named by sheet, row and column and nothing is written."""

from __future__ import annotations

import argparse
import asyncio
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from domain.statistics.figures import AnnualFigures
from infra.db.engine import create_engine
from infra.settings import Settings
from infra.statistics import compute
from zhifa import import_cmd, ledgers_cmd, report_cmd

UNIT = "yangliuqing-bureau"
STAFF = {"case_lead": "ylq-lead-1", "officer": "ylq-officer-1", "reviewer": "ylq-reviewer-1",
         "principal": "ylq-principal-1"}
GENERAL, SIMPLE, ORDERS = 22, 10, 3


def _offline(tmp_path: Path) -> Settings:
    """Settings for the commands that touch no database (the templates)."""
    return Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'unused.db'}")


def _run(module: Any, settings: Settings, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    result: int = module.run(settings, parser.parse_args(argv))
    return result


def _general_row(n: int) -> dict[str, Any]:
    start = date(2022, 2, 1) + timedelta(days=12 * n)
    kind = "BANNER" if n % 4 == 0 else "ILLEGAL_PILING"
    return {"case_id": f"ylq-2022-g-{n}", "unit": UNIT, "party_name": f"某某{n}", "party_type": "CITIZEN",
            "violation_type": kind, "enforcement_item": "SR-PILING" if kind == "ILLEGAL_PILING" else "SR-BANNER",
            "place": f"杨柳青镇某街{n}号", "lead_date": start, "filing_date": start + timedelta(days=1),
            "case_no": f"立〔2022〕{n}号", "decision_date": start + timedelta(days=8),
            "decision_no": f"罚〔2022〕{n}号", "fine_yuan": 200 + n, "service_date": start + timedelta(days=9),
            "disclosure_date": start + timedelta(days=10), "payment_date": start + timedelta(days=12),
            "closing_date": start + timedelta(days=13), **STAFF}


def _simple_row(n: int) -> dict[str, Any]:
    return {"case_id": f"ylq-2022-s-{n}", "unit": UNIT, "party_name": f"某某简{n}", "violation_type":
            "ROAD_OCCUPATION_VENDING", "item_code": "SR-ROAD-OCCUPATION", "place": f"杨柳青镇某路{n}号",
            "decision_date": date(2022, 3, 1) + timedelta(days=20 * n), "decision_no": f"简〔2022〕{n}号",
            "fine_yuan": 50, "case_lead": STAFF["case_lead"], "officer": STAFF["officer"]}


def _order_row(n: int) -> dict[str, Any]:
    issued = date(2022, 5, 1) + timedelta(days=30 * n)
    return {"order_id": f"ylq-2022-r-{n}", "unit": UNIT, "party_name": f"某店{n}", "party_type": "ORGANIZATION",
            "violation_type": "ILLEGAL_PILING", "place": f"杨柳青镇某巷{n}号", "description": "占用公共通道堆放杂物",
            "requirement": "清理堆物", "legal_basis": "《天津市市容和环境卫生管理条例》", "issue_date": issued,
            "deadline_days": 7, "reinspection_date": issued + timedelta(days=7), "result": "COMPLIED",
            "case_lead": STAFF["case_lead"], "officer": STAFF["officer"]}


def _fill(path: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    """The template's rows filled in by name (row 2 holds the field names), below its example row."""
    workbook = load_workbook(io.BytesIO(path.read_bytes()))
    for title, filled in rows.items():
        sheet = workbook[title]
        fields = [cell.value for cell in sheet[2]]
        for row in filled:
            sheet.append([row.get(str(f), None) for f in fields])
    workbook.save(path)


def _figures(db_url: str) -> AnnualFigures:
    async def run() -> AnnualFigures:
        engine = create_engine(db_url)
        try:
            return await compute(engine, scope="yangliuqing", year=2022, as_of=date(2022, 12, 31))
        finally:
            await engine.dispose()

    return asyncio.run(run())


@pytest.fixture
def year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """The cases workbook and the training ledger of 杨柳青镇 2022, filled from the templates."""
    settings = _offline(tmp_path)
    cases = tmp_path / "cases.xlsx"
    assert _run(import_cmd, settings, "template", "cases", "--output", str(cases)) == 0
    _fill(cases, {"一般程序": [_general_row(n) for n in range(1, GENERAL + 1)],
                  "简易程序": [_simple_row(n) for n in range(1, SIMPLE + 1)],
                  "责令改正": [_order_row(n) for n in range(1, ORDERS + 1)]})
    training = tmp_path / "training.xlsx"
    assert _run(ledgers_cmd, settings, "template", "TRAINING", "--output", str(training)) == 0
    workbook = load_workbook(training)
    workbook["RecordTraining"].append([UNIT, "t-1", "2022-03-15 09:00", "行政处罚法培训", "OFFLINE", 6, "OFFICERS"])
    workbook["RecordTraining"].append([UNIT, "t-2", "2022-06-15 09:00", "协勤业务培训", "OFFLINE", 4, "AUXILIARY"])
    workbook.save(training)
    capsys.readouterr()
    return cases, training


def test_the_template_has_chinese_headers_field_names_an_example_and_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "cases.xlsx"
    assert _run(import_cmd, _offline(tmp_path), "template", "cases", "--output", str(path)) == 0

    workbook = load_workbook(path)
    general = workbook["一般程序"]

    assert workbook.sheetnames == ["一般程序", "简易程序", "责令改正", "取值"]
    assert [c.value for c in general[1]][:3] == ["案件编号", "执法单位", "当事人"]
    assert [c.value for c in general[2]][:3] == ["case_id", "unit", "party_name"]
    assert str(general["A3"].value).startswith("示例")
    lists = {v.formula1 for v in general.data_validations.dataValidation}
    assert any("取值" in formula for formula in lists) and len(lists) >= 3


def test_a_year_imported_from_the_workbook_gives_the_reports_figures_and_again_changes_nothing(
        tmp_path: Path, db_url: str, year: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    cases, training = year
    settings = Settings(data_dir=tmp_path, database_url=db_url)

    assert _run(import_cmd, settings, "cases", str(cases), "--dry-run") == 0
    assert "nothing written" in capsys.readouterr().out
    assert _figures(db_url).value("general_procedure_cases") == 0

    assert _run(import_cmd, settings, "cases", str(cases), "--progress") == 0
    first = capsys.readouterr()
    assert f"{GENERAL + SIMPLE + ORDERS} case(s) read" in first.out and "validating" in first.err
    assert _run(ledgers_cmd, settings, "import", "TRAINING", str(training), "--actor", "ylq-lead-1") == 0
    figures = _figures(db_url)

    fines_general = sum(100 * (200 + n) for n in range(1, GENERAL + 1))
    assert {k: figures.value(k) for k in (
        "general_procedure_cases", "simple_procedure_cases", "penalty_cases_total", "fines_imposed_general",
        "fines_imposed_simple", "cases_filed", "legal_reviews_completed", "decisions_disclosure_due",
        "decisions_disclosed_in_scope", "training_hours", "training_hours_auxiliary")} == {
        "general_procedure_cases": GENERAL, "simple_procedure_cases": SIMPLE, "penalty_cases_total": GENERAL + SIMPLE,
        "fines_imposed_general": fines_general, "fines_imposed_simple": SIMPLE * 5000, "cases_filed": GENERAL,
        "legal_reviews_completed": GENERAL, "decisions_disclosure_due": GENERAL,
        "decisions_disclosed_in_scope": GENERAL, "training_hours": 10, "training_hours_auxiliary": 4}
    assert figures.value("disclosure_rate") == 10_000

    capsys.readouterr()
    assert _run(report_cmd, settings, "--town", "yangliuqing", "--year", "2022", "--format", "md",
                "--output", "-") == 0
    text = capsys.readouterr().out
    assert f"一般程序案件{GENERAL}起" in text and f"简易程序案件{SIMPLE}起" in text
    assert "简易程序案件案由均为占道经营/占路摆卖" in text
    assert "未发生行政复议、行政诉讼" in text

    assert _run(import_cmd, settings, "cases", str(cases)) == 0
    assert "0 event(s) appended" in capsys.readouterr().out
    assert _figures(db_url).figures == figures.figures


def test_a_refused_step_is_named_by_sheet_row_and_column_and_nothing_is_written(
        tmp_path: Path, db_url: str, year: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    cases, _ = year
    workbook = load_workbook(cases)
    fields = [c.value for c in workbook["一般程序"][2]]
    # an officer is not a principal: the case cannot be filed by them (row 5 = the third case below the example)
    workbook["一般程序"].cell(row=5, column=fields.index("principal") + 1, value="ylq-officer-1")
    workbook.save(cases)

    assert _run(import_cmd, Settings(data_dir=tmp_path, database_url=db_url), "cases", str(cases)) == 1

    error = capsys.readouterr().err
    assert "nothing written" in error
    assert "sheet '一般程序', row 5, column 'principal'" in error
    assert _figures(db_url).value("penalty_cases_total") == 0
