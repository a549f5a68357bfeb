"""Ledger spreadsheets: a downloadable template per ledger (one sheet per entry type, one column per field, a
comment on each header saying what it takes) and the import of a filled-in workbook into ledger commands.
A bad cell rejects the import naming its sheet, row and column; nothing is half-imported."""

from __future__ import annotations

import dataclasses
import enum
import io
import types
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any, Union, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from domain.codec import from_primitive
from domain.ledgers.commands import LedgerCommand
from domain.ledgers.handlers import HANDLERS
from domain.ledgers.kinds import LedgerKind
from infra.ledgers.headers import zh

LOCAL = ZoneInfo("Asia/Shanghai")
LEADING = ("unit", "entry_id", "occurred_at")
SKIPPED = frozenset({"actors"})
LIST_SEPARATOR = ";"
EXAMPLE_MARK = "示例"
FIRST_DATA_ROW = 4  # after the field names, the Chinese headers and the example
VALIDATED_ROWS = 5_000


class XlsxRowRejected(ValueError):
    def __init__(self, sheet: str, row: int, column: str, message: str) -> None:
        self.sheet, self.row, self.column = sheet, row, column
        super().__init__(f"sheet {sheet!r}, row {row}, column {column!r}: {message}")


def _entries(kind: LedgerKind) -> dict[str, type[LedgerCommand]]:
    return {command.__name__: command for command in HANDLERS[kind]}


def _columns(command: type[LedgerCommand]) -> list[str]:
    names = [f.name for f in dataclasses.fields(command) if f.name not in SKIPPED]
    return [*LEADING, *(n for n in names if n not in LEADING)]


def _describe(tp: Any) -> str:
    args = [a for a in get_args(tp) if a is not type(None)]
    optional = type(None) in get_args(tp)
    base = args[0] if optional and len(args) == 1 else tp
    if isinstance(base, type) and issubclass(base, enum.Enum):
        text = " | ".join(m.value for m in base)
    elif base is datetime:
        text = "date and time (Asia/Shanghai), e.g. 2023-06-15 09:30"
    elif base is date:
        text = "date, e.g. 2023-06-15"
    elif base is bool:
        text = "TRUE/FALSE (是/否)"
    elif base is int:
        text = "whole number"
    elif get_origin(base) is tuple:
        text = f"values separated by '{LIST_SEPARATOR}'"
    else:
        text = "text"
    return text + (" (optional)" if optional else "")


def _enum_of(tp: Any) -> type[enum.Enum] | None:
    args = [a for a in get_args(tp) if a is not type(None)] or [tp]
    base = args[0]
    return base if isinstance(base, type) and issubclass(base, enum.Enum) else None


def _example(field: str, tp: Any) -> Any:
    """A plausible value for the example row (its entry_id marks it, so an import skips it)."""
    if field == "entry_id":
        return f"{EXAMPLE_MARK}-1"
    if field == "unit":
        return "zhangjiawo-bureau"
    args = [a for a in get_args(tp) if a is not type(None)] or [tp]
    base = args[0]
    chosen = _enum_of(tp)
    if chosen is not None:
        return next(iter(chosen)).value
    examples: dict[Any, Any] = {datetime: "2025-03-03 09:00", date: "2025-03-03", bool: "否", int: 1}
    if base in examples:
        return examples[base]
    return f"甲{LIST_SEPARATOR}乙" if get_origin(base) is tuple else "示例文字"


def _drop_down(sheet: Any, column: str, choices: type[enum.Enum]) -> None:
    """A list validation on the column's data rows: the clerk picks a value instead of typing it."""
    validation = DataValidation(type="list", formula1='"' + ",".join(m.value for m in choices) + '"',
                                allow_blank=True, showErrorMessage=True, error="请从下拉列表中选择")
    validation.add(f"{column}{FIRST_DATA_ROW - 1}:{column}{FIRST_DATA_ROW + VALIDATED_ROWS}")
    sheet.add_data_validation(validation)


def template(kind: LedgerKind) -> bytes:
    """One sheet per entry: field names (row 1, what an import reads), Chinese headers (row 2), an example (row 3),
    a drop-down on every enumerated column."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for name, command in _entries(kind).items():
        sheet = workbook.create_sheet(name)
        hints = get_type_hints(command)
        for column, field in enumerate(_columns(command), start=1):
            cell = sheet.cell(row=1, column=column, value=field)
            cell.comment = Comment(f"{zh(field)}: {_describe(hints[field])}", "zhifa")
            sheet.cell(row=2, column=column, value=zh(field)).font = Font(bold=True)
            sheet.cell(row=3, column=column, value=_example(field, hints[field])).font = Font(italic=True,
                                                                                             color="808080")
            sheet.column_dimensions[cell.column_letter].width = max(14, len(field) + 4)
            choices = _enum_of(hints[field])
            if choices is not None:
                _drop_down(sheet, cell.column_letter, choices)
        sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _is_template_row(header: Sequence[str], values: Sequence[Any]) -> bool:
    """The template's own rows: the Chinese headers, and the example (its entry_id starts with 示例)."""
    cells = {column: str(v).strip() for column, v in zip(header, values, strict=False) if column and v is not None}
    if cells and all(text == zh(column) for column, text in cells.items()):
        return True
    return cells.get("entry_id", "").startswith(EXAMPLE_MARK)


def import_rows(kind: LedgerKind, data: bytes, *, actor: str) -> list[LedgerCommand]:
    entries = _entries(kind)
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    commands: list[LedgerCommand] = []
    for sheet in workbook.worksheets:
        command = entries.get(sheet.title)
        if command is None:
            raise XlsxRowRejected(sheet.title, 1, "", f"not an entry of the {kind.value} ledger; sheets are "
                                                      f"{', '.join(entries)}")
        rows = list(sheet.iter_rows(values_only=True))
        if not rows:
            continue
        header = [str(h).strip() if h is not None else "" for h in rows[0]]
        columns = _columns(command)
        unknown = [h for h in header if h and h not in columns]
        if unknown:
            raise XlsxRowRejected(sheet.title, 1, unknown[0], "unknown column")
        hints = get_type_hints(command)
        for number, values in enumerate(rows[1:], start=2):
            if all(v is None or str(v).strip() == "" for v in values) or _is_template_row(header, values):
                continue
            commands.append(_command(command, hints, sheet.title, number, header, values, actor))
    return commands


def _command(command: type[LedgerCommand], hints: dict[str, Any], sheet: str, row: int, header: Sequence[str],
             values: Sequence[Any], actor: str) -> LedgerCommand:
    fields: dict[str, Any] = {"actors": [actor]}
    for column, value in zip(header, values, strict=False):
        if not column or value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            fields[column] = _cell(hints[column], value)
        except (TypeError, ValueError) as exc:
            raise XlsxRowRejected(sheet, row, column, str(exc)) from None
    for field in dataclasses.fields(command):
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        if required and field.name not in fields:
            raise XlsxRowRejected(sheet, row, field.name, "required")
    try:
        result: LedgerCommand = from_primitive(command, fields)
    except (TypeError, ValueError, KeyError) as exc:
        raise XlsxRowRejected(sheet, row, "", str(exc)) from None
    return result


def _cell(tp: Any, value: Any) -> Any:
    """A cell's value as the codec's primitive for `tp` (naive times are Asia/Shanghai)."""
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return _cell(args[0], value)
    if tp is datetime:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
        if isinstance(value, date) and not isinstance(value, datetime):
            moment = datetime.combine(value, time())
        return (moment if moment.tzinfo else moment.replace(tzinfo=LOCAL)).isoformat()
    if tp is date:
        day = value.date() if isinstance(value, datetime) else value
        return (day if isinstance(day, date) else date.fromisoformat(str(day).strip())).isoformat()
    if tp is bool:
        text = str(value).strip().upper()
        if text in ("TRUE", "1", "是", "Y", "YES"):
            return True
        if text in ("FALSE", "0", "否", "N", "NO"):
            return False
        raise ValueError(f"{value!r} is not TRUE/FALSE")
    if tp is int:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        return int(str(value).strip()) if isinstance(value, str) else int(value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        text = str(value).strip()
        if text not in {m.value for m in tp}:
            raise ValueError(f"{text!r} is not one of {', '.join(m.value for m in tp)}")
        return text
    if get_origin(tp) is tuple:
        return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]
    return str(value).strip()


