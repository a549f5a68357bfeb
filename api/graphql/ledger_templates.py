"""`GET /ledgers/{kind}/template.xlsx`: a ledger's spreadsheet template (one sheet per entry type, a comment on
each header), for a bearer token of a role that reads ledgers. 401 without a valid token, 403 for another role,
404 for a ledger that does not exist."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from api.bearer import authorised_caller
from api.graphql.context import Services
from api.graphql.policy import LEDGER_READERS, LEDGER_WRITERS
from domain.ledgers.kinds import LedgerKind
from infra.auth import AuthSettings
from infra.ledgers.xlsx import template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ledger_template_routes(services: Services, auth: AuthSettings) -> list[BaseRoute]:
    async def download(request: Request) -> Response:
        caller = authorised_caller(request, auth, services.reference, roles=LEDGER_READERS | LEDGER_WRITERS,
                                   what="ledgers are")
        if isinstance(caller, Response):
            return caller
        name = str(request.path_params["kind"]).upper()
        if name not in LedgerKind.__members__:
            return JSONResponse({"error": f"no ledger {request.path_params['kind']!r}; ledgers are "
                                          f"{', '.join(k.value.lower() for k in LedgerKind)}"}, status_code=404)
        kind = LedgerKind[name]
        content = await asyncio.to_thread(template, kind)
        return Response(content, media_type=XLSX, headers={
            "Content-Disposition": f'attachment; filename="ledger-{kind.value.lower()}-template.xlsx"'})

    return [Route("/ledgers/{kind}/template.xlsx", download, methods=["GET"])]
