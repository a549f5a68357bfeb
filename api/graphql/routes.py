"""`/graphql` on the Starlette app: bearer-token authentication in front of strawberry's ASGI view.

POST only for operations (queries over GET are off); GET serves GraphiQL in development and nothing in
production. A missing, malformed, expired, unsigned or foreign token is answered 401 with a GraphQL-shaped
error naming the reason, and recorded in the security log. Every response carries the request id (the client's
`X-Request-Id`, or a new one) that the security log's entries of the request name.
"""

from __future__ import annotations

import json
import re
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


class _GraphQLView(GraphQL):
    def __init__(self, services: Services, *, development: bool, ide_assets: Path | None = None) -> None:
        super().__init__(build_schema(development=development), graphql_ide="graphiql" if development else None,
                         allow_queries_via_get=False, multipart_uploads_enabled=True)  # uploadEvidence
        self.services = services
        self._ide_page = offline_page(ide_assets) if development and ide_assets is not None else None

    def encode_json(self, data: object) -> bytes:
        return encode_json(data)

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


_SHORT_EXPONENT = re.compile(rb"[0-9]e-[1-9](?![0-9])")
# A number orjson writes as 0.0000… (the standard encoder: 5e-05) never follows a digit; in a time's text
# ("01:00:00.000000+00:00", in every timeline) "0.0000" does, and needs no second look. (Literal first: a fast scan.)
_SMALL_DECIMAL = re.compile(rb"0\.0000(?<![0-9]0\.0000)")


def encode_json(data: object) -> bytes:
    """The bytes `json.dumps(data, separators=(",", ":"))` writes, at orjson's speed (the standard encoder was ~8 %
    of a list request). orjson writes non-ASCII text as UTF-8 where the standard encoder escapes it (`\\u5927`),
    so its output is escaped back: an ASCII encoding with `backslashreplace` writes the same escapes for the Basic
    Multilingual Plane above U+00FF, and its other escapes (U+0080–U+00FF such as "m²", astral characters) are
    rewritten as the standard encoder writes them. What orjson itself writes otherwise — U+007F, a float in
    (1e-7, 1e-4) or with a one-digit negative exponent, an integer past 64 bits — and any text that merely looks
    like it, is left to the standard encoder. (A NaN or an infinity, which orjson writes as null, is never in an
    answer: Float refuses them, and stored JSON holds none.)"""
    try:
        fast = orjson.dumps(data)
    except TypeError:
        return _standard(data)
    if (b"0.0000" in fast and _SMALL_DECIMAL.search(fast) is not None) or \
            (b"e-" in fast and _SHORT_EXPONENT.search(fast) is not None) or b"\x7f" in fast:
        return _standard(data)
    if fast.isascii():
        return fast
    escaped = fast.decode().encode("ascii", "backslashreplace")
    if b"\\x" in escaped or b"\\U" in escaped:  # U+0080–U+00FF ("m²") or astral: as the standard encoder
        return _BACKSLASH_ESCAPE.sub(_as_json_escape, escaped)
    return escaped


# What `backslashreplace` wrote for U+0080–U+00FF (`\xb2`) and astral characters (`\U0001f600`); an escaped
# backslash of the text (`\\`) is matched first, so a text's own "\x41" is never taken for one.
_BACKSLASH_ESCAPE = re.compile(rb"\\\\|\\x([0-9a-f]{2})|\\U([0-9a-f]{8})")


def _as_json_escape(match: re.Match[bytes]) -> bytes:
    """The standard encoder's escape for the same character: `\\u00b2`, or a surrogate pair."""
    latin, astral = match.group(1), match.group(2)
    if latin is not None:
        return b"\\u00" + latin
    if astral is None:
        return match.group(0)
    point = int(astral, 16) - 0x10000
    return b"\\u%04x\\u%04x" % (0xD800 + (point >> 10), 0xDC00 + (point & 0x3FF))


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
