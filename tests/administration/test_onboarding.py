"""Onboarding a district and town the demo set does not hold, from the example workbook alone: its officers,
its own catalog, refusals named by cell with nothing changed, and re-runs that change nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from infra.administration.example import example_rows, example_workbook
from infra.administration.onboarding import Workbook, import_workbook
from infra.administration.register import ReferenceRegister
from infra.administration.template import write_workbook
from infra.administration.workbook import WorkbookRejected, read_workbook
from tests.administration.conftest import AT
from zhifa.context import town_slice

pytestmark = pytest.mark.asyncio
DAY = date(2024, 1, 2)


async def onboard(register: ReferenceRegister, data: bytes, **options: object) -> object:
    return await import_workbook(register, Workbook(data, "jinghai.xlsx"), effective_from=DAY, actor="installer",
                                 at=AT, **options)  # type: ignore[arg-type]


async def test_a_new_district_and_town_are_onboarded_from_the_workbook_alone(register: ReferenceRegister) -> None:
    await onboard(register, example_workbook())
    loaded = await register.as_of(DAY)
    assert loaded is not None
    reference = loaded.reference
    assert reference.towns["daqiuzhuang"].district == "jinghai"
    assert reference.officers["dqz-lead-1"].certified_on(DAY)
    assert loaded.profiles["daqiuzhuang"].name == "daqiuzhuang-2024"
    own = town_slice(reference, "daqiuzhuang", with_benchmarks=True)
    assert sorted(own.items) == sorted(f"JH-{c}" for c in ("SR-ROAD-OCCUPATION", "SR-PILING", "SR-POSTING",
                                                            "SR-OUTDOOR-AD", "SR-MUCK-SPILLAGE"))
    assert set(own.benchmarks) == {"JH-SR-PILING-1", "JH-SR-PILING-2"}
    assert len(town_slice(reference, "dasi", with_benchmarks=False).items) == 40  # the demo towns keep theirs


async def test_re_running_the_import_changes_nothing(register: ReferenceRegister) -> None:
    await onboard(register, example_workbook())
    count = await register.version()
    again = await onboard(register, example_workbook())
    assert again.changes == ()  # type: ignore[attr-defined]
    assert await register.version() == count


def broken(sheet: str, column: str, value: object, row: int = 0) -> bytes:
    rows = {name: [dict(r) for r in records] for name, records in example_rows().items()}
    rows[sheet][row][column] = value
    return write_workbook(rows)


@pytest.mark.parametrize(("sheet", "column", "value", "message"), [
    ("人员", "category", "CERTIFIED", "sheet '人员', row 3, column 'category' (cell E3): 'CERTIFIED' is not one "
                                      "of OFFICER, AUXILIARY, LOGISTICS, LEGAL_ADVISOR"),
    ("执法证", "expires_on", "2020-01-01", "sheet '执法证', row 3, column 'expires_on' (cell D3): expires 2020-01-01 "
                                          "before it is issued 2024-01-02"),
    ("执法事项目录", "fine_max_yuan", 1, "sheet '执法事项目录', row 3, column 'fine_max_yuan' (cell N3): "
                                      "maximum 100 is below the minimum 5000"),
    ("人员", "unit", "nowhere", "sheet '人员', row 3, column 'unit' (cell D3): unknown unit 'nowhere'"),
    ("裁量基准", "item_code", "SR-PILING", "sheet '裁量基准', row 3, column 'item_code' (cell C3): unknown catalog "
                                        "item 'SR-PILING' of daqiuzhuang's catalog"),
    ("执法证", "issued_on", "yesterday", "sheet '执法证', row 3, column 'issued_on' (cell C3): expected a date "
                                        "YYYY-MM-DD, got 'yesterday'"),
])
async def test_a_broken_onboarding_file_is_refused_naming_the_cell_and_nothing_changes(
        register: ReferenceRegister, sheet: str, column: str, value: object, message: str) -> None:
    count = await register.version()
    with pytest.raises(WorkbookRejected) as refused:
        await onboard(register, broken(sheet, column, value))
    assert str(refused.value) == message
    assert await register.version() == count


async def test_a_district_administrator_may_onboard_only_their_own_district(register: ReferenceRegister) -> None:
    with pytest.raises(WorkbookRejected) as refused:
        await onboard(register, example_workbook(), keeper="xiqing")
    assert "may not change it" in str(refused.value)


async def test_the_blank_template_has_every_sheet_and_reads_as_nothing() -> None:
    data = write_workbook()
    assert load_workbook(io.BytesIO(data)).sheetnames == ["区", "镇街", "执法单位", "人员", "执法证", "违法类型",
                                                          "执法事项目录", "裁量基准", "轻微免罚清单", "规则配置"]
    assert all(not records for records in read_workbook(data).records.values())
