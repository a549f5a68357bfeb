"""Stored JSON and Temporal payloads read back by orjson hold exactly the values the standard decoder reads."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from infra.json_text import loads

NUMBERS = st.integers() | st.integers(min_value=-2**80, max_value=2**80) | st.floats(allow_nan=False)
VALUES = st.recursive(st.none() | st.booleans() | NUMBERS | st.text(), lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


def _same(value: Any, other: Any) -> bool:
    """Equal and of the same types throughout (1 == 1.0 would hide an integer read as a float)."""
    return json.dumps(value) == json.dumps(other) and repr(value) == repr(other)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_any_stored_value_reads_back_as_the_standard_decoder_reads_it(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    assert _same(loads(text), json.loads(text))
    assert _same(loads(text.encode()), json.loads(text))


def test_an_integer_past_64_bits_stays_an_integer() -> None:
    for number in (2**64, 2**70, -2**63 - 1, 10**30):
        assert loads(json.dumps({"fen": number})) == {"fen": number}
        assert type(loads(json.dumps([number]))[0]) is int


def test_json_only_the_standard_decoder_reads_is_still_read() -> None:
    assert loads('"\\ud800"') == "\ud800"
    assert loads("[2e400]") == [float("inf")]
