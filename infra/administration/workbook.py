"""The onboarding workbook (.xlsx) read into register records, remembering the cell each field came from, so a
record the register refuses is named by sheet, row and column — the whole workbook is refused, nothing changes.

Row 1 holds the field names (what is read), row 2 the Chinese headers, row 3 an example (its first cell starts with
示例); data from row 3 on. Every sheet is optional: a workbook of new officers alone is an import too."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from infra.administration.sheets import SHEETS_BY_NAME, Cell, Column, Sheet
from infra.bulk_import.rows import EXAMPLE_PREFIX

FIELD_ROW, FIRST_DATA_ROW = 1, 3
SEPARATORS = re.compile(r"[,，、;；\s]+")
FLAGS = {"是": True, "否": False, "true": True, "false": False, "1": True, "0": False, "y": True, "n": False}


class WorkbookRejected(ValueError):
    """A cell (or a sheet) of the workbook that cannot be taken; the message names sheet, cell and field."""

    def __init__(self, sheet: str, row: int | None, column: str | None, message: str, *, letter: str = "") -> None:
        self.sheet, self.row, self.column, self.reason = sheet, row, column, message
        where = [f"sheet {sheet!r}"]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}" + (f" (cell {letter}{row})" if letter and row else ""))
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass
class Origin:
    """Where a record came from: its sheet and row, its fields' column letters, and its nested rows."""

    sheet: Sheet
    row: int
    letters: dict[str, str]
    nested: dict[str, list[Origin]] = field(default_factory=dict)

    def rejected(self, field_name: str | None, message: str) -> WorkbookRejected:
        column = self.sheet.by_target(field_name) if field_name else None
        name = column.name if column is not None else self.sheet.columns[0].name
        return WorkbookRejected(self.sheet.name, self.row, name, message, letter=self.letters.get(name, ""))


@dataclass
class Read:
    """The workbook's records per register (id → record) and where each came from."""

    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)


def read_workbook(data: bytes) -> Read:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise WorkbookRejected("(file)", None, None, f"not an .xlsx workbook: {exc}") from None
    read = Read()
    sheets = {name: _rows(book[name], _sheet(name)) for name in book.sheetnames}
    for name, rows in sheets.items():  # top-level records first, then what nests in them
        sheet = SHEETS_BY_NAME[name]
        if sheet.nested is None:
            _take(read, sheet, rows)
    for name, rows in sheets.items():
        sheet = SHEETS_BY_NAME[name]
        if sheet.nested is not None:
            _nest(read, sheet, rows)
    return read


def _sheet(name: str) -> Sheet:
    sheet = SHEETS_BY_NAME.get(name)
    if sheet is None:
        raise WorkbookRejected(name, None, None, f"unknown sheet; expected one of {', '.join(SHEETS_BY_NAME)}")
    return sheet


Row = tuple[int, dict[str, Any], dict[str, str]]  # row number, values by column name, letters by column name


def _rows(worksheet: Any, sheet: Sheet) -> list[Row]:
    values = list(worksheet.iter_rows(values_only=True))
    header = [str(v).strip() if v is not None else "" for v in (values[0] if values else ())]
    _check_header(sheet, header)
    letters = {name: get_column_letter(i + 1) for i, name in enumerate(header) if name}
    rows: list[Row] = []
    for number, row in enumerate(values[FIRST_DATA_ROW - 1:], start=FIRST_DATA_ROW):
        cells = {name: _cell(sheet, number, name, letters[name], value)
                 for name, value in zip(header, row, strict=False) if name and _filled(value)}
        if cells and not str(next(iter(cells.values()))).startswith(EXAMPLE_PREFIX):
            rows.append((number, cells, letters))
    return rows


def _check_header(sheet: Sheet, header: Sequence[str]) -> None:
    for index, name in enumerate(header):
        if name and sheet.column(name) is None:
            raise WorkbookRejected(sheet.name, FIELD_ROW, name, "unknown column; expected one of "
                                   + ", ".join(c.name for c in sheet.columns), letter=get_column_letter(index + 1))
    for column in sheet.columns:
        if column.required and column.name not in header:
            raise WorkbookRejected(sheet.name, FIELD_ROW, column.name, "the column is missing")


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _cell(sheet: Sheet, row: int, name: str, letter: str, value: Any) -> Any:
    column = sheet.column(name)
    assert column is not None
    try:
        return _read(column, value)
    except ValueError as exc:
        raise WorkbookRejected(sheet.name, row, name, str(exc), letter=letter) from None


def _read(column: Column, value: Any) -> Any:
    if column.cell is Cell.DAY:
        return _day(value)
    if column.cell is Cell.YUAN:
        return _fen(value)
    if column.cell is Cell.LIST:
        return [_choice(column, v) for v in SEPARATORS.split(str(value).strip()) if v]
    if column.cell is Cell.FLAG:
        return _flag(value)
    if column.cell is Cell.INTEGER:
        return _integer(value)
    return _choice(column, str(value).strip())


def _choice(column: Column, text: str) -> str:
    if column.choices and text not in column.choices:
        raise ValueError(f"{text!r} is not one of {', '.join(column.choices)}")
    return text


def _day(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def _fen(value: Any) -> int:
    try:
        yuan = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"expected an amount in yuan, got {value!r}") from None
    fen = yuan * 100
    if fen != fen.to_integral_value() or fen < 0:
        raise ValueError(f"expected a non-negative amount in yuan with at most 2 decimals, got {value!r}")
    return int(fen)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    flag = FLAGS.get(str(value).strip().lower())
    if flag is None:
        raise ValueError(f"expected 是 or 否, got {value!r}")
    return flag


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, float) and value.is_integer())):
        raise ValueError(f"expected a whole number, got {value!r}")
    return int(value)


def _fields(sheet: Sheet, cells: Mapping[str, Any], names: Sequence[str] | None = None) -> dict[str, Any]:
    chosen = [c for c in sheet.columns if names is None or c.name in names]
    return {c.target: cells[c.name] for c in chosen if c.name in cells}


def _take(read: Read, sheet: Sheet, rows: Sequence[Row]) -> None:
    records = read.records.setdefault(sheet.register, {})
    for number, cells, letters in rows:
        key = sheet.grouped.key if sheet.grouped else sheet.columns[0].name
        record_id = str(cells.get(key, ""))
        if not record_id:
            raise WorkbookRejected(sheet.name, number, key, "the record's id is empty", letter=letters.get(key, ""))
        origin = Origin(sheet, number, letters)
        if sheet.grouped is None:
            _once(read, sheet, record_id, origin)
            records[record_id] = _fields(sheet, cells)
        else:
            _group(read, sheet, records, record_id, cells, origin)


def _once(read: Read, sheet: Sheet, record_id: str, origin: Origin) -> None:
    if (sheet.register, record_id) in read.origins:
        first = read.origins[(sheet.register, record_id)]
        raise origin.rejected(None, f"{record_id!r} is listed twice (first in row {first.row})")
    read.origins[(sheet.register, record_id)] = origin


def _group(read: Read, sheet: Sheet, records: dict[str, dict[str, Any]], record_id: str,
           cells: Mapping[str, Any], origin: Origin) -> None:
    assert sheet.grouped is not None
    header = _fields(sheet, cells, (sheet.grouped.key, *sheet.grouped.header))
    item_names = [c.name for c in sheet.columns if c.name not in (sheet.grouped.key, *sheet.grouped.header)]
    record = records.setdefault(record_id, {**header, sheet.grouped.into: []})
    first = read.origins.setdefault((sheet.register, record_id), origin)
    for name in sheet.grouped.header:
        if record.get(name) != header.get(name):
            raise origin.rejected(name, f"differs from row {first.row} of the same {sheet.grouped.key} {record_id!r}")
    record[sheet.grouped.into].append(_fields(sheet, cells, item_names))
    first.nested.setdefault(sheet.grouped.into, []).append(origin)


def _nest(read: Read, sheet: Sheet, rows: Sequence[Row]) -> None:
    assert sheet.nested is not None
    parents = [SHEETS_BY_NAME[name] for name in sheet.nested.sheets]
    for number, cells, letters in rows:
        parent_id = str(cells.get(sheet.nested.parent_column, ""))
        parent = next((p for p in parents if parent_id in read.records.get(p.register, {})), None)
        origin = Origin(sheet, number, letters)
        if parent is None:
            listed = " or ".join(repr(p.name) for p in parents)
            raise origin.rejected(sheet.nested.parent_column,
                                  f"{parent_id!r} is not listed in sheet {listed} of this workbook")
        record = read.records[parent.register][parent_id]
        own = [c.name for c in sheet.columns if c.name != sheet.nested.parent_column]
        record.setdefault(sheet.nested.into, []).append(_fields(sheet, cells, own))
        read.origins[(parent.register, parent_id)].nested.setdefault(sheet.nested.into, []).append(origin)
