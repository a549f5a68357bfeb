"""A database that does not answer is an outage, not a bug: a query answers HTTP 503 with Retry-After and the error
code UNAVAILABLE naming the dependency; a step answers the typed `Unavailable` (retryable). Errors are classified
by the drivers' own exception types (both dialects), Temporal's and the platform client's."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from temporalio.service import RPCError, RPCStatusCode

from infra.availability import outage_of
from infra.db.engine import create_engine
from tests.api.client import RecordingStreams, asgi_client, build_app, services_for, token_for
from tests.api.general_case import OFFICER
from tests.runtime.ports import free_port

CASES = "query { cases(first: 5) { totalCount } }"


def _rpc(status: RPCStatusCode, message: str = "down") -> RPCError:
    return RPCError(message, status, b"")


@pytest.mark.parametrize(("error", "dependency"), [
    (_rpc(RPCStatusCode.UNAVAILABLE), "temporal"),
    (_rpc(RPCStatusCode.DEADLINE_EXCEEDED), "temporal"),
    (RuntimeError("Failed client connect: Server connection error"), "temporal"),
    (httpx.ConnectError("refused"), "platform"),
    (ConnectionRefusedError(111, "Connection refused"), "database"),
])
def test_an_unreachable_dependency_is_named(error: BaseException, dependency: str) -> None:
    outage = outage_of(error)
    assert outage is not None and outage.dependency == dependency and outage.retry_after_seconds > 0


def test_a_bug_is_not_an_outage_even_deep_in_a_chain() -> None:
    assert outage_of(ValueError("bug")) is None
    assert outage_of(_rpc(RPCStatusCode.INVALID_ARGUMENT)) is None
    try:
        try:
            raise _rpc(RPCStatusCode.UNAVAILABLE)
        except RPCError as inner:
            raise KeyError("wrapper") from inner
    except KeyError as outer:
        wrapped = outer
    assert outage_of(wrapped) is not None


@pytest.fixture(params=["sqlite", "postgresql"])
def unreachable_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'no-such-folder' / 'zhifa.db'}"
    return f"postgresql+asyncpg://zhifa_app@127.0.0.1:{free_port()}/zhifa"


async def test_a_query_while_the_database_is_down_answers_503_naming_the_database(unreachable_url: str) -> None:
    engine = create_engine(unreachable_url)
    client = asgi_client(build_app(services_for(engine, RecordingStreams())))
    try:
        response = await client.post(token_for(OFFICER), CASES)
    finally:
        await client.http.aclose()
        await engine.dispose()
    assert response.status_code == 503 and int(response.headers["retry-after"]) > 0
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "UNAVAILABLE", "dependency": "database", "retryable": True,
                                   "retryAfterSeconds": 5}
    assert "Internal error" not in error["message"]


async def test_a_step_while_the_database_is_down_is_unavailable_and_sends_nothing(unreachable_url: str) -> None:
    engine, streams = create_engine(unreachable_url), RecordingStreams()
    client = asgi_client(build_app(services_for(engine, streams)))
    document = ("mutation($i: StartInvestigationInput!) { startInvestigation(input: $i) { __typename "
                "... on Unavailable { code dependency retryable retryAfterSeconds message } } }")
    try:
        body = await client.run(token_for(OFFICER), document, {"i": {"requestId": "r-1", "caseId": "case:x"}})
    finally:
        await client.http.aclose()
        await engine.dispose()
    outcome = body["data"]["startInvestigation"]
    assert (outcome["__typename"], outcome["dependency"], outcome["retryable"]) == ("Unavailable", "database", True)
    assert "same requestId" in outcome["message"]
    assert streams.sent == []
