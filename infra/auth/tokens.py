"""Reading and minting the API's bearer tokens.

Claims: `sub` (the officer id), `iss` and `aud` (this deployment's, see `AuthSettings`), `exp` (all four
required), `iat`, and optionally `roles` (list of role names), `towns` (list of town codes) or `district` (a
district code). The roster, not the token, decides what the officer may do (`api.graphql.caller`); roles and
towns in a token can only narrow that. Only the configured algorithm is accepted, so an unsigned token
(`alg: none`) or one signed another way never verifies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from domain.reference import ReferenceData
from infra.auth.settings import AuthSettings


class TokenError(Exception):
    """The bearer token is missing, malformed, expired, unsigned or signed with another key; `cause` says which
    (for the security log: never the token itself)."""

    def __init__(self, message: str, cause: str = "INVALID") -> None:
        super().__init__(message)
        self.cause = cause


def claimed_subject(token: str) -> str:
    """The `sub` a token claims, unverified (for the security log of a refused token); "" if it names none."""
    try:
        subject = jwt.decode(token, options={"verify_signature": False}).get("sub")
    except jwt.InvalidTokenError:
        return ""
    return subject[:64] if isinstance(subject, str) else ""


@dataclass(frozen=True)
class Claims:
    subject: str
    roles: frozenset[str] | None  # None: the token names no roles (the roster's apply)
    towns: tuple[str, ...]  # empty: the token names no towns
    district: str | None
    expires_at: datetime


def verify_token(token: str, settings: AuthSettings) -> Claims:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.DecodeError:
        raise TokenError("malformed token: not a JWT", "MALFORMED") from None
    algorithm = str(header.get("alg", ""))
    if algorithm.lower() == "none":
        raise TokenError("unsigned token (alg none) refused", "ALG_NONE")
    if algorithm != settings.algorithm:
        raise TokenError(f"token algorithm {algorithm or '(none)'} refused; this server accepts {settings.algorithm}",
                         "ALG_REFUSED")
    try:
        data: dict[str, Any] = jwt.decode(token, settings.verification_key, algorithms=[settings.algorithm],
                                          issuer=settings.issuer, audience=settings.audience,
                                          options={"require": ["exp", "iss", "aud", "sub"]})
    except jwt.ExpiredSignatureError:
        raise TokenError("token expired", "EXPIRED") from None
    except jwt.MissingRequiredClaimError as error:
        raise TokenError(f"token lacks the {error.claim!r} claim", "MISSING_CLAIM") from None
    except jwt.InvalidSignatureError:
        raise TokenError("token signature does not verify", "BAD_SIGNATURE") from None
    except jwt.InvalidIssuerError:
        raise TokenError(f"token issuer refused; this server accepts tokens issued by {settings.issuer!r}",
                         "WRONG_ISSUER") from None
    except jwt.InvalidAudienceError:
        raise TokenError(f"token audience refused; this server is {settings.audience!r}", "WRONG_AUDIENCE") from None
    except jwt.InvalidTokenError as error:
        raise TokenError(f"invalid token: {error}", "MALFORMED") from None
    return _claims(data)


def _claims(data: dict[str, Any]) -> Claims:
    subject = data.get("sub")
    roles = data.get("roles")
    towns = data.get("towns") or []
    district = data.get("district")
    if not isinstance(subject, str) or not subject:
        raise TokenError("token 'sub' must be an officer id")
    if roles is not None and (not isinstance(roles, list) or not all(isinstance(r, str) for r in roles)):
        raise TokenError("token 'roles' must be a list of role names")
    if not isinstance(towns, list) or not all(isinstance(t, str) and t for t in towns):
        raise TokenError("token 'towns' must be a list of town codes")
    if district is not None and (not isinstance(district, str) or not district):
        raise TokenError("token 'district' must be a district code")
    return Claims(subject=subject, roles=None if roles is None else frozenset(roles), towns=tuple(towns),
                  district=district,
                  expires_at=datetime.fromtimestamp(int(data["exp"]), UTC))


def mint_token(
    settings: AuthSettings,
    *,
    subject: str,
    roles: Sequence[str],
    towns: Sequence[str] = (),
    district: str | None = None,
    now: datetime | None = None,
    ttl: timedelta | None = None,
) -> str:
    if settings.signing_key is None:
        raise TokenError("no signing key configured (set ZHIFA_JWT_PRIVATE_KEY, or use HS256 in development)")
    issued = now or datetime.now(UTC)
    lifetime = ttl if ttl is not None else timedelta(seconds=settings.token_ttl_seconds)
    claims: dict[str, Any] = {"sub": subject, "iss": settings.issuer, "aud": settings.audience,
                              "roles": sorted(roles), "iat": int(issued.timestamp()),
                              "exp": int((issued + lifetime).timestamp())}
    if district is not None:
        claims["district"] = district
    else:
        claims["towns"] = list(towns)
    return jwt.encode(claims, settings.signing_key, algorithm=settings.algorithm)


def officer_token(settings: AuthSettings, reference: ReferenceData, officer_id: str, *,
                  ttl: timedelta | None = None) -> str:
    """The development token of a roster officer (`zhifa token`, the console's development sign-in): the officer's
    roles and town, or for district staff (supervisor, auditor, operator) the district, so they see its towns."""
    officer = reference.officer(officer_id)
    if officer is None:
        raise TokenError(f"no officer {officer_id!r} in the reference data", cause="UNKNOWN_OFFICER")
    district = officer.town if officer.town in reference.districts else None
    return mint_token(settings, subject=officer.id, roles=[r.value for r in officer.roles],
                      towns=() if district else (officer.town,), district=district, ttl=ttl)
