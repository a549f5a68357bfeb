"""Writing an .xlsx from an async stream of rows without holding it in memory, and serving it in chunks.

openpyxl's write-only workbook writes each row to a temporary file as it is appended; saving zips those into the
workbook file, which is then read back in chunks. An .xlsx is a zip whose directory comes last, so the bytes
cannot go out before the last row is written; what is bounded is memory, not latency."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

LOCAL = ZoneInfo("Asia/Shanghai")
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Column:
    field: str
    zh: str  # the header a township office reads (the field name goes in the row below, for re-imports)
    width: int = 16


def _cell_value(value: Any) -> Any:
    """Excel has no time zones: moments are written as Asia/Shanghai wall time; lists as `;`-joined text."""
    if isinstance(value, datetime):
        return value.astimezone(LOCAL).replace(tzinfo=None)
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value)
    return value


def _headers(sheet: WriteOnlyWorksheet, columns: Sequence[Column]) -> None:
    bold = Font(bold=True)
    zh = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.zh)
        cell.font = bold
        zh.append(cell)
    sheet.append(zh)
    sheet.append([column.field for column in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[_letter(index)].width = column.width


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


async def write_xlsx(path: str, title: str, columns: Sequence[Column],
                     batches: AsyncIterator[Sequence[Sequence[Any]]]) -> int:
    """Write the rows of `batches` under a two-line header (Chinese, then field names); the rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A3"
    _headers(sheet, columns)
    written = 0
    async for batch in batches:
        for row in batch:
            sheet.append([_cell_value(v) for v in row])
        written += len(batch)
    await asyncio.to_thread(workbook.save, path)
    return written


async def xlsx_chunks(title: str, columns: Sequence[Column],
                      batches: AsyncIterator[Sequence[Sequence[Any]]]) -> AsyncIterator[bytes]:
    """The workbook's bytes in chunks, for a StreamingResponse; the temporary file is gone afterwards."""
    handle, path = tempfile.mkstemp(prefix="zhifa-export-", suffix=".xlsx")
    os.close(handle)
    try:
        await write_xlsx(path, title, columns, batches)
        with open(path, "rb") as workbook:  # noqa: ASYNC230 - local temp file, chunk reads are short
            while chunk := await asyncio.to_thread(workbook.read, CHUNK):
                yield chunk
    finally:
        os.unlink(path)
