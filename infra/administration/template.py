"""The onboarding workbook written out: every sheet with its field names (row 1, what an import reads), Chinese
headers (row 2) and drop-downs for enumerated columns; the blank template carries one example row per sheet
(first cell 示例…, skipped on import), the example workbook real rows (a district and town to onboard)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from infra.administration.sheets import SHEETS, Cell, Column, Sheet
from infra.bulk_import.rows import EXAMPLE_PREFIX

VALIDATED_ROWS = 500

Rows = Mapping[str, Sequence[Mapping[str, Any]]]  # sheet name → rows of values by column name


def write_workbook(rows: Rows | None = None) -> bytes:
    """The template (rows None: one example row per sheet), or a workbook holding `rows`."""
    book = Workbook()
    book.remove(book.worksheets[0])
    for sheet in SHEETS:
        worksheet = book.create_sheet(sheet.name)
        _header(worksheet, sheet)
        data = rows.get(sheet.name, ()) if rows is not None else (_example(sheet),)
        for number, values in enumerate(data, start=3):
            for index, column in enumerate(sheet.columns, start=1):
                worksheet.cell(row=number, column=index, value=_shown(column, values.get(column.name)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header(worksheet: Any, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        cell = worksheet.cell(row=1, column=index, value=column.name)
        cell.comment = Comment(_describe(column), "zhifa")
        worksheet.cell(row=2, column=index, value=column.zh).font = Font(bold=True)
        worksheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
        if column.choices and column.cell is not Cell.LIST:
            _drop_down(worksheet, letter, column.choices)
    worksheet.freeze_panes = "A3"


def _describe(column: Column) -> str:
    what = {Cell.DAY: "日期 YYYY-MM-DD", Cell.YUAN: "金额（元）", Cell.LIST: "多个值以逗号或顿号分隔",
            Cell.FLAG: "是/否", Cell.INTEGER: "整数", Cell.TEXT: "文字"}[column.cell]
    allowed = f"；可选值：{'、'.join(column.choices)}" if column.choices else ""
    return f"{column.zh}：{what}{allowed}{'' if column.required else '（可空）'}"


def _drop_down(worksheet: Any, letter: str, choices: Sequence[str]) -> None:
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                showErrorMessage=True, error="请从下拉列表中选择")
    validation.add(f"{letter}3:{letter}{VALIDATED_ROWS}")
    worksheet.add_data_validation(validation)


def _example(sheet: Sheet) -> dict[str, Any]:
    first = sheet.columns[0]
    values = {c.name: _sample(c) for c in sheet.columns if c.required}
    return {**values, first.name: f"{EXAMPLE_PREFIX}-{first.zh}"}


def _sample(column: Column) -> Any:
    samples = {Cell.DAY: "2025-01-01", Cell.YUAN: 100, Cell.FLAG: "否", Cell.INTEGER: 5}
    if column.choices:
        return column.choices[0]
    return samples.get(column.cell, column.zh)


def _shown(column: Column, value: Any) -> Any:
    """A row's value as the sheet shows it: lists joined, flags as 是/否 (amounts are in yuan already)."""
    if value is None:
        return None
    if column.cell is Cell.LIST and not isinstance(value, str):
        return "、".join(value)
    if column.cell is Cell.FLAG and isinstance(value, bool):
        return "是" if value else "否"
    return value
