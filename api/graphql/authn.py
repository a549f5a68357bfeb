"""Authentication of a request: its bearer token becomes the `Caller`, and every refusal is recorded in the
security log (why, the client's address, the request id, the subject the token claims — never the token)."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import Scope

from api.graphql.caller import Caller, caller_from_roster, home_district
from api.graphql.context import Services
from api.security import Origin
from domain.deadlines.local_time import local_date
from domain.security_log import SecurityKind, SecurityRecord
from infra.auth import AuthSettings, TokenError, VerifiedTokens, claimed_subject


class Authenticator:
    def __init__(self, auth: AuthSettings, services: Services) -> None:
        self.auth = auth
        self.services = services
        self.tokens = VerifiedTokens(auth)  # a token's signature is checked once, not per request

    async def caller(self, scope: Scope, origin: Origin, operation: str) -> Caller:
        """The caller, or `TokenError` naming why the token is refused (recorded first)."""
        scheme, _, token = Headers(scope=scope).get("authorization", "").partition(" ")
        token = token.strip()
        try:
            if scheme.lower() != "bearer" or not token:
                raise TokenError("authentication required: send 'Authorization: Bearer <token>'", "NO_TOKEN")
            claims = self.tokens.claims(token)
            today = local_date(self.services.clock())
            return caller_from_roster(claims, self.services.current_reference(), today)
        except TokenError as error:
            await self.services.security.refusal(self._refused(error, token, origin, operation))
            raise

    def _refused(self, error: TokenError, token: str, origin: Origin, operation: str) -> SecurityRecord:
        subject = claimed_subject(token) if token else ""
        reference = self.services.current_reference()
        return SecurityRecord(kind=SecurityKind.TOKEN_REFUSED, operation=operation, reason=str(error),
                              actor=subject, district=home_district(reference, reference.officer(subject)),
                              client_ip=origin.client_ip, request_id=origin.request_id,
                              detail={"cause": error.cause, "subject_verified": error.cause == "UNKNOWN_OFFICER"})
