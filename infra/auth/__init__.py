"""Bearer tokens (JWT) for the API: which keys and algorithms verify them, reading and minting them."""

from infra.auth.settings import DEV_SECRET, AuthSettings
from infra.auth.tokens import Claims, TokenError, claimed_subject, mint_token, officer_token, verify_token
from infra.auth.verified import VerifiedTokens

__all__ = ["DEV_SECRET", "AuthSettings", "Claims", "TokenError", "VerifiedTokens", "claimed_subject", "mint_token",
           "officer_token", "verify_token"]
