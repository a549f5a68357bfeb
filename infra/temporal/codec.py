"""Encrypting Temporal payloads (workflow inputs, updates, queries, activity arguments and results, memos,
failure details) with AES-256-GCM, so party names, ID numbers, phones and addresses never reach the server or
its UI in clear.

Each payload is serialised whole (metadata included) and sealed with a fresh random 96-bit nonce under the
active key; the result carries ``encoding: binary/encrypted`` and the key's id in ``encryption-key-id``. The key
id is also the AEAD's associated data, so relabelling a payload with another key id fails authentication.
Decoding passes through payloads that are not encrypted: histories recorded before encryption (the committed
replay histories among them) stay readable.

Search attributes are not payload-encoded by Temporal; they hold town, status, procedure, violation type and
kind only, never personal data.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence

import temporalio.converter
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import DataConverter, DefaultFailureConverterWithEncodedAttributes, PayloadCodec

from infra.temporal.json_payloads import PayloadConverter
from infra.temporal.payload_keys import KEYS_VARIABLE, PayloadKeys

ENCODING = b"binary/encrypted"
KEY_ID = "encryption-key-id"
NONCE_BYTES = 12  # 96 bits, the size GCM is specified for


class PayloadDecryptionError(ValueError):
    """An encrypted payload cannot be opened: altered, truncated, or its key id names no key here."""


class UnknownPayloadKey(PayloadDecryptionError):
    """The payload names a key id this process does not hold."""


class EncryptionCodec(PayloadCodec):
    def __init__(self, keys: PayloadKeys) -> None:
        super().__init__()
        self._keys = keys
        self._ciphers = {key.id: AESGCM(key.secret) for key in keys.keys}

    @property
    def active_key_id(self) -> str:
        return self._keys.active.id

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self._seal(payload) for payload in payloads]

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self._open(payload) if is_encrypted(payload) else payload for payload in payloads]

    def _seal(self, payload: Payload) -> Payload:
        key_id = self._keys.active.id.encode("utf-8")
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._ciphers[self._keys.active.id].encrypt(nonce, payload.SerializeToString(), key_id)
        return Payload(metadata={"encoding": ENCODING, KEY_ID: key_id}, data=nonce + sealed)

    def _open(self, payload: Payload) -> Payload:
        key_id = payload.metadata.get(KEY_ID, b"").decode("utf-8", errors="replace")
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise UnknownPayloadKey(
                f"payload encrypted with key {key_id or '(none named)'!r}, which is not among this process's keys "
                f"({', '.join(self._keys.ids)}); add it to {KEYS_VARIABLE} after the active key")
        nonce, sealed = payload.data[:NONCE_BYTES], payload.data[NONCE_BYTES:]
        try:
            opened = cipher.decrypt(nonce, sealed, key_id.encode("utf-8"))
        except InvalidTag:
            raise PayloadDecryptionError(
                f"payload encrypted with key {key_id!r} fails authentication: it was altered, or sealed by "
                "another key under the same id") from None
        return Payload.FromString(opened)


def is_encrypted(payload: Payload) -> bool:
    return payload.metadata.get("encoding") == ENCODING


def data_converter(codec: PayloadCodec) -> DataConverter:
    """The default converter with ``codec`` on every payload; failure messages and stack traces are moved into
    the (encoded) failure attributes too, since a rejection's message may quote a party. JSON payloads are
    written with orjson (``infra.temporal.json_payloads``), readable by the default converter and vice versa."""
    return dataclasses.replace(temporalio.converter.default(), payload_converter_class=PayloadConverter,
                               payload_codec=codec,
                               failure_converter_class=DefaultFailureConverterWithEncodedAttributes)
