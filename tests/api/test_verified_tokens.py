"""A bearer token's signature is checked once per distinct token, not on every request; an expired token is
still refused, and a token that does not verify is never remembered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from infra.auth import AuthSettings, Claims, TokenError, VerifiedTokens, mint_token, verify_token
from tests.api.client import AUTH, token_for


def counting(calls: list[str], verify: Callable[[str, AuthSettings], Claims] = verify_token
             ) -> Callable[[str, AuthSettings], Claims]:
    def verifying(token: str, settings: AuthSettings) -> Claims:
        calls.append(token)
        return verify(token, settings)

    return verifying


def test_each_distinct_token_is_verified_once_however_often_it_is_sent() -> None:
    calls: list[str] = []
    tokens = VerifiedTokens(AUTH, verify=counting(calls))
    lead, principal = token_for("zjw-lead-1"), token_for("zjw-principal-1")
    subjects = [tokens.claims(token).subject for token in (lead, principal, lead, lead, principal)]
    assert subjects == ["zjw-lead-1", "zjw-principal-1", "zjw-lead-1", "zjw-lead-1", "zjw-principal-1"]
    assert calls == [lead, principal]


def test_a_remembered_token_past_its_expiry_is_verified_again_and_refused() -> None:
    expires = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    claims = Claims(subject="zjw-lead-1", roles=None, towns=(), district=None, expires_at=expires)
    answers: list[Claims | TokenError] = [claims, TokenError("token expired", "EXPIRED")]

    def verify(_token: str, _settings: AuthSettings) -> Claims:
        answer = answers.pop(0)
        if isinstance(answer, TokenError):
            raise answer
        return answer

    now = [expires - timedelta(seconds=1)]
    tokens = VerifiedTokens(AUTH, now=lambda: now[0], verify=verify)
    assert tokens.claims("t") is claims
    assert tokens.claims("t") is claims  # remembered: not verified again
    now[0] = expires
    with pytest.raises(TokenError) as refused:
        tokens.claims("t")
    assert refused.value.cause == "EXPIRED" and answers == []


def test_a_token_that_does_not_verify_is_refused_every_time_and_never_remembered() -> None:
    calls: list[str] = []
    tokens = VerifiedTokens(AUTH, verify=counting(calls))
    forged = token_for("zjw-lead-1")[:-4] + "AAAA"
    for _ in range(2):
        with pytest.raises(TokenError) as refused:
            tokens.claims(forged)
        assert refused.value.cause == "BAD_SIGNATURE"
    assert calls == [forged, forged]


def test_a_token_already_expired_is_refused_on_first_sight_and_not_remembered() -> None:
    calls: list[str] = []
    tokens = VerifiedTokens(AUTH, verify=counting(calls))
    stale = mint_token(AUTH, subject="zjw-lead-1", roles=["officer"], now=datetime.now(UTC) - timedelta(hours=9),
                       ttl=timedelta(hours=1))
    for _ in range(2):
        with pytest.raises(TokenError) as refused:
            tokens.claims(stale)
        assert refused.value.cause == "EXPIRED"
    assert calls == [stale, stale]
