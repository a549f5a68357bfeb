"""Money over GraphQL is the `Fen` scalar, not the 32-bit `Int`: a fine of 50,000,000.00 yuan (5,000,000,000 fen)
reaches the domain command unchanged (given as a number or as a string of digits) and comes back out of the read
model unchanged; fractions, signs, exponents and out-of-range amounts are refused naming the field."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLError
from sqlalchemy import text

from api.graphql.money import MAX_FEN, parse_fen
from tests.api.client import token_for
from tests.api.conftest import Api

FIFTY_MILLION_YUAN = 5_000_000_000  # fen; GraphQL's Int stops at 2,147,483,647
DECIDE = """mutation($i: MakeDecisionInput!) { makeDecision(input: $i) { __typename } }"""
CASE = "query($id: ID!) { case(id: $id) { ... on Case { fineAmountFen } } }"


def decision(case_id: str, fine: Any, request_id: str) -> dict[str, Any]:
    return {"i": {"requestId": request_id, "caseId": case_id, "decisionType": "PENALTY", "sanctions": ["FINE"],
                  "fineAmountFen": fine}}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_fine_of_fifty_million_yuan_reaches_the_domain_command_unchanged(api: Api) -> None:
    principal, case_id = token_for("zjw-principal-1"), api.data.own.stream_id
    for n, given in enumerate((FIFTY_MILLION_YUAN, "5000000000")):
        body = await api.client.run(principal, DECIDE, decision(case_id, given, f"fine-{n}"))
        assert "errors" not in body, body
    assert [command.fine_amount_fen for _, _, command in api.streams.sent] == [FIFTY_MILLION_YUAN] * 2  # type: ignore[attr-defined]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_fine_of_fifty_million_yuan_is_read_back_unchanged(api: Api) -> None:
    async with api.data.engine.begin() as conn:  # the read model as a decided case's projection leaves it
        await conn.execute(text("UPDATE case_summaries SET fine_amount_fen = :fine WHERE stream_id = :id"),
                           {"fine": FIFTY_MILLION_YUAN, "id": api.data.own.stream_id})
    body = await api.client.run(token_for("zjw-principal-1"), CASE, {"id": api.data.own.stream_id})
    assert body["data"]["case"]["fineAmountFen"] == FIFTY_MILLION_YUAN


@pytest.mark.parametrize(("given", "message"), [
    (1.5, "Fen must be a whole number of fen (an integer or a string of digits), got 1.5"),
    ("12.50", "Fen must be a whole, non-negative number of fen written in digits only, got '12.50'"),
    ("5e9", "Fen must be a whole, non-negative number of fen written in digits only, got '5e9'"),
    (-100, "Fen must not be negative, got -100"),
    (MAX_FEN + 1, "Fen must be at most 9007199254740991 (2^53 - 1), got 9007199254740992"),
    (True, "Fen must be a whole number of fen (an integer or a string of digits), got True"),
])
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_malformed_amount_is_refused_naming_the_field(api: Api, given: Any, message: str) -> None:
    body = await api.client.run(token_for("zjw-principal-1"), DECIDE, decision(api.data.own.stream_id, given, "bad"))
    assert body["data"] is None
    error = body["errors"][0]["message"]
    assert "invalid value at .fineAmountFen" in error and message in error, error
    assert api.streams.sent == []


def test_the_scalar_takes_integers_and_digit_strings_up_to_two_to_the_53_minus_one() -> None:
    assert parse_fen(0) == 0 and parse_fen("0") == 0
    assert parse_fen(MAX_FEN) == MAX_FEN and parse_fen(str(MAX_FEN)) == MAX_FEN
    with pytest.raises(GraphQLError, match="written in digits only"):
        parse_fen(" 1")
