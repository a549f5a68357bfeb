"""How API tokens are verified (and, for `zhifa token`, signed), read from the environment.

- Development: HS256 with `ZHIFA_JWT_SECRET`, or a well-known development secret when it is unset.
- Production: RS256 or ES256 with the public key at `ZHIFA_JWT_PUBLIC_KEY` (PEM); tokens are minted by the
  identity provider holding the private key. A shared secret and the development default are refused.
- `ZHIFA_JWT_PRIVATE_KEY` (PEM, optional) lets `zhifa token` sign with the private half of the configured key.
- `ZHIFA_JWT_ISSUER` (default `zhifa`) and `ZHIFA_JWT_AUDIENCE` (default `zhifa-api`): every token must name both
  (`iss`, `aud`); `zhifa token` mints with them, an identity provider is configured to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

from infra.settings import SettingsError

DEV_SECRET = "zhifa-development-secret-never-use-in-production"  # the documented development default
MIN_SECRET_BYTES = 32
DEFAULT_TTL_SECONDS = 8 * 3600
DEFAULT_ISSUER = "zhifa"
DEFAULT_AUDIENCE = "zhifa-api"


@dataclass(frozen=True)
class AuthSettings:
    algorithm: str  # HS256 | RS256 | ES256
    verification_key: str  # the shared secret or the PEM public key
    signing_key: str | None  # the shared secret or the PEM private key; None: this process cannot mint
    token_ttl_seconds: int = DEFAULT_TTL_SECONDS
    issuer: str = DEFAULT_ISSUER
    audience: str = DEFAULT_AUDIENCE

    @classmethod
    def development(cls, secret: str = DEV_SECRET) -> AuthSettings:
        return cls(algorithm="HS256", verification_key=secret, signing_key=secret)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, production: bool) -> AuthSettings:
        keys = cls._keys_from_env(environ, production=production)
        issuer = environ.get("ZHIFA_JWT_ISSUER", "").strip() or DEFAULT_ISSUER
        audience = environ.get("ZHIFA_JWT_AUDIENCE", "").strip() or DEFAULT_AUDIENCE
        return replace(keys, issuer=issuer, audience=audience)

    @classmethod
    def _keys_from_env(cls, environ: Mapping[str, str], *, production: bool) -> AuthSettings:
        public_path = environ.get("ZHIFA_JWT_PUBLIC_KEY", "").strip()
        private_path = environ.get("ZHIFA_JWT_PRIVATE_KEY", "").strip()
        secret = environ.get("ZHIFA_JWT_SECRET", "").strip()
        if public_path:
            public_pem = _read("ZHIFA_JWT_PUBLIC_KEY", public_path)
            algorithm = _algorithm_of_public_key(public_pem)
            private_pem = _read("ZHIFA_JWT_PRIVATE_KEY", private_path) if private_path else None
            if private_pem is not None:
                _check_private_key(private_pem)
            return cls(algorithm=algorithm, verification_key=public_pem, signing_key=private_pem)
        if production:
            raise SettingsError("ZHIFA_JWT_PUBLIC_KEY", "must name a PEM public key (RS256/ES256) in production")
        if secret and len(secret.encode("utf-8")) < MIN_SECRET_BYTES:
            raise SettingsError("ZHIFA_JWT_SECRET", f"must be at least {MIN_SECRET_BYTES} bytes long")
        return cls.development(secret or DEV_SECRET)


def _read(variable: str, path: str) -> str:
    file = Path(path).expanduser()
    if not file.is_file():
        raise SettingsError(variable, f"file {file} does not exist")
    return file.read_text(encoding="utf-8")


def _algorithm_of_public_key(pem: str) -> str:
    try:
        key = load_pem_public_key(pem.encode("utf-8"))
    except ValueError as error:
        raise SettingsError("ZHIFA_JWT_PUBLIC_KEY", f"is not a PEM public key: {error}") from None
    if isinstance(key, rsa.RSAPublicKey):
        return "RS256"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "ES256"
    raise SettingsError("ZHIFA_JWT_PUBLIC_KEY", "must be an RSA (RS256) or EC P-256 (ES256) key")


def _check_private_key(pem: str) -> None:
    try:
        load_pem_private_key(pem.encode("utf-8"), password=None)
    except (ValueError, TypeError) as error:
        raise SettingsError("ZHIFA_JWT_PRIVATE_KEY", f"is not an unencrypted PEM private key: {error}") from None
