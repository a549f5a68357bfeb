"""`POST /codec/encode` and `POST /codec/decode`: the Temporal codec server protocol, so the Temporal UI (and
`temporal` CLI users) can show payloads the workers encrypted.

Body and answer are `temporal.api.common.v1.Payloads` in protobuf JSON (`{"payloads": [{"metadata": {...},
"data": "<base64>"}]}`). Authenticated with the API's bearer tokens (the UI forwards its user's token when
told to pass the access token); open to the roles of `PAYLOAD_DECODERS`. CORS admits the configured UI origins
only; the preflight needs no token, as browsers send none with it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from google.protobuf import json_format
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from temporalio.api.common.v1 import Payload, Payloads
from temporalio.converter import PayloadCodec

from api.bearer import authorised_caller
from api.graphql.authn import Authenticator
from api.graphql.policy import PAYLOAD_DECODERS

Transform = Callable[[Sequence[Payload]], Awaitable[list[Payload]]]
# What the Temporal UI sends: its user's token, the JSON body, and the namespace it is showing.
ALLOWED_HEADERS = ["authorization", "content-type", "x-namespace"]


def codec_routes(codec: PayloadCodec, authenticator: Authenticator, *, cors_origins: Sequence[str]) -> list[BaseRoute]:
    def endpoint(transform: Transform) -> Callable[[Request], Awaitable[Response]]:
        async def handle(request: Request) -> Response:
            caller = await authorised_caller(request, authenticator, roles=PAYLOAD_DECODERS,
                                             what="the codec server is", operation=f"POST {request.url.path}")
            if isinstance(caller, Response):
                return caller
            return await _transformed(request, transform)

        return handle

    cors = Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["POST"],
                      allow_headers=ALLOWED_HEADERS, allow_credentials=True)
    return [Mount("/codec", routes=[Route("/encode", endpoint(codec.encode), methods=["POST"]),
                                    Route("/decode", endpoint(codec.decode), methods=["POST"])],
                  middleware=[cors])]


async def _transformed(request: Request, transform: Transform) -> Response:
    try:
        payloads = json_format.Parse(await request.body(), Payloads())
    except (json_format.ParseError, UnicodeDecodeError) as error:
        return JSONResponse({"error": f'the body must be {{"payloads": [...]}} in protobuf JSON: {error}'},
                            status_code=400)
    try:
        result = await transform(payloads.payloads)
    except ValueError as error:  # an unknown key id or a payload that fails authentication: say which
        return JSONResponse({"error": str(error)}, status_code=422)
    return Response(json_format.MessageToJson(Payloads(payloads=result)), media_type="application/json")
