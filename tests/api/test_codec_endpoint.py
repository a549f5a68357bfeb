"""The codec server the Temporal UI calls: `/codec/decode` opens payloads the workers encrypted, for a bearer
token of a supervisor or legal reviewer only; `/codec/encode` seals them; CORS answers the UI's origin."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from google.protobuf import json_format
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.common.v1 import Payload, Payloads
from temporalio.converter import DefaultPayloadConverter

from api.app import create_app
from api.codec import codec_routes
from api.graphql.authn import Authenticator
from infra.auth import AuthSettings, mint_token
from infra.db.engine import create_engine
from infra.settings import Settings
from infra.temporal.codec import ENCODING, KEY_ID
from tests.api.client import AUTH, GraphQLClient, asgi_client, services_for, token_for
from tests.fixtures.temporal import CODEC
from zhifa.api_server import build_app

UI = "http://127.0.0.1:8233"
PARTY = {"name": "赵某某", "id_number": "120111196805123456"}


ENGINES: list[AsyncEngine] = []  # the current test's database, for the security log the routes write to


@pytest_asyncio.fixture(autouse=True, loop_scope="session")
async def security_log_database(sqlite_url: str) -> AsyncIterator[None]:
    ENGINES.append(create_engine(sqlite_url))
    try:
        yield
    finally:
        await ENGINES.pop().dispose()


def codec_client() -> GraphQLClient:
    authenticator = Authenticator(AUTH, services_for(ENGINES[-1], None))
    return asgi_client(create_app(health_checks={}, routes=codec_routes(CODEC, authenticator, cors_origins=[UI])))


def body(payloads: list[Payload]) -> str:
    return json_format.MessageToJson(Payloads(payloads=payloads))


def payloads_of(text: str) -> list[Payload]:
    return list(json_format.Parse(text, Payloads()).payloads)


async def sealed_party() -> tuple[Payload, Payload]:
    clear = DefaultPayloadConverter().to_payloads([PARTY])[0]
    return clear, (await CODEC.encode([clear]))[0]


async def post(client: GraphQLClient, path: str, text: str, token: str | None) -> tuple[int, str]:
    headers = {"Content-Type": "application/json", "X-Namespace": "default", "Origin": UI}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    response = await client.http.post(path, content=text, headers=headers)
    return response.status_code, response.text


@pytest.mark.parametrize("officer", ["xq-supervisor-1", "zjw-reviewer-1"])
async def test_a_supervisor_or_legal_reviewer_has_payloads_decoded(officer: str) -> None:
    clear, sealed = await sealed_party()
    client = codec_client()
    status, text = await post(client, "/codec/decode", body([sealed, clear]), token_for(officer))
    assert status == 200, text
    assert payloads_of(text) == [clear, clear]  # a payload recorded before encryption passes through


async def test_encoding_seals_with_the_active_key_and_decoding_opens_it_again() -> None:
    clear, _ = await sealed_party()
    client, token = codec_client(), token_for("xq-supervisor-1")
    status, text = await post(client, "/codec/encode", body([clear]), token)
    assert status == 200, text
    [sealed] = payloads_of(text)
    assert sealed.metadata["encoding"] == ENCODING and sealed.metadata[KEY_ID] == b"development-insecure"
    assert "120111196805123456" not in text
    assert payloads_of((await post(client, "/codec/decode", body([sealed]), token))[1]) == [clear]


async def test_a_missing_or_foreign_token_is_refused_with_401() -> None:
    _, sealed = await sealed_party()
    foreign = mint_token(AuthSettings.development("another-secret-of-at-least-32-bytes!!"), subject="xq-supervisor-1",
                         roles=["supervisor"], district="xiqing")
    for token, reason in [(None, "authentication required"), (foreign, "token signature does not verify")]:
        status, text = await post(codec_client(), "/codec/decode", body([sealed]), token)
        assert status == 401 and reason in text, text
        assert "120111196805123456" not in text


@pytest.mark.parametrize("officer", ["zjw-officer-1", "zjw-lead-1", "zjw-principal-1"])
async def test_a_role_that_may_not_decode_is_refused_with_403(officer: str) -> None:
    _, sealed = await sealed_party()
    status, text = await post(codec_client(), "/codec/decode", body([sealed]), token_for(officer))
    assert status == 403, text
    assert "the codec server is open to the roles legal_reviewer, supervisor" in text


async def test_a_tampered_payload_or_a_malformed_body_is_answered_with_the_reason() -> None:
    _, sealed = await sealed_party()
    tampered = Payload(metadata=dict(sealed.metadata), data=sealed.data[:-1] + bytes([sealed.data[-1] ^ 1]))
    token = token_for("xq-supervisor-1")
    status, text = await post(codec_client(), "/codec/decode", body([tampered]), token)
    assert status == 422 and "fails authentication" in text, text
    status, text = await post(codec_client(), "/codec/decode", '{"payloads": 3}', token)
    assert status == 400 and "protobuf JSON" in text, text


async def test_the_temporal_ui_origin_passes_the_cors_preflight_and_another_origin_does_not() -> None:
    client = codec_client()
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type,x-namespace"}
    allowed = await client.http.options("/codec/decode", headers={**preflight, "Origin": UI})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == UI
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    other = await client.http.options("/codec/decode", headers={**preflight, "Origin": "http://evil.example"})
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers


async def test_the_api_process_serves_the_codec_with_its_configured_keys(tmp_path: Path) -> None:
    settings = Settings.from_env({"ZHIFA_DATA_DIR": str(tmp_path)})
    assert settings.codec_cors_origins == (UI,)
    client = asgi_client(build_app(settings, {}))  # development: the development key, as the worker's
    clear, sealed = await sealed_party()
    status, text = await post(client, "/codec/decode", body([sealed]), token_for("xq-supervisor-1"))
    assert status == 200, text
    assert payloads_of(text) == [clear]
