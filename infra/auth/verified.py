"""Verified tokens remembered until they expire.

A client sends the same bearer token on every request for hours; checking its signature (RS256/ES256 in
production) and claims each time was a fixed cost per request. A token that verified once verifies again until its
`exp` (its signature, issuer and audience cannot change), so its claims are kept, by token text, until then: an
expired token is dropped and verified afresh, which refuses it. What the officer may do is still decided per request
by the roster (`api.graphql.caller`), so an officer struck off or whose 执法证 lapsed is refused at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from infra.auth.settings import AuthSettings
from infra.auth.tokens import Claims, verify_token

MAX_REMEMBERED = 4_096  # distinct live tokens; beyond it the oldest is forgotten (and verified again if it returns)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class VerifiedTokens:
    def __init__(self, settings: AuthSettings, *, now: Callable[[], datetime] = _utc_now,
                 verify: Callable[[str, AuthSettings], Claims] = verify_token) -> None:
        self.settings = settings
        self._now = now
        self._verify = verify
        self._claims: dict[str, Claims] = {}

    def claims(self, token: str) -> Claims:
        """The token's claims; `TokenError` as `verify_token` for a token that does not verify (now)."""
        known = self._claims.get(token)
        if known is not None and known.expires_at > self._now():
            return known
        self._claims.pop(token, None)
        claims = self._verify(token, self.settings)
        self._remember(token, claims)
        return claims

    def _remember(self, token: str, claims: Claims) -> None:
        if len(self._claims) >= MAX_REMEMBERED:
            del self._claims[next(iter(self._claims))]  # dicts keep insertion order: the oldest goes
        self._claims[token] = claims
