"""Tokens name this deployment (issuer, audience), and the roster as of today — not the token — decides what the
caller may do: an officer whose 执法证 lapsed or was cancelled loses the field steps at once, one who is not on
the roster is refused (and the refusal recorded), and a token can narrow the roster's grant but never widen it."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

import pytest

from domain.deadlines.local_time import local_date
from domain.security_log import SecurityKind
from infra.auth import AuthSettings, TokenError, mint_token, verify_token
from infra.securitylog import SecurityLogStore
from infra.settings import Settings
from tests.api.client import AUTH, GraphQLClient, RecordingStreams, asgi_client, build_app, services_for, token_for
from tests.api.conftest import Seeded2
from zhifa import token_cmd

ME = "{ me { officerId roles towns } }"
PLAN = """mutation($i: PlanInspectionInput!) { planInspection(input: $i) {
  __typename ... on Forbidden { message requiredRoles } ... on Problem { code message } } }"""


def plan(request_id: str, town: str = "zhangjiawo") -> dict[str, Any]:
    return {"i": {"requestId": request_id, "town": town, "unit": f"{town}-bureau", "place": "某村",
                  "plannedOn": "2026-01-15", "itemsChecked": ["HB-STRAW-BURNING"]}}


def on(seeded: Seeded2, streams: RecordingStreams, moment: datetime) -> GraphQLClient:
    """The API whose clock reads `moment` (the roster is consulted as of that day; tokens verify in real time)."""
    return asgi_client(build_app(services_for(seeded.engine, streams, clock=lambda: moment)))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_an_officer_whose_certificate_lapsed_is_refused_field_steps_whatever_the_token_says(
    seeded: Seeded2,
) -> None:
    token = token_for("zjw-officer-1")  # minted while the certificate (valid until 2029-06-09) holds
    streams = RecordingStreams()
    before, after = (on(seeded, streams, datetime(y, m, d, 2, tzinfo=UTC)) for y, m, d in
                     ((2029, 6, 9), (2029, 6, 10)))
    try:
        reached = (await before.run(token, PLAN, plan("p-1")))["data"]["planInspection"]
        refused = (await after.run(token, PLAN, plan("p-2")))["data"]["planInspection"]
    finally:
        await before.http.aclose()
        await after.http.aclose()

    assert reached["__typename"] == "InvalidTransition"  # got through to the (recording) workflow facade
    assert refused == {"__typename": "Forbidden", "code": "FORBIDDEN", "requiredRoles": ["officer"], "message":
                       "PlanInspection is taken by an officer with the role officer; zjw-officer-1 holds it no "
                       "longer: zjw-officer-1's enforcement certificate (执法证) is not valid on 2029-06-10"}
    assert [stream_id for _, stream_id, _ in streams.sent] == ["inspection:zhangjiawo:p-1"]
    [denied] = await SecurityLogStore(seeded.engine).entries()
    assert (denied.kind, denied.operation, denied.actor) == (SecurityKind.PERMISSION_DENIED, "planInspection",
                                                             "zjw-officer-1")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_an_officer_transferred_away_with_the_certificate_cancelled_takes_no_field_step(api: Any) -> None:
    body = await api.client.run(token_for("ylq-transferred-1"), PLAN, plan("p-3", "yangliuqing"))
    today = local_date(datetime.now(UTC)).isoformat()  # the certificate was cancelled on 2023-06-15
    assert body["data"]["planInspection"]["message"].endswith(
        f"ylq-transferred-1's enforcement certificate (执法证) is not valid on {today}")
    assert api.streams.sent == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_an_officer_not_on_the_roster_is_refused_and_the_refusal_recorded(api: Any) -> None:
    token = mint_token(AUTH, subject="zjw-gone-9", roles=["officer", "principal"], towns=["zhangjiawo"])
    response = await api.client.post(token, ME)
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "officer 'zjw-gone-9' is not on the roster"
    [refused] = await SecurityLogStore(api.data.engine).entries()
    assert (refused.kind, refused.actor, refused.reason) == (SecurityKind.TOKEN_REFUSED, "zjw-gone-9",
                                                             "officer 'zjw-gone-9' is not on the roster")
    assert refused.detail == {"cause": "UNKNOWN_OFFICER", "subject_verified": True}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_token_narrows_the_rosters_roles_and_towns_but_never_widens_them(api: Any) -> None:
    wider = mint_token(AUTH, subject="zjw-officer-1", roles=["officer", "principal", "supervisor"],
                       towns=["zhangjiawo", "dasi"])
    assert (await api.client.run(wider, ME))["data"]["me"] == {"officerId": "zjw-officer-1", "roles": ["officer"],
                                                               "towns": ["zhangjiawo"]}
    narrower = mint_token(AUTH, subject="xq-supervisor-1", roles=["supervisor"], towns=["dasi"])
    assert (await api.client.run(narrower, ME))["data"]["me"]["towns"] == ["dasi"]
    no_roles = mint_token(AUTH, subject="zjw-lead-1", roles=[], towns=[])
    assert (await api.client.run(no_roles, ME))["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_tokens_must_name_this_deployments_issuer_and_audience() -> None:
    other_idp = AuthSettings(algorithm="HS256", verification_key=AUTH.verification_key, signing_key=AUTH.signing_key,
                             issuer="someone-else")
    other_api = AuthSettings(algorithm="HS256", verification_key=AUTH.verification_key, signing_key=AUTH.signing_key,
                             audience="another-api")
    with pytest.raises(TokenError, match="token issuer refused; this server accepts tokens issued by 'zhifa'") as iss:
        verify_token(mint_token(other_idp, subject="zjw-lead-1", roles=[]), AUTH)
    with pytest.raises(TokenError, match="token audience refused; this server is 'zhifa-api'") as aud:
        verify_token(mint_token(other_api, subject="zjw-lead-1", roles=[]), AUTH)
    assert (iss.value.cause, aud.value.cause) == ("WRONG_ISSUER", "WRONG_AUDIENCE")
    assert verify_token(mint_token(AUTH, subject="zjw-lead-1", roles=[]), AUTH).subject == "zjw-lead-1"


def test_issuer_and_audience_are_settings_that_zhifa_token_mints_with(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    environ = {"ZHIFA_JWT_ISSUER": "https://idp.xiqing.example", "ZHIFA_JWT_AUDIENCE": "zhifa-xiqing"}
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    configured = AuthSettings.from_env(environ, production=False)
    assert (configured.issuer, configured.audience) == ("https://idp.xiqing.example", "zhifa-xiqing")
    assert (AuthSettings.from_env({}, production=False).issuer, AUTH.audience) == ("zhifa", "zhifa-api")

    parser = argparse.ArgumentParser()
    token_cmd.add_arguments(parser)
    assert token_cmd.run(Settings.from_env({}), parser.parse_args(["--officer", "zjw-lead-1"])) == 0
    token = capsys.readouterr().out.strip()
    assert verify_token(token, configured).subject == "zjw-lead-1"
    with pytest.raises(TokenError, match="issuer refused"):
        verify_token(token, AUTH)
