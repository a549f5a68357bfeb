"""Bearer-token authentication for the plain HTTP routes beside GraphQL (ledger templates, the codec server).

The token is verified and the caller taken from the roster as for GraphQL (`api.graphql.authn.Authenticator`,
which records a refused token in the security log); a missing, malformed, expired, unsigned or foreign token is
answered 401, a caller whose roles the route is not open to 403 (recorded as a permission denied), both as JSON
naming why and carrying the request id.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from api.graphql.authn import Authenticator
from api.graphql.caller import Caller, record_of
from api.security import REQUEST_ID_HEADER, Origin, SecurityLogUnavailable
from domain.security_log import SecurityKind
from infra.auth import TokenError


async def authorised_caller(
    request: Request, authenticator: Authenticator, *, roles: frozenset[str], what: str, operation: str,
) -> Caller | JSONResponse:
    """The request's caller when it holds one of `roles`, else the 401 or 403 response to send instead."""
    origin = Origin.of(request.scope)
    ids = {REQUEST_ID_HEADER: origin.request_id}
    try:
        caller = await authenticator.caller(request.scope, origin, operation)
    except TokenError as error:
        return JSONResponse({"error": str(error)}, status_code=401,
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"', **ids})
    if not caller.holds_any(roles):
        message = f"{what} open to the roles {', '.join(sorted(roles))}"
        denied = record_of(SecurityKind.PERMISSION_DENIED, caller, origin, operation, message)
        await authenticator.services.security.refusal(denied)
        return JSONResponse({"error": message}, status_code=403, headers=ids)
    return caller


async def export_refused(request: Request, authenticator: Authenticator, caller: Caller, operation: str,
                         what: str) -> JSONResponse | None:
    """Record a download (an export) in the security log before serving it; the 503 to send instead when the log
    cannot record it (no record, no export), else None."""
    origin = Origin.of(request.scope)
    try:
        await authenticator.services.security.require(record_of(SecurityKind.EXPORT, caller, origin, operation, what))
    except SecurityLogUnavailable as error:
        return JSONResponse({"error": str(error)}, status_code=503, headers={REQUEST_ID_HEADER: origin.request_id})
    return None
