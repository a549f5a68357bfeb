"""The keys that encrypt Temporal payloads, read from the environment (the pattern of ``infra.auth.settings``).

- ``ZHIFA_PAYLOAD_KEYS``: entries ``ID:BASE64KEY`` separated by commas or whitespace; each key is 32 bytes
  (AES-256). The first entry is the active key (it encrypts); the others only decrypt what older keys wrote.
- ``ZHIFA_PAYLOAD_KEYS_FILE``: a file with the same entries, one per line (``#`` starts a comment), for secret
  stores that mount files. Setting both is refused, so no one wonders which of the two is in force.
- Development (``ZHIFA_ENV=development``) without either: one well-known key, ``DEVELOPMENT_KEY_ID``. Production
  without either is a ``SettingsError``, and so is the development key in production.

Rotation: put the new key first and keep the old ones after it until no running workflow's history needs them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from infra.settings import SettingsError

KEYS_VARIABLE = "ZHIFA_PAYLOAD_KEYS"
FILE_VARIABLE = "ZHIFA_PAYLOAD_KEYS_FILE"
KEY_BYTES = 32  # AES-256
DEVELOPMENT_KEY_ID = "development-insecure"
# Deterministic on purpose: every development process (worker, API, tests, `zhifa dev`'s children) must agree on
# it without configuration. Its name says what it is, and production refuses it.
DEVELOPMENT_KEY = hashlib.sha256(b"zhifa development payload key - public, never use in production").digest()
_KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


@dataclass(frozen=True)
class PayloadKey:
    id: str
    secret: bytes

    def __repr__(self) -> str:  # never print the secret into a log or a test report
        return f"PayloadKey(id={self.id!r})"


@dataclass(frozen=True)
class PayloadKeys:
    """The key ring: ``keys[0]`` encrypts, every key decrypts what it encrypted."""

    keys: tuple[PayloadKey, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("a key ring needs at least its active key")
        ids = [key.id for key in self.keys]
        if len(set(ids)) != len(ids):
            raise ValueError(f"key ids must be unique, got {ids}")
        for key in self.keys:
            if len(key.secret) != KEY_BYTES:
                raise ValueError(f"key {key.id!r} has {len(key.secret)} bytes, AES-256 needs {KEY_BYTES}")

    @property
    def active(self) -> PayloadKey:
        return self.keys[0]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(key.id for key in self.keys)

    @classmethod
    def development(cls) -> PayloadKeys:
        return cls((PayloadKey(DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY),))

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, production: bool) -> PayloadKeys:
        listed = environ.get(KEYS_VARIABLE, "").strip()
        file = environ.get(FILE_VARIABLE, "").strip()
        if listed and file:
            raise SettingsError(KEYS_VARIABLE, f"set either {KEYS_VARIABLE} or {FILE_VARIABLE}, not both")
        if file:
            keys = parse_keys(FILE_VARIABLE, _read(file))
        elif listed:
            keys = parse_keys(KEYS_VARIABLE, listed)
        elif production:
            raise SettingsError(KEYS_VARIABLE, "must list the payload encryption keys in production (ID:BASE64 of "
                                               f"{KEY_BYTES} bytes, active first), or set {FILE_VARIABLE}")
        else:
            return cls.development()
        if production and any(key.secret == DEVELOPMENT_KEY for key in keys.keys):
            raise SettingsError(FILE_VARIABLE if file else KEYS_VARIABLE,
                                "the public development key is refused in production")
        return keys


def parse_keys(variable: str, text: str) -> PayloadKeys:
    """``ID:BASE64`` entries separated by commas, whitespace or lines; ``#`` comments to the end of a line."""
    entries = [entry for line in text.splitlines()
               for entry in re.split(r"[,\s]+", line.split("#", 1)[0]) if entry]
    if not entries:
        raise SettingsError(variable, "lists no key (entries are ID:BASE64)")
    keys = tuple(_parse_entry(variable, entry) for entry in entries)
    ids = [key.id for key in keys]
    duplicated = sorted({key_id for key_id in ids if ids.count(key_id) > 1})
    if duplicated:
        raise SettingsError(variable, f"key id {', '.join(duplicated)} is listed twice")
    return PayloadKeys(keys)


def _parse_entry(variable: str, entry: str) -> PayloadKey:
    key_id, separator, encoded = entry.partition(":")
    if not separator:  # the entry may be a bare key: never echo it
        raise SettingsError(variable, "an entry lacks its key id (entries are ID:BASE64)")
    if not _KEY_ID.fullmatch(key_id):
        raise SettingsError(variable, f"key id {key_id[:64]!r} must be 1-64 letters, digits, '.', '_' or '-'")
    try:
        secret = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        raise SettingsError(variable, f"key {key_id!r} is not valid base64") from None
    if len(secret) != KEY_BYTES:
        raise SettingsError(variable, f"key {key_id!r} has {len(secret)} bytes; AES-256 needs {KEY_BYTES}")
    return PayloadKey(key_id, secret)


def _read(path: str) -> str:
    file = Path(path).expanduser()
    if not file.is_file():
        raise SettingsError(FILE_VARIABLE, f"file {file} does not exist")
    return file.read_text(encoding="utf-8")
