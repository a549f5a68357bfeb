"""The case list as rows: the same filter and town scope as the `cases` query, read a batch at a time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from domain.projections import CaseSummary
from infra.exports.workbook import Column
from infra.readside import CaseFilter, CaseOrder, ReadScope
from infra.readside import cases as reads

BATCH = 500
CASE_COLUMNS = (
    Column("case_no", "案件编号", 22), Column("stream_id", "案件标识", 30), Column("town", "乡镇"),
    Column("unit", "执法单位", 20), Column("stream_kind", "类别"), Column("procedure", "程序"),
    Column("violation_type", "违法类型", 24), Column("status", "状态", 20), Column("party_name", "当事人", 20),
    Column("opened_at", "登记时间", 20), Column("filed_at", "立案时间", 20), Column("decided_at", "决定时间", 20),
    Column("closed_at", "结案时间", 20), Column("fine_amount_yuan", "罚款金额（元）"),
    Column("officers", "执法人员", 24), Column("last_event_type", "最近环节", 24),
    Column("last_event_at", "最近办理时间", 20),
)


def case_row(summary: CaseSummary) -> list[Any]:
    yuan = None if summary.fine_amount_fen is None else summary.fine_amount_fen / 100
    values = {**vars(summary), "fine_amount_yuan": yuan}
    return [values[column.field] for column in CASE_COLUMNS]


async def case_batches(scope: ReadScope, where: CaseFilter, *, batch: int = BATCH
                       ) -> AsyncIterator[Sequence[Sequence[Any]]]:
    """Every case the filter selects in the scope's towns, oldest first, `batch` rows per read."""
    offset = 0
    while True:
        async with scope.connection() as conn:
            page = await reads.page_cases(conn, scope.towns, where, CaseOrder.OPENED_AT_ASC, limit=batch,
                                          offset=offset)
        if not page.summaries:
            return
        yield [case_row(s) for s in page.summaries]
        offset += len(page.summaries)
        if offset >= page.total:
            return
