"""GraphQL answers are encoded with orjson, byte for byte as the standard library's encoder writes them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api.graphql import routes
from api.graphql.routes import encode_json

FLOATS = st.floats(allow_nan=False, allow_infinity=False)  # what Float and stored JSON can hold
LEAVES = st.none() | st.booleans() | st.integers() | FLOATS | st.text() | st.sampled_from(
    ["某公司65", "大寺", "é", "\x7f", "😀", "a\\x41", "a\\\\x41", "a\\U0001f600", "e-5", "0.00001", ":0.00001",
     "[0.0000", "\u2028", "2022-04-10T01:00:00.000000+00:00", "120 m²", "张\\²"])
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner,
                                                                                          max_size=4), max_leaves=20)


def _standard(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_any_answer_is_encoded_as_the_standard_encoder_writes_it(value: Any) -> None:
    assert encode_json(value) == _standard(value)


def test_the_values_orjson_writes_differently_are_written_as_before() -> None:
    for value in (1e-5, -1e-5, [1e-5], {"a": -5e-5}, 2.5e-7, 1.3e-6, 2**64,
                  "\x7f", "é", "😀", "拆除120 m²", "\\xb2²", "\\\\U0001f600😀",
                  {"data": {"cases": ["张甲", 1.5, None]}}):
        assert encode_json(value) == _standard(value), value


def test_times_with_zero_microseconds_keep_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = {"data": {"case": {"timeline": [{"occurredAt": "2022-04-10T01:00:00.000000+00:00", "seq": 1}]}}}
    monkeypatch.setattr(routes, "_standard", lambda value: pytest.fail(f"standard encoder for {value!r}"))
    assert encode_json(answer) == _standard(answer)
