"""`/graphql` on the Starlette app: bearer-token authentication in front of strawberry's ASGI view.

POST only for operations (queries over GET are off); GET serves GraphiQL in development and nothing in
production. A missing, malformed, expired, unsigned or foreign token is answered 401 with a GraphQL-shaped
error naming the reason, and recorded in the security log. Every response carries the request id (the client's
`X-Request-Id`, or a new one) that the security log's entries of the request name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from api.evidence.graphql_upload import multipart_refusal
from api.graphiql import asset_routes, offline_page
from api.graphql.authn import Authenticator
from api.graphql.caller import Caller
from api.graphql.context import RequestContext, Services
from api.graphql.schema import build_schema
from api.security import REQUEST_ID_HEADER, Origin
from infra import json_text
from infra.auth import AuthSettings, TokenError
from infra.observability.logs import bind

CALLER = "zhifa.caller"
ORIGIN = "zhifa.origin"
JSON_UTF8 = "application/json; charset=utf-8"


class _GraphQLView(GraphQL):
    def __init__(self, services: Services, *, development: bool, ide_assets: Path | None = None) -> None:
        super().__init__(build_schema(development=development), graphql_ide="graphiql" if development else None,
                         allow_queries_via_get=False, multipart_uploads_enabled=True)  # uploadEvidence
        self.services = services
        self._ide_page = offline_page(ide_assets) if development and ide_assets is not None else None

    def encode_json(self, data: object) -> bytes:
        return encode_json(data)

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        response = super().create_response(response_data, sub_response)
        response.headers["content-type"] = JSON_UTF8  # what `encode_json` writes, said for clients that guess
        return response

    def decode_json(self, data: str | bytes) -> object:
        return json_text.loads(data)  # orjson, but a huge integer stays an integer (the validator refuses it)

    @property
    def graphql_ide_html(self) -> str:
        return self._ide_page or super().graphql_ide_html

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Any:
        caller, origin = request.scope.get(CALLER), request.scope.get(ORIGIN)
        if request.scope.get("method") == "GET":  # the IDE page only: operations over GET are off
            return {}
        if not isinstance(caller, Caller) or not isinstance(origin, Origin):
            raise HTTPException(401, "authentication required")
        context = RequestContext(self.services, caller, origin)
        context.response = response if isinstance(response, Response) else None  # status and headers of outages
        return context


class AuthenticatedGraphQL:
    def __init__(self, services: Services, auth: AuthSettings, *, development: bool,
                 ide_assets: Path | None = None) -> None:
        self.authenticator = Authenticator(auth, services)
        self.view = _GraphQLView(services, development=development, ide_assets=ide_assets)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] == "GET":
            await self.view(scope, receive, send)
            return
        origin = Origin.of(scope)
        send = _with_request_id(send, origin.request_id)
        try:
            caller = await self.authenticator.caller(scope, origin, "POST /graphql")
        except TokenError as error:
            body = {"data": None, "errors": [{"message": str(error), "extensions": {"code": "UNAUTHENTICATED"}}]}
            await JSONResponse(body, status_code=401,
                               headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})(scope, receive, send)
            return
        bind(officer=caller.officer_id)  # for the request's log records (api.observability)
        refused = multipart_refusal(scope, self.view.services)  # bounded before strawberry spools its files
        if refused is not None:
            await refused(scope, receive, send)
            return
        await self.view({**scope, CALLER: caller, ORIGIN: origin}, receive, send)


def encode_json(data: object) -> bytes:
    """An answer as UTF-8 JSON (RFC 8259), written by orjson: Chinese text travels as itself, three bytes a
    character, where the standard encoder's `\\uXXXX` escapes took six and escaping orjson's output back to them
    cost ten times orjson's own writing (a case detail: 118 µs against 9). What orjson refuses — an integer past 64
    bits, a lone surrogate — is written by the standard encoder, escapes and all: the same JSON values either way."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return _standard(data)


def _standard(data: object) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode()


def _with_request_id(send: Send, request_id: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [*message.get("headers", []), (REQUEST_ID_HEADER.encode(), request_id.encode())]
            message = {**message, "headers": headers}
        await send(message)

    return sending


def graphql_routes(services: Services, auth: AuthSettings, *, development: bool,
                   ide_assets: Path | None = None) -> list[BaseRoute]:
    """`/graphql`; in development with `ide_assets` (the installed GraphiQL packages) also their files, so
    GraphiQL works offline."""
    view = AuthenticatedGraphQL(services, auth, development=development, ide_assets=ide_assets)
    routes: list[BaseRoute] = [Route("/graphql", view, methods=["GET", "POST"])]
    if development and ide_assets is not None:
        routes += asset_routes(ide_assets)
    return routes
