"""Bearer-token authentication for the plain HTTP routes beside GraphQL (ledger templates, the codec server).

The token is verified as for GraphQL (`infra.auth.verify_token`); a missing, malformed, expired, unsigned or
foreign token is answered 401, a caller whose roles the route is not open to 403, both as JSON naming why.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from api.graphql.caller import Caller, caller_from_claims
from domain.reference import ReferenceData
from infra.auth import AuthSettings, TokenError, verify_token


def bearer_caller(header: str, auth: AuthSettings, reference: ReferenceData) -> Caller:
    """The caller of an `Authorization: Bearer …` header; TokenError when there is none or it does not verify."""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenError("authentication required: send 'Authorization: Bearer <token>'")
    return caller_from_claims(verify_token(token.strip(), auth), reference)


def authorised_caller(
    request: Request, auth: AuthSettings, reference: ReferenceData, *, roles: frozenset[str], what: str
) -> Caller | JSONResponse:
    """The request's caller when it holds one of `roles`, else the 401 or 403 response to send instead."""
    try:
        caller = bearer_caller(request.headers.get("authorization", ""), auth, reference)
    except TokenError as error:
        return JSONResponse({"error": str(error)}, status_code=401,
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    if not caller.holds_any(roles):
        return JSONResponse({"error": f"{what} open to the roles {', '.join(sorted(roles))}"}, status_code=403)
    return caller
