"""Oversized queries are refused with an error naming the limit, and the server keeps answering."""

from __future__ import annotations

import pytest

from api.graphql.schema import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from tests.api.client import token_for
from tests.api.conftest import Api

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
LEAD = token_for("zjw-lead-1")
FINE = "{ me { officerId } }"


async def refused_then_served(api: Api, query: str, variables: dict[str, object] | None = None) -> str:
    body = await api.client.run(LEAD, query, variables)
    assert body.get("data") in (None, {}) or body["data"].get("cases") is None, body
    assert body["errors"], body
    after = await api.client.run(LEAD, FINE)
    assert after["data"]["me"]["officerId"] == "zjw-lead-1"
    return str(body["errors"][0]["message"])


async def test_a_query_deeper_than_the_limit_is_refused(api: Api) -> None:
    deepest = "{ cases { edges { node { currentDeadline { dueOn } officers { cases { caseNo } } } } } }"
    assert "errors" not in await api.client.run(LEAD, deepest)
    too_deep = "{ cases { edges { node { officers { cases { officers { cases { officers { name } } } } } } } } }"
    body = await api.client.run(LEAD, too_deep)
    assert f"exceeds maximum operation depth of {MAX_DEPTH}" in " ".join(e["message"] for e in body["errors"])
    assert body["data"] is None
    assert (await api.client.run(LEAD, FINE))["data"]["me"]["officerId"] == "zjw-lead-1"


async def test_aliases_spread_through_fragments_count_towards_the_alias_limit(api: Api) -> None:
    per_fragment = 5
    fragments = (MAX_ALIASES // per_fragment) + 1
    aliases = " ".join(f"a{i}: officerId" for i in range(per_fragment))
    document = (f"fragment Many on Me {{ {aliases} }} "
                + "query { " + " ".join(f"m{i}: me {{ ...Many }}" for i in range(fragments)) + " }")
    message = await refused_then_served(api, document)
    assert f"{MAX_ALIASES}" in message and "alias" in message.lower()


async def test_a_query_with_too_many_tokens_is_refused(api: Api) -> None:
    document = "{ me { " + " ".join(["officerId"] * (MAX_TOKENS + 10)) + " } }"
    message = await refused_then_served(api, document)
    assert "token" in message.lower()


@pytest.mark.parametrize("first", [101, 1000, -1])
async def test_a_page_larger_than_100_is_refused(api: Api, first: int) -> None:
    body = await api.client.run(LEAD, "query($n: Int!) { cases(first: $n) { totalCount } }", {"n": first})
    assert body["data"] is None
    assert body["errors"][0]["message"] == f"first must be between 0 and 100, got {first}"
    assert body["errors"][0]["extensions"]["code"] == "PAGE_SIZE"
    ok = await api.client.run(LEAD, "{ cases(first: 100) { totalCount } }")
    assert ok["data"]["cases"]["totalCount"] == 1
