"""Bearer tokens: who may call at all, and what a token says about the caller."""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from infra.auth import AuthSettings, TokenError, mint_token, verify_token
from infra.settings import Settings, SettingsError
from tests.api.client import AUTH, REFERENCE, asgi_client, build_app, services_for, token_for
from tests.api.conftest import Api
from zhifa import token_cmd

ME = "{ me { officerId roles towns } }"


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def unsigned(claims: dict[str, object]) -> str:
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."


async def refused(api: Api, token: str | None) -> str:
    response = await api.client.post(token, ME)
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"].startswith("Bearer")
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    return str(error["message"])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_token_from_zhifa_token_identifies_the_officer_their_roles_and_town(api: Api) -> None:
    body = await api.client.run(token_for("zjw-lead-1"), ME)
    assert body["data"]["me"] == {"officerId": "zjw-lead-1", "roles": ["case_lead", "officer"],
                                  "towns": ["zhangjiawo"]}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_district_supervisor_sees_every_town_of_the_district(api: Api) -> None:
    body = await api.client.run(token_for("xq-supervisor-1"), ME)
    assert body["data"]["me"]["towns"] == ["dasi", "yangliuqing", "zhangjiawo"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_missing_expired_malformed_unsigned_and_foreign_tokens_are_refused_with_the_reason(api: Api) -> None:
    claims = {"sub": "zjw-lead-1", "roles": ["principal"], "towns": ["zhangjiawo", "dasi"],
              "exp": int((datetime.now(UTC) + timedelta(hours=1)).timestamp())}
    expired = mint_token(AUTH, subject="zjw-lead-1", roles=["officer"], towns=["zhangjiawo"],
                         now=datetime.now(UTC) - timedelta(hours=9))
    foreign = jwt.encode(claims, "another-secret-of-at-least-thirty-two-bytes!", algorithm="HS256")
    no_expiry = jwt.encode({k: v for k, v in claims.items() if k != "exp"}, AUTH.verification_key, algorithm="HS256")

    assert "authentication required" in await refused(api, None)
    assert await refused(api, expired) == "token expired"
    assert await refused(api, "not-a-jwt") == "malformed token: not a JWT"
    assert await refused(api, unsigned(claims)) == "unsigned token (alg none) refused"
    assert await refused(api, foreign) == "token signature does not verify"
    assert await refused(api, no_expiry) == "token lacks the 'exp' claim"
    assert api.streams.sent == []


def _ec_pair(tmp_path: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    private, public = tmp_path / "jwt.key", tmp_path / "jwt.pub"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


def test_production_verifies_es256_with_the_configured_public_key_and_refuses_hs256(tmp_path: Path) -> None:
    private, public = _ec_pair(tmp_path)
    production = AuthSettings.from_env({"ZHIFA_JWT_PUBLIC_KEY": str(public)}, production=True)
    assert production.algorithm == "ES256" and production.signing_key is None
    signer = AuthSettings.from_env({"ZHIFA_JWT_PUBLIC_KEY": str(public), "ZHIFA_JWT_PRIVATE_KEY": str(private)},
                                   production=True)
    claims = verify_token(mint_token(signer, subject="p1", roles=["principal"], towns=["dasi"]), production)
    assert (claims.subject, claims.roles, claims.towns) == ("p1", frozenset({"principal"}), ("dasi",))

    with pytest.raises(TokenError, match="token algorithm HS256 refused; this server accepts ES256"):
        verify_token(token_for("zjw-principal-1"), production)
    with pytest.raises(SettingsError, match="ZHIFA_JWT_PUBLIC_KEY: must name a PEM public key"):
        AuthSettings.from_env({"ZHIFA_JWT_SECRET": "x" * 40}, production=True)
    with pytest.raises(SettingsError, match="ZHIFA_JWT_SECRET: must be at least 32 bytes"):
        AuthSettings.from_env({"ZHIFA_JWT_SECRET": "short"}, production=False)


def test_zhifa_token_prints_a_token_with_the_officers_roles_and_town(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    token_cmd.add_arguments(parser)
    settings = Settings.from_env({})
    assert token_cmd.run(settings, parser.parse_args(["--officer", "zjw-principal-1"])) == 0
    claims = verify_token(capsys.readouterr().out.strip(), AuthSettings.development())
    assert (claims.subject, claims.roles, claims.towns) == ("zjw-principal-1", frozenset({"principal"}),
                                                             ("zhangjiawo",))
    assert token_cmd.run(settings, parser.parse_args(["--officer", "xq-auditor-1"])) == 0
    district = verify_token(capsys.readouterr().out.strip(), AuthSettings.development())
    assert (district.district, district.towns) == ("xiqing", ())
    assert token_cmd.run(settings, parser.parse_args(["--officer", "nobody"])) == 2
    assert "no officer 'nobody'" in capsys.readouterr().err
    assert set(REFERENCE.districts) == {"xiqing"}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_graphiql_and_introspection_are_served_in_development_only(api: Api) -> None:
    introspect = "{ __schema { queryType { name } } }"
    dev = await api.client.run(token_for("zjw-lead-1"), introspect)
    assert dev["data"]["__schema"]["queryType"]["name"] == "Query"
    ide = await api.client.http.get("/graphql", headers={"Accept": "text/html"})
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()

    production = asgi_client(build_app(services_for(api.data.engine, api.streams), development=False))
    try:
        refused = await production.run(token_for("zjw-lead-1"), introspect)
        assert refused["data"] is None and "introspection has been disabled" in refused["errors"][0]["message"]
        page = await production.http.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code != 200 or "graphiql" not in page.text.lower()
        via_get = await production.http.get("/graphql", params={"query": ME},
                                            headers={"Authorization": f"Bearer {token_for('zjw-lead-1')}"})
        assert via_get.status_code != 200 or "zjw-lead-1" not in via_get.text
    finally:
        await production.http.aclose()


def test_the_zhifa_token_module_runs_from_the_command_line_environment() -> None:
    """The lead wires `zhifa token` into the CLI; until then the module's run() is what it calls."""
    env = {**os.environ, "ZHIFA_ENV": "development"}
    code = ("import argparse,sys; from zhifa import token_cmd; from infra.settings import Settings; "
            "p=argparse.ArgumentParser(); token_cmd.add_arguments(p); "
            "sys.exit(token_cmd.run(Settings.from_env({}), p.parse_args(['--officer','ds-lead-1'])))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert verify_token(done.stdout.strip(), AuthSettings.development()).towns == ("dasi",)
