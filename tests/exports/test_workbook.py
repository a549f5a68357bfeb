"""The streaming writer: batches go into a write-only workbook row by row; the file comes back in chunks."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any

from openpyxl import load_workbook

from infra.exports import workbook
from infra.exports.workbook import Column, xlsx_chunks

COLUMNS = (Column("n", "序号"), Column("at", "时间"), Column("names", "人员"))


async def _batches(count: int, size: int) -> AsyncIterator[Sequence[Sequence[Any]]]:
    for start in range(0, count, size):
        yield [(n, datetime(2025, 1, 1, 16, tzinfo=UTC), ("甲", "乙")) for n in range(start, min(count, start + size))]


async def test_many_batches_stream_into_one_workbook_in_several_chunks(monkeypatch: Any) -> None:
    monkeypatch.setattr(workbook, "CHUNK", 4096)
    chunks = [chunk async for chunk in xlsx_chunks("清单", COLUMNS, _batches(3_000, 250))]
    assert len(chunks) > 1
    sheet = load_workbook(io.BytesIO(b"".join(chunks)), read_only=True)["清单"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[:2] == [("序号", "时间", "人员"), ("n", "at", "names")]
    assert len(rows) == 2 + 3_000 and rows[-1][0] == 2_999
    assert rows[2][1:] == (datetime(2025, 1, 2, 0, 0), "甲;乙")  # Asia/Shanghai wall time; lists joined
