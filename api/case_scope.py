"""The case a plain HTTP route is about, as its caller may see it: found only in the caller's towns (through the
same scoped read as GraphQL, row-level security included on PostgreSQL), so a case of another town answers 404
exactly like one that does not exist."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.responses import JSONResponse

from api.graphql.caller import Caller
from api.graphql.ids import stream_id_of
from domain.projections import CaseSummary
from infra.readside import ReadScope
from infra.readside import cases as reads


async def case_in_scope(engine: AsyncEngine, caller: Caller, case_id: str) -> CaseSummary | None:
    stream_id = stream_id_of(case_id)
    scope = ReadScope(engine, caller.towns)
    try:
        async with scope.connection() as conn:
            found = await reads.summaries_by_id(conn, scope.towns, [stream_id])
    finally:
        await scope.close()
    return found.get(stream_id)


def case_not_found(case_id: str) -> JSONResponse:
    return JSONResponse({"error": f"no case {stream_id_of(case_id)!r}", "code": "NOT_FOUND"}, status_code=404)


def attachment(filename: str) -> str:
    """A Content-Disposition naming a Chinese file name (RFC 6266 `filename*`; headers are Latin-1 only)."""
    return f"attachment; filename*=UTF-8''{quote(filename)}"
