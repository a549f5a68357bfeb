"""The case workbook (台账) of a past year: `template` writes it (one sheet per procedure, the Chinese header above
each field name, one example row, drop-downs for the enumerations from a value sheet); `read_workbook` turns a
filled one into the bulk-import document and remembers where each step came from (`Origin`), so a step the
deciders refuse is named by sheet, row and column. A cell that cannot be read rejects the whole workbook."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from domain.reference import ReferenceData
from infra.bulk_import.importer import FORMAT
from infra.bulk_import.rows import (
    EXAMPLE_PREFIX,
    PARTY_TYPES,
    RESULTS,
    SHEETS,
    Column,
    RowRejected,
    Sheet,
)

HEADER_ROWS = 2  # row 1: 中文表头, row 2: field names (what the import reads)
VALUES_SHEET = "取值"


class CellRejected(ValueError):
    def __init__(self, sheet: str, row: int, column: str, message: str) -> None:
        self.sheet, self.row, self.column = sheet, row, column
        super().__init__(f"sheet {sheet!r}, row {row}, column {column!r}: {message}")


@dataclass(frozen=True)
class Origin:
    """Where one history of the document came from: its sheet and row, and per step the columns it used."""

    sheet: str
    row: int
    steps: tuple[tuple[str, ...], ...]

    def column_of(self, step: int, field: str | None) -> str:
        """The column to blame for step `step` (1-based): the one named by the refused field, else its date."""
        columns = self.steps[step - 1] if 0 < step <= len(self.steps) else ("",)
        spelled = {"fine_amount_fen": "fine_yuan", "fine_fen": "fine_yuan", "amount_fen": "fine_yuan",
                   "document_no": "decision_no", "decision_number": "decision_no", "occurred_at": columns[0],
                   "actors": next((c for c in ("principal", "reviewer", "case_lead") if c in columns), columns[0])}
        name = spelled.get(field or "", field or "")
        return name if name in columns else columns[0]


def _value_lists(reference: ReferenceData) -> dict[str, Sequence[str]]:
    units = sorted(u.code for t in reference.towns.values() for u in t.units)
    return {"PARTY_TYPES": PARTY_TYPES, "VIOLATION_TYPES": sorted(reference.violation_types), "UNITS": units,
            "RESULTS": RESULTS}


def template(reference: ReferenceData) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    lists = _value_lists(reference)
    values = workbook.create_sheet(VALUES_SHEET)
    ranges: dict[str, str] = {}
    for index, (name, items) in enumerate(lists.items(), start=1):
        letter = values.cell(row=1, column=index, value=name).column_letter
        for offset, item in enumerate(items, start=2):
            values.cell(row=offset, column=index, value=item)
        ranges[name] = f"{VALUES_SHEET}!${letter}$2:${letter}${len(items) + 1}"
    for sheet in SHEETS.values():
        _sheet(workbook, sheet, ranges)
    workbook.move_sheet(VALUES_SHEET, offset=len(SHEETS))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook: Workbook, spec: Sheet, ranges: dict[str, str]) -> None:
    sheet = workbook.create_sheet(spec.title)
    for index, column in enumerate(spec.columns, start=1):
        header = sheet.cell(row=1, column=index, value=column.header + ("" if column.required else "（选填）"))
        header.font = Font(bold=True)
        sheet.cell(row=2, column=index, value=column.field).font = Font(color="808080")
        example = sheet.cell(row=3, column=index, value=column.example)
        example.font = Font(italic=True, color="808080")
        if column.kind == "date":
            example.number_format = "yyyy-mm-dd"
        sheet.column_dimensions[header.column_letter].width = max(14, 2 * len(column.header) + 2)
        if column.choices:
            validation = DataValidation(type="list", formula1=f"={ranges[column.choices]}", allow_blank=True)
            validation.add(f"{header.column_letter}{HEADER_ROWS + 1}:{header.column_letter}5000")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROWS + 1, column=1)


def read_workbook(data: bytes, reference: ReferenceData) -> tuple[dict[str, Any], list[Origin]]:
    """The bulk-import document of the workbook's rows (example rows skipped) and each history's origin."""
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    towns = {u.code: t.code for t in reference.towns.values() for u in t.units}
    cases: list[dict[str, Any]] = []
    origins: list[Origin] = []
    for sheet in workbook.worksheets:
        spec = SHEETS.get(sheet.title)
        if spec is None:
            if sheet.title != VALUES_SHEET:
                raise CellRejected(sheet.title, 1, "", f"not a case sheet; sheets are {', '.join(SHEETS)}")
            continue
        rows = list(sheet.iter_rows(values_only=True))
        fields = [str(v).strip() if v is not None else "" for v in (rows[1] if len(rows) > 1 else ())]
        known = {c.field: c for c in spec.columns}
        unknown = [f for f in fields if f and f not in known]
        if unknown:
            raise CellRejected(sheet.title, 2, unknown[0], "unknown column (row 2 holds the field names)")
        for number, values in enumerate(rows[HEADER_ROWS:], start=HEADER_ROWS + 1):
            row = _row(sheet.title, number, fields, values, known)
            if row is None or str(row.get(spec.id_field, "")).startswith(EXAMPLE_PREFIX):
                continue
            town = towns.get(str(row.get("unit", "")))
            if town is None:
                raise CellRejected(sheet.title, number, "unit", f"unknown enforcement unit {row.get('unit')!r}")
            try:
                steps = spec.expand(row, town)
            except RowRejected as rejected:
                raise CellRejected(sheet.title, number, rejected.column, str(rejected)) from None
            cases.append({"kind": spec.kind, "steps": [s.raw for s in steps]})
            origins.append(Origin(sheet.title, number, tuple(s.columns for s in steps)))
    return {"format": FORMAT, "cases": cases}, origins


def _row(sheet: str, number: int, fields: list[str], values: Sequence[Any],
         known: dict[str, Column]) -> dict[str, Any] | None:
    if all(v is None or str(v).strip() == "" for v in values):
        return None
    row: dict[str, Any] = {}
    for name, value in zip(fields, values, strict=False):
        if not name or value is None or str(value).strip() == "":
            continue
        try:
            row[name] = _cell(known[name], value)
        except ValueError as exc:
            raise CellRejected(sheet, number, name, str(exc)) from None
    for column in known.values():
        if column.required and column.field not in row and column.kind != "date":
            raise CellRejected(sheet, number, column.field, f"required ({column.header})")
    return row


def _cell(column: Column, value: Any) -> Any:
    if column.kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return date.fromisoformat(str(value).strip())
    if column.kind == "yuan":  # read in yuan (481140.6), kept in fen: no float ever touches the amount
        try:
            fen = Decimal(str(value).strip()) * 100
        except InvalidOperation:
            raise ValueError(f"{value!r} is not an amount in yuan") from None
        if fen != fen.to_integral_value() or fen < 0:
            raise ValueError(f"{value!r} is not an amount in yuan with at most two decimals")
        return int(fen)
    if column.kind == "int":
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        return int(str(value).strip()) if isinstance(value, str) else int(value)
    return str(value).strip()
