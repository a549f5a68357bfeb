"""Stored JSON and Temporal payloads read back by orjson hold exactly the values the standard decoder reads."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infra.json_text import dumps, loads, orjson_reads_exactly

NUMBERS = st.integers() | st.integers(min_value=-2**80, max_value=2**80) | st.floats(allow_nan=False)
VALUES = st.recursive(st.none() | st.booleans() | NUMBERS | st.text(), lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


def _same(value: Any, other: Any) -> bool:
    """Equal and of the same types throughout (1 == 1.0 would hide an integer read as a float)."""
    return json.dumps(value) == json.dumps(other) and repr(value) == repr(other)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_any_stored_value_reads_back_as_the_standard_decoder_reads_it(value: Any) -> None:
    for text in (json.dumps(value, ensure_ascii=False), json.dumps(value, separators=(",", ":"))):
        assert _same(loads(text), json.loads(text))
        assert _same(loads(text.encode()), json.loads(text))


def test_an_integer_past_64_bits_stays_an_integer() -> None:
    for number in (2**64, 2**70, -2**63 - 1, 10**30):
        assert loads(json.dumps({"fen": number})) == {"fen": number}
        assert type(loads(json.dumps([number]))[0]) is int


@pytest.mark.parametrize(("text", "exact"), [
    ('{"fen": 922337203685477580}', True),  # 18 digits: 64 bits hold it
    ('{"fen": 9223372036854775808}', False),
    ('{"id_no": "1201111990010112345678"}', True),  # a run inside a string
    ('{"hash": "9f3c1234567890123456789abc"}', True),
    ('{"note": "a, 1234567890123456789"}', False),  # looks like a number's place: a needless look, no harm
    ('[1234567890123456789]', False),
    ('{"fen":-12345678901234567890}', False),
    ('{"a": [1, 2,\n 12345678901234567890]}', False),
    ('1234567890123456789', False),
    ('"ab1234567890123456789", 9999999999999999999', False),  # the second run is a number
    ('["张三", 12345678901234567, "８８８８８８８８８８８８８８８８８８８"]', True),  # full-width digits are not digits
    ('"\ud800 1234567890123456789"', False),
    ("\ud800 123", True),  # a lone surrogate in the text itself
    ("2022-04-10T01:00:00.000000+00:00" * 3, True),
])
def test_a_run_of_19_digits_anywhere_is_what_orjson_may_misread(text: str, exact: bool) -> None:
    assert orjson_reads_exactly(text) is exact
    assert orjson_reads_exactly(text.encode("utf-8", "surrogatepass")) is exact


def test_json_only_the_standard_decoder_reads_is_still_read() -> None:
    assert loads('"\\ud800"') == "\ud800"
    assert loads("[2e400]") == [float("inf")]


WRITTEN = st.recursive(st.none() | st.booleans() | NUMBERS | st.floats() | st.text(),
                       lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                       | st.dictionaries(st.text() | st.integers(), inner, max_size=4), max_leaves=20)


def _standard(value: Any) -> str | type[Exception]:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        return type(error)


@settings(max_examples=600, deadline=None)
@given(WRITTEN)
def test_any_value_is_stored_as_text_the_standard_encoder_would_read_back_the_same(value: Any) -> None:
    expected = _standard(value)
    if isinstance(expected, type):
        with pytest.raises(expected):
            dumps(value)
        return
    assert _same(json.loads(dumps(value)), json.loads(expected))


def test_what_orjson_would_write_as_null_or_cannot_write_is_written_by_the_standard_encoder() -> None:
    assert json.loads(dumps({"fen": 2**70, "note": None})) == {"fen": 2**70, "note": None}
    assert dumps({1: None}) == '{"1": null}'
    assert dumps("\ud800") == '"\ud800"'
    assert json.loads(dumps({"pair": (1, None)})) == {"pair": [1, None]}
    for refused in ({"x": float("nan"), "y": None}, [float("inf")], {"when": datetime(2026, 1, 1)}):
        with pytest.raises((ValueError, TypeError)):
            dumps(refused)


def test_readable_utf8_is_kept() -> None:
    assert dumps({"unit": "m²", "town": "张家窝镇"}) == '{"unit":"m²","town":"张家窝镇"}'
