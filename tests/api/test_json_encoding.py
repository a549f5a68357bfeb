"""GraphQL answers are UTF-8 JSON written by orjson: any answer reads back as the value it encodes, non-ASCII text
travels as itself (not as `\\uXXXX` escapes), and what orjson refuses goes through the standard encoder."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.graphql import routes
from api.graphql.routes import encode_json
from tests.api.client import GraphQLClient, token_for

FLOATS = st.floats(allow_nan=False, allow_infinity=False)  # what Float and stored JSON can hold
LEAVES = st.none() | st.booleans() | st.integers() | FLOATS | st.text() | st.sampled_from(
    ["某公司65", "大寺", "é", "\x7f", "😀", "a\\x41", "\u2028", "2022-04-10T01:00:00.000000+00:00", "120 m²", "\ud800"])
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner,
                                                                                          max_size=4), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_any_answer_reads_back_as_the_value_it_encodes(value: Any) -> None:
    assert json.loads(encode_json(value)) == value


def test_chinese_text_travels_as_utf8_not_as_escapes() -> None:
    answer = {"data": {"case": {"partyName": "大寺镇某公司", "area": "120 m²"}}}
    encoded = encode_json(answer)
    assert "大寺镇某公司".encode() in encoded and "m²".encode() in encoded and b"\\u" not in encoded
    assert encoded == json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()


def test_what_orjson_refuses_is_written_by_the_standard_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    for refused in ({"n": 2**64}, {"text": "lone \ud800 surrogate"}):
        assert encode_json(refused) == json.dumps(refused, separators=(",", ":")).encode()
    monkeypatch.setattr(routes, "_standard", lambda value: pytest.fail(f"standard encoder for {value!r}"))
    encode_json({"small": 1e-5, "time": "2022-04-10T01:00:00.000000+00:00", "del": "\x7f"})  # orjson's own


async def test_answers_say_they_are_utf8(client: GraphQLClient) -> None:
    response = await client.post(token_for("zjw-lead-1"), "{ __typename }")
    assert (response.status_code, response.headers["content-type"]) == (200, "application/json; charset=utf-8")
