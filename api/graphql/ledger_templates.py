"""`GET /ledgers/{kind}/template.xlsx`: a ledger's spreadsheet template (one sheet per entry type, a comment on
each header), for a bearer token of a role that reads ledgers. 401 without a valid token, 403 for another role,
404 for a ledger that does not exist."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from api.graphql.caller import caller_from_claims
from api.graphql.context import Services
from api.graphql.policy import LEDGER_READERS, LEDGER_WRITERS
from domain.ledgers.kinds import LedgerKind
from infra.auth import AuthSettings, TokenError, verify_token
from infra.ledgers.xlsx import template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ledger_template_routes(services: Services, auth: AuthSettings) -> list[BaseRoute]:
    async def download(request: Request) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            if scheme.lower() != "bearer" or not token.strip():
                raise TokenError("authentication required: send 'Authorization: Bearer <token>'")
            caller = caller_from_claims(verify_token(token.strip(), auth), services.reference)
        except TokenError as error:
            return JSONResponse({"error": str(error)}, status_code=401,
                                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        if not caller.holds_any(LEDGER_READERS | LEDGER_WRITERS):
            return JSONResponse({"error": "ledgers are open to the roles "
                                          f"{', '.join(sorted(LEDGER_READERS | LEDGER_WRITERS))}"}, status_code=403)
        name = str(request.path_params["kind"]).upper()
        if name not in LedgerKind.__members__:
            return JSONResponse({"error": f"no ledger {request.path_params['kind']!r}; ledgers are "
                                          f"{', '.join(k.value.lower() for k in LedgerKind)}"}, status_code=404)
        kind = LedgerKind[name]
        content = await asyncio.to_thread(template, kind)
        return Response(content, media_type=XLSX, headers={
            "Content-Disposition": f'attachment; filename="ledger-{kind.value.lower()}-template.xlsx"'})

    return [Route("/ledgers/{kind}/template.xlsx", download, methods=["GET"])]
