"""The checkpoint signing key (Ed25519, PEM) and its public half. The database never holds either: the key
comes from a file or the environment of the process that signs, the public key travels with whoever verifies.

SM2 (GB/T 32918) is not offered: `cryptography` has no SM2 signatures and no well-kept PyPI package provides
them; the document names its `signature_algorithm`, so one can be added beside Ed25519 later.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from domain.anchoring.checkpoint import SIGNATURE_ALGORITHM, Checkpoint, SignedCheckpoint

K = TypeVar("K", Ed25519PrivateKey, Ed25519PublicKey)


class AnchorKeyError(ValueError):
    """A key that cannot be used for checkpoints (its message names where it came from)."""


def _ed25519(kind: type[K], load: Callable[[], object], source: str, half: str) -> K:
    """The key `load` reads, which must be an Ed25519 key of `kind` (`source` names where it came from)."""
    try:
        key = load()
    except (ValueError, TypeError) as error:
        raise AnchorKeyError(f"{source} is not a PEM {half} key: {error}") from None
    if not isinstance(key, kind):
        raise AnchorKeyError(f"{source} is not an Ed25519 {half} key")
    return key


def key_id(public_key: Ed25519PublicKey) -> str:
    """The first 16 hex digits of SHA-256 over the raw 32-byte public key."""
    return hashlib.sha256(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()[:16]


@dataclass(frozen=True)
class Verifier:
    public_key: Ed25519PublicKey

    @classmethod
    def from_pem(cls, pem: bytes, source: str) -> Verifier:
        return cls(_ed25519(Ed25519PublicKey, lambda: load_pem_public_key(pem), source, "public"))

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def problem(self, signed: SignedCheckpoint) -> str | None:
        """Why the signature does not hold, or None when it does."""
        checkpoint = signed.checkpoint
        if checkpoint.signature_algorithm != SIGNATURE_ALGORITHM:
            return f"signature algorithm {checkpoint.signature_algorithm!r} is not supported"
        if checkpoint.key_id != self.key_id:
            return f"signed by key {checkpoint.key_id}, but the verification key is {self.key_id}"
        try:
            self.public_key.verify(base64.b64decode(signed.signature, validate=True), checkpoint.signed_bytes())
        except (InvalidSignature, binascii.Error):
            return f"the signature does not verify with key {self.key_id}: the checkpoint was altered or forged"
        return None

    def public_pem(self) -> bytes:
        return self.public_key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)


@dataclass(frozen=True)
class Signer:
    private_key: Ed25519PrivateKey

    @classmethod
    def from_pem(cls, pem: bytes, source: str) -> Signer:
        return cls(_ed25519(Ed25519PrivateKey, lambda: load_pem_private_key(pem, password=None), source,
                            "unencrypted private"))

    @classmethod
    def generate(cls) -> Signer:
        return cls(Ed25519PrivateKey.generate())

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.private_key.public_key())

    @property
    def key_id(self) -> str:
        return self.verifier.key_id

    def sign(self, checkpoint: Checkpoint) -> SignedCheckpoint:
        signature = self.private_key.sign(checkpoint.signed_bytes())
        return SignedCheckpoint(checkpoint, base64.b64encode(signature).decode("ascii"))

    def private_pem(self) -> bytes:
        return self.private_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
