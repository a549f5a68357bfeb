"""`GET /exports/cases.xlsx` (the `cases` filter as query parameters: `town`, `kind`, `status`, `procedure`,
`violationType` — each may repeat — `officer`, `overdue`, `openedFrom`/`openedTo`, `decidedFrom`/`decidedTo`) and
`GET /exports/ledgers/{kind}.xlsx[?unit=…]`: authorised like the case list and the ledgers, scoped to the caller's
towns (another town's rows are never read), recorded in the security log as exports before any row is read
(503 and no file when the log cannot record it), streamed from rows read in batches."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from api.bearer import authorised_caller, export_refused
from api.graphql.authn import Authenticator
from api.graphql.caller import Caller
from api.graphql.context import Services
from api.graphql.policy import CASE_READERS, LEDGER_READERS, LEDGER_WRITERS
from api.ledger_kinds import ledger_kind
from api.security import REQUEST_ID_HEADER, Origin
from domain.deadlines.local_time import local_date
from infra.auth import AuthSettings
from infra.exports.cases import CASE_COLUMNS, case_batches
from infra.exports.ledgers import ledger_batches, ledger_columns
from infra.exports.workbook import xlsx_chunks
from infra.ledgers.headers import KIND_ZH
from infra.readside import CaseFilter, ReadScope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CASES = "GET /exports/cases.xlsx"
LEDGERS = "GET /exports/ledgers/{kind}.xlsx"
LISTS = {"town": "towns", "kind": "stream_kinds", "status": "statuses", "procedure": "procedures",
         "violationType": "violation_types"}
MOMENTS = {"openedFrom": "opened_from", "openedTo": "opened_to", "decidedFrom": "decided_from",
           "decidedTo": "decided_to"}


class BadParameter(ValueError):
    pass


def case_filter(request: Request, today: date) -> CaseFilter:
    """The `cases` filter from the query string (times must carry a zone, as the GraphQL filter's do)."""
    params = request.query_params
    given: dict[str, Any] = {field: tuple(params.getlist(name)) for name, field in LISTS.items()}
    for name, field in MOMENTS.items():
        if name in params:
            try:
                moment = datetime.fromisoformat(params[name])
            except ValueError:
                raise BadParameter(f"{name} is not an ISO date-time: {params[name]!r}") from None
            if moment.tzinfo is None:
                raise BadParameter(f"{name} must carry a time zone offset")
            given[field] = moment
    overdue = params.get("overdue", "").lower() in ("1", "true", "yes")
    return CaseFilter(officer=params.get("officer") or None, overdue_on=today if overdue else None, **given)


def _streamed(scope: ReadScope, chunks: AsyncIterator[bytes], filename: str, ids: dict[str, str]) -> Response:
    async def body() -> AsyncIterator[bytes]:
        try:
            async for chunk in chunks:
                yield chunk
        finally:
            await scope.close()

    disposition = f"attachment; filename=\"{filename}\"; filename*=UTF-8''{filename}"
    return StreamingResponse(body(), media_type=XLSX, headers={"Content-Disposition": disposition, **ids})


def export_routes(services: Services, auth: AuthSettings) -> list[BaseRoute]:
    authenticator = Authenticator(auth, services)

    async def cases(request: Request) -> Response:
        caller = await authorised_caller(request, authenticator, roles=frozenset(CASE_READERS),
                                         what="case lists are", operation=CASES)
        if isinstance(caller, Response):
            return caller
        ids = {REQUEST_ID_HEADER: Origin.of(request.scope).request_id}
        try:
            where = case_filter(request, local_date(services.clock()))
        except BadParameter as error:
            return JSONResponse({"error": str(error)}, status_code=400, headers=ids)
        refused = await export_refused(request, authenticator, caller, CASES,
                                       f"case list of {', '.join(caller.towns)}: {request.url.query or 'all'}")
        if refused is not None:
            return refused
        scope = ReadScope(services.engine, caller.towns)
        return _streamed(scope, xlsx_chunks("案件清单", CASE_COLUMNS, case_batches(scope, where)), "cases.xlsx", ids)

    async def ledgers(request: Request) -> Response:
        caller = await authorised_caller(request, authenticator, roles=LEDGER_READERS | LEDGER_WRITERS,
                                         what="ledgers are", operation=LEDGERS)
        if isinstance(caller, Response):
            return caller
        ids = {REQUEST_ID_HEADER: Origin.of(request.scope).request_id}
        kind = ledger_kind(request, ids)
        if isinstance(kind, Response):
            return kind
        units = _units(services, caller, request.query_params.getlist("unit"))
        refused = await export_refused(request, authenticator, caller, LEDGERS,
                                       f"{kind.value} ledger of {', '.join(units) or 'no unit'}")
        if refused is not None:
            return refused
        scope = ReadScope(services.engine, caller.towns)
        chunks = xlsx_chunks(KIND_ZH[kind], ledger_columns(kind), ledger_batches(scope, kind, units))
        return _streamed(scope, chunks, f"ledger-{kind.value.lower()}.xlsx", ids)

    return [Route("/exports/cases.xlsx", cases, methods=["GET"]),
            Route("/exports/ledgers/{kind}.xlsx", ledgers, methods=["GET"])]


def _units(services: Services, caller: Caller, asked: Sequence[str]) -> list[str]:
    """The units of the caller's towns, narrowed to those asked for (a unit of another town is simply absent)."""
    towns = services.current_reference().towns
    own = [u.code for t in caller.towns if t in towns for u in towns[t].units]
    return [u for u in own if u in asked] if asked else own
