"""Bearer tokens (JWT) for the API: which keys and algorithms verify them, reading and minting them."""

from infra.auth.settings import DEV_SECRET, AuthSettings
from infra.auth.tokens import Claims, TokenError, mint_token, verify_token

__all__ = ["DEV_SECRET", "AuthSettings", "Claims", "TokenError", "mint_token", "verify_token"]
