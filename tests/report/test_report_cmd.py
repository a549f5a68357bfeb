"""``zhifa report``: resolves the town by code or name, asks the statistics for its figures up to --as-of, and
writes the report in the chosen format (the statistics computation is replaced by a stub returning fixtures)."""

from __future__ import annotations

import argparse
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from domain.statistics.figures import AnnualFigures
from infra.settings import Settings
from tests.report.seeds import zhangjiawo_2022
from zhifa import report_cmd


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    async def compute(engine: Any, *, scope: str, year: int, as_of: date, reference: Any) -> AnnualFigures:
        assert "zhangjiawo" in reference.towns
        calls.append({"scope": scope, "year": year, "as_of": as_of})
        return zhangjiawo_2022()

    stub = types.ModuleType("infra.statistics")
    stub.compute = compute  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "infra.statistics", stub)
    return calls


@pytest.fixture(autouse=True)
def migrated(sqlite_url: str) -> str:
    """The migrated database at tmp_path/zhifa.db: the command records the export in its security log."""
    return sqlite_url


def _run(tmp_path: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    report_cmd.add_arguments(parser)
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'zhifa.db'}")
    return report_cmd.run(settings, parser.parse_args(argv))


def test_report_by_town_name_is_written_as_markdown(computed: list[dict[str, Any]], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "out" / "report.md"

    code = _run(tmp_path, "--town", "张家窝镇", "--year", "2022", "--as-of", "2022-12-07", "--format", "md",
                "--output", str(output))

    assert code == 0
    assert computed == [{"scope": "zhangjiawo", "year": 2022, "as_of": date(2022, 12, 7)}]
    text = output.read_text(encoding="utf-8")
    assert text.startswith("<!-- 数据截至2022年12月7日")
    assert "# 张家窝镇2022年度行政执法工作报告" in text
    assert "截至12月7日，全镇共计立案250起，履行违法建设执法程序59起。全镇行政处罚案件65起，共处罚481140.6元。" in text
    assert '<p align="right">西青区张家窝镇人民政府<br>2022年12月7日</p>' in text
    assert f"张家窝镇2022年度行政执法工作报告: {output}" in capsys.readouterr().out


def test_report_by_town_code_defaults_to_docx_under_the_data_dir_named_after_town_and_year(
        computed: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    code = _run(tmp_path, "--town", "zhangjiawo", "--year", "2022", "--as-of", "2022-12-07")

    assert code == 0
    assert (tmp_path / "reports" / "zhangjiawo-2022-行政执法工作报告.docx").read_bytes()[:2] == b"PK"


def test_unknown_town_is_refused_with_the_known_ones(computed: list[dict[str, Any]], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(tmp_path, "--town", "静海镇", "--year", "2022", "--format", "json", "--output", "-")

    assert code == 2
    assert computed == []
    assert "no town '静海镇' in the reference data (known: 张家窝镇 (zhangjiawo)" in capsys.readouterr().err


def test_as_of_outside_the_year_is_refused(computed: list[dict[str, Any]], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(tmp_path, "--town", "zhangjiawo", "--year", "2022", "--as-of", "2023-01-05", "--format", "md")

    assert code == 2
    assert computed == []
    assert "--as-of 2023-01-05 is not in 2022" in capsys.readouterr().err
