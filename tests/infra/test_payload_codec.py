"""The payload codec: AES-256-GCM per payload, the key id in the metadata, rotation, and clear errors."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from temporalio.api.common.v1 import Payload
from temporalio.converter import DefaultPayloadConverter

from infra.settings import SettingsError
from infra.temporal.codec import (
    ENCODING,
    KEY_ID,
    NONCE_BYTES,
    EncryptionCodec,
    PayloadDecryptionError,
    UnknownPayloadKey,
    data_converter,
)
from infra.temporal.payload_keys import DEVELOPMENT_KEY, DEVELOPMENT_KEY_ID, PayloadKey, PayloadKeys

PARTY = {"name": "赵某某", "id_number": "120111196805123456", "phone": "13800000000"}


def key(key_id: str) -> PayloadKey:
    return PayloadKey(key_id, os.urandom(32))


def clear(value: object) -> Payload:
    return DefaultPayloadConverter().to_payloads([value])[0]


def entry(payload_key: PayloadKey) -> str:
    return f"{payload_key.id}:{base64.b64encode(payload_key.secret).decode()}"


async def test_a_payload_round_trips_and_its_clear_bytes_are_gone() -> None:
    codec = EncryptionCodec(PayloadKeys((key("k1"),)))
    original = clear(PARTY)
    [sealed] = await codec.encode([original])
    assert sealed.metadata["encoding"] == ENCODING and sealed.metadata[KEY_ID] == b"k1"
    assert b"120111196805123456" not in sealed.SerializeToString()
    assert "赵某某".encode() not in sealed.SerializeToString()
    assert await codec.decode([sealed]) == [original]


async def test_every_encoding_takes_a_fresh_nonce() -> None:
    codec = EncryptionCodec(PayloadKeys((key("k1"),)))
    first, second = await codec.encode([clear(PARTY), clear(PARTY)])
    assert first.data[:NONCE_BYTES] != second.data[:NONCE_BYTES] and first.data != second.data


async def test_a_tampered_ciphertext_is_refused() -> None:
    codec = EncryptionCodec(PayloadKeys((key("k1"),)))
    [sealed] = await codec.encode([clear(PARTY)])
    flipped = bytearray(sealed.data)
    flipped[-1] ^= 0x01
    tampered = Payload(metadata=dict(sealed.metadata), data=bytes(flipped))
    with pytest.raises(PayloadDecryptionError, match="key 'k1' fails authentication: it was altered"):
        await codec.decode([tampered])


async def test_a_payload_relabelled_with_another_key_id_is_refused() -> None:
    one, two = key("k1"), PayloadKey("k2", b"\x00" * 32)
    codec = EncryptionCodec(PayloadKeys((one, two)))
    [sealed] = await codec.encode([clear(PARTY)])
    relabelled = Payload(metadata={**sealed.metadata, KEY_ID: b"k2"}, data=sealed.data)
    with pytest.raises(PayloadDecryptionError, match="'k2' fails authentication"):
        await codec.decode([relabelled])


async def test_after_rotation_the_new_key_encrypts_and_the_old_one_still_decrypts() -> None:
    old, new = key("2025-11"), key("2026-05")
    [written_before] = await EncryptionCodec(PayloadKeys((old,))).encode([clear(PARTY)])
    rotated = EncryptionCodec(PayloadKeys((new, old)))
    [written_after] = await rotated.encode([clear(PARTY)])
    assert written_after.metadata[KEY_ID] == b"2026-05"
    assert await rotated.decode([written_before, written_after]) == [clear(PARTY), clear(PARTY)]


async def test_a_payload_under_a_key_this_process_lacks_is_a_clear_error() -> None:
    [sealed] = await EncryptionCodec(PayloadKeys((key("retired"),))).encode([clear(PARTY)])
    with pytest.raises(UnknownPayloadKey, match=r"key 'retired', which is not among this process's keys \(k1\); "
                                               "add it to ZHIFA_PAYLOAD_KEYS"):
        await EncryptionCodec(PayloadKeys((key("k1"),))).decode([sealed])


async def test_clear_payloads_pass_through_decoding_but_encoding_always_encrypts() -> None:
    codec = EncryptionCodec(PayloadKeys((key("k1"),)))
    assert await codec.decode([clear(PARTY)]) == [clear(PARTY)]
    [sealed] = await codec.encode([clear(None)])
    assert sealed.metadata["encoding"] == ENCODING


async def test_the_data_converter_encrypts_values_and_failure_messages() -> None:
    from temporalio.api.failure.v1 import Failure
    from temporalio.exceptions import ApplicationError

    converter = data_converter(EncryptionCodec(PayloadKeys((key("k1"),))))
    [payload] = await converter.encode([PARTY])
    assert payload.metadata["encoding"] == ENCODING
    assert await converter.decode([payload], [dict]) == [PARTY]
    failure = Failure()
    await converter.encode_failure(ApplicationError("当事人 赵某某 未到场", PARTY), failure)
    assert "赵某某".encode() not in failure.SerializeToString()
    assert str(await converter.decode_failure(failure)) == "当事人 赵某某 未到场"


def test_keys_come_from_the_environment_active_first(tmp_path: Path) -> None:
    new, old = key("2026-05"), key("2025-11")
    listed = PayloadKeys.from_env({"ZHIFA_PAYLOAD_KEYS": f"{entry(new)}, {entry(old)}"}, production=True)
    assert listed.ids == ("2026-05", "2025-11") and listed.active == new
    file = tmp_path / "keys"
    file.write_text(f"# rotated 2026-05\n{entry(new)}\n{entry(old)}  # until 2026-12\n", encoding="utf-8")
    assert PayloadKeys.from_env({"ZHIFA_PAYLOAD_KEYS_FILE": str(file)}, production=True) == listed


def test_development_without_keys_uses_the_named_development_key() -> None:
    keys = PayloadKeys.from_env({}, production=False)
    assert keys.ids == (DEVELOPMENT_KEY_ID,) and keys.active.secret == DEVELOPMENT_KEY
    assert "secret" not in repr(keys) and DEVELOPMENT_KEY.hex() not in repr(keys)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({}, "ZHIFA_PAYLOAD_KEYS: must list the payload encryption keys in production"),
        ({"ZHIFA_PAYLOAD_KEYS": f"dev:{base64.b64encode(DEVELOPMENT_KEY).decode()}"},
         "ZHIFA_PAYLOAD_KEYS: the public development key is refused in production"),
        ({"ZHIFA_PAYLOAD_KEYS": "k1:" + base64.b64encode(b"short").decode()},
         "ZHIFA_PAYLOAD_KEYS: key 'k1' has 5 bytes; AES-256 needs 32"),
        ({"ZHIFA_PAYLOAD_KEYS": "k1:not*base64"}, "ZHIFA_PAYLOAD_KEYS: key 'k1' is not valid base64"),
        ({"ZHIFA_PAYLOAD_KEYS": base64.b64encode(b"k" * 32).decode()},
         "ZHIFA_PAYLOAD_KEYS: an entry lacks its key id"),
        ({"ZHIFA_PAYLOAD_KEYS": f"k1:{base64.b64encode(b'a' * 32).decode()},k1:{base64.b64encode(b'b' * 32).decode()}"},
         "ZHIFA_PAYLOAD_KEYS: key id k1 is listed twice"),
        ({"ZHIFA_PAYLOAD_KEYS": "k1:x", "ZHIFA_PAYLOAD_KEYS_FILE": "/keys"},
         "ZHIFA_PAYLOAD_KEYS: set either ZHIFA_PAYLOAD_KEYS or ZHIFA_PAYLOAD_KEYS_FILE, not both"),
        ({"ZHIFA_PAYLOAD_KEYS_FILE": "/nonexistent/keys"}, "ZHIFA_PAYLOAD_KEYS_FILE: file /nonexistent/keys does not"),
    ],
)
def test_missing_or_invalid_keys_in_production_name_the_variable(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        PayloadKeys.from_env(environ, production=True)


def test_a_bare_key_without_its_id_is_not_echoed_in_the_error() -> None:
    secret = base64.b64encode(os.urandom(32)).decode()
    with pytest.raises(SettingsError) as raised:
        PayloadKeys.from_env({"ZHIFA_PAYLOAD_KEYS": secret}, production=True)
    assert secret not in str(raised.value)
