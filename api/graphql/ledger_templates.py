"""`GET /ledgers/{kind}/template.xlsx`: a ledger's spreadsheet template (one sheet per entry type, a comment on
each header), for a bearer token of a role that reads ledgers. 401 without a valid token, 403 for another role,
404 for a ledger that does not exist; refusals and the download itself are recorded in the security log (the
download first: 503 and no file when the log cannot record it)."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from api.bearer import authorised_caller, export_refused
from api.graphql.authn import Authenticator
from api.graphql.context import Services
from api.graphql.policy import LEDGER_READERS, LEDGER_WRITERS
from api.ledger_kinds import ledger_kind
from api.security import REQUEST_ID_HEADER, Origin
from infra.auth import AuthSettings
from infra.ledgers.xlsx import template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPERATION = "GET /ledgers/{kind}/template.xlsx"


def ledger_template_routes(services: Services, auth: AuthSettings) -> list[BaseRoute]:
    authenticator = Authenticator(auth, services)
    readers = LEDGER_READERS | LEDGER_WRITERS

    async def download(request: Request) -> Response:
        caller = await authorised_caller(request, authenticator, roles=readers, what="ledgers are",
                                         operation=OPERATION)
        if isinstance(caller, Response):
            return caller
        origin = Origin.of(request.scope)
        ids = {REQUEST_ID_HEADER: origin.request_id}
        kind = ledger_kind(request, ids)
        if isinstance(kind, Response):
            return kind
        refused = await export_refused(request, authenticator, caller, OPERATION,
                                       f"template of the {kind.value} ledger")
        if refused is not None:
            return refused
        content = await asyncio.to_thread(template, kind)
        return Response(content, media_type=XLSX, headers={
            "Content-Disposition": f'attachment; filename="ledger-{kind.value.lower()}-template.xlsx"', **ids})

    return [Route("/ledgers/{kind}/template.xlsx", download, methods=["GET"])]
