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


class AnchorKeyError(ValueError):
    """A key that cannot be used for checkpoints (its message names where it came from)."""


def _read_pem(load: Callable[[], object], source: str, half: str) -> object:
    """The key `load` reads from PEM (`source` names where it came from, `half` which half it must be)."""
    try:
        return load()
    except (ValueError, TypeError) as error:
        raise AnchorKeyError(f"{source} is not a PEM {half} key: {error}") from None


def key_id(public_key: Ed25519PublicKey) -> str:
    """The first 16 hex digits of SHA-256 over the raw 32-byte public key."""
    return hashlib.sha256(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()[:16]


@dataclass(frozen=True)
class Verifier:
    public_key: Ed25519PublicKey

    @classmethod
    def from_pem(cls, pem: bytes, source: str) -> Verifier:
        key = _read_pem(lambda: load_pem_public_key(pem), source, "public")
        if not isinstance(key, Ed25519PublicKey):
            raise AnchorKeyError(f"{source} is not an Ed25519 public key")
        return cls(key)

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
        key = _read_pem(lambda: load_pem_private_key(pem, password=None), source, "unencrypted private")
        if not isinstance(key, Ed25519PrivateKey):
            raise AnchorKeyError(f"{source} is not an Ed25519 private key")
        return cls(key)

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
