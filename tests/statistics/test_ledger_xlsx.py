"""Ledger spreadsheets: the template has a sheet per entry and a column per field; a filled-in workbook imports
into ledger commands; a bad cell is rejected naming sheet, row and column."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from domain.ledgers import commands as c
from domain.ledgers.kinds import LedgerKind
from domain.ledgers.values import TrainingAudience, TrainingCategory, TrainingMode
from domain.reference import StaffCategory
from infra.ledgers.xlsx import XlsxRowRejected, import_rows, template


def _filled(kind: LedgerKind, sheet: str, *rows: list[object]) -> bytes:
    workbook = load_workbook(io.BytesIO(template(kind)))
    for other in [s for s in workbook.worksheets if s.title != sheet]:
        workbook.remove(other)
    for row in rows:
        workbook[sheet].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_template_has_a_sheet_per_entry_and_a_column_per_field() -> None:
    workbook = load_workbook(io.BytesIO(template(LedgerKind.ROSTER)))
    assert workbook.sheetnames == ["JoinStaff", "IssueCertificate", "CancelCertificate", "LeaveStaff"]
    header = [cell.value for cell in workbook["JoinStaff"][1]]
    assert header == ["unit", "entry_id", "occurred_at", "person_id", "name", "category", "legal_reviewer",
                      "supervisor"]
    assert "OFFICER | AUXILIARY" in (workbook["JoinStaff"]["F1"].comment.text or "")


def test_the_template_has_chinese_headers_an_example_that_is_not_imported_and_drop_downs() -> None:
    data = template(LedgerKind.ROSTER)
    sheet = load_workbook(io.BytesIO(data))["JoinStaff"]
    assert [cell.value for cell in sheet[2]][:6] == ["执法单位", "记录编号", "发生时间", "人员编号", "姓名", "类别"]
    assert sheet["B3"].value == "示例-1" and sheet["F3"].value == "OFFICER"
    drop_downs = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert any(ref.startswith("F3:") and '"OFFICER,' in formula for ref, formula in drop_downs.items())
    assert import_rows(LedgerKind.ROSTER, data, actor="clerk-1") == []  # untouched template: nothing to record


def test_filled_rows_import_as_ledger_commands_with_local_times() -> None:
    data = _filled(LedgerKind.TRAINING, "RecordTraining",
                   ["yangliuqing-bureau", "t-1", datetime(2023, 3, 15, 9, 0), "行政处罚法培训", "OFFLINE", 6, "ALL",
                    None, "区司法局"])
    (command,) = import_rows(LedgerKind.TRAINING, data, actor="clerk-1")
    assert command == c.RecordTraining(
        occurred_at=datetime(2023, 3, 15, 1, 0, tzinfo=UTC), actors=("clerk-1",), unit="yangliuqing-bureau",
        entry_id="t-1", title="行政处罚法培训", mode=TrainingMode.OFFLINE, hours=6, audience=TrainingAudience.ALL,
        category=TrainingCategory.PROGRAMME, organiser="区司法局")


def test_roster_rows_take_categories_flags_and_dates() -> None:
    data = _filled(LedgerKind.ROSTER, "JoinStaff",
                   ["dasi-bureau", "r-1", "2020-01-02 09:00", "p-1", "王五", "OFFICER", "是"])
    (command,) = import_rows(LedgerKind.ROSTER, data, actor="clerk-1")
    assert isinstance(command, c.JoinStaff)
    assert (command.category, command.legal_reviewer, command.occurred_at.date()) == (
        StaffCategory.OFFICER, True, date(2020, 1, 2))


def test_a_bad_cell_is_rejected_naming_sheet_row_and_column() -> None:
    data = _filled(LedgerKind.TRAINING, "RecordTraining",
                   ["yangliuqing-bureau", "t-1", "2023-03-15", "培训", "OFFLINE", 6],
                   ["yangliuqing-bureau", "t-2", "2023-03-16", "培训", "BY_CARRIER_PIGEON", 6])
    with pytest.raises(XlsxRowRejected) as info:
        import_rows(LedgerKind.TRAINING, data, actor="clerk-1")
    # the sheet's row 5: after the field names, the Chinese headers, the example and the first entry
    assert (info.value.sheet, info.value.row, info.value.column) == ("RecordTraining", 5, "mode")
    assert "'BY_CARRIER_PIGEON' is not one of ONLINE, OFFLINE" in str(info.value)


def test_a_missing_required_cell_is_rejected() -> None:
    data = _filled(LedgerKind.TRAINING, "RecordTraining", ["yangliuqing-bureau", "t-1", "2023-03-15", "培训"])
    with pytest.raises(XlsxRowRejected) as info:
        import_rows(LedgerKind.TRAINING, data, actor="clerk-1")
    assert (info.value.row, info.value.column) == (4, "mode")  # the first row after the template's three


def test_a_sheet_of_another_ledger_is_rejected() -> None:
    data = _filled(LedgerKind.ROSTER, "LeaveStaff", ["dasi-bureau", "r-9", "2020-01-02", "p-1"])
    with pytest.raises(XlsxRowRejected) as info:
        import_rows(LedgerKind.TRAINING, data, actor="clerk-1")
    assert (info.value.sheet, info.value.row) == ("LeaveStaff", 1)
