"""The orjson `json/plain` converter reads what the default converter wrote (recorded histories) and writes what
the default converter reads, value for value, falling back to the default for what orjson refuses."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from temporalio.converter import DefaultPayloadConverter

from infra.temporal.json_payloads import PayloadConverter
from workflows.messages import ContextPayload, StepRequest, StepResult, StreamInput

DEFAULT = DefaultPayloadConverter()
OURS = PayloadConverter()


@dataclass
class Stamped:
    at: datetime
    tags: set[str] = field(default_factory=set)


STREAM_INPUT = StreamInput(
    kind="GENERAL_CASE", stream_id="case:1", town="zhangjiawo",
    context=ContextPayload(version="v1", data={"reference": {"place": "张家窝镇某村东侧农田", "n": [1, 2.5, None]}}),
    applied={"r1": StepResult(stream_id="case:1", status="FILED", first_seq=1, last_seq=2, event_types=["A"])})
VALUES: list[tuple[Any, Any]] = [
    (STREAM_INPUT, StreamInput),
    (StepRequest(command="FileCase", payload={"case_no": "津西青〔2026〕31号"}, context_version="v"), StepRequest),
    ({"big": 2**70, "small": -1}, dict[str, int]),  # beyond 64 bits: orjson refuses, the default writes it
    ({1: "int key"}, dict[int, str]),
    (Stamped(at=datetime(2026, 12, 7, 1, 2, 3, 4567, tzinfo=UTC), tags={"x"}), dict[str, Any]),
    (["a", ("b", "c"), True, None], list[Any]),
]


@pytest.mark.parametrize(("value", "hint"), VALUES)
def test_each_side_reads_what_the_other_wrote(value: Any, hint: Any) -> None:
    ours, default = OURS.to_payloads([value])[0], DEFAULT.to_payloads([value])[0]
    assert ours.metadata["encoding"] == default.metadata["encoding"] == b"json/plain"
    assert OURS.from_payloads([default], [hint]) == DEFAULT.from_payloads([default], [hint])
    assert DEFAULT.from_payloads([ours], [hint]) == DEFAULT.from_payloads([default], [hint])


def test_non_ascii_text_is_written_as_utf8_not_escaped() -> None:
    ours, default = OURS.to_payloads([STREAM_INPUT])[0], DEFAULT.to_payloads([STREAM_INPUT])[0]
    assert "张家窝镇".encode() in ours.data and len(ours.data) < len(default.data)


def test_json_only_the_standard_library_reads_still_decodes() -> None:
    nan = DEFAULT.to_payloads([{"x": math.nan}])[0]  # the default converter writes NaN
    assert math.isnan(OURS.from_payloads([nan], [dict[str, float]])[0]["x"])


def test_an_integer_past_64_bits_reads_back_as_the_same_integer() -> None:
    for value in ({"fen": 2**70}, [-2**63 - 1], {"n": [10**30, 1.5]}):
        for written in (DEFAULT.to_payloads([value]), OURS.to_payloads([value])):
            assert OURS.from_payloads(written) == DEFAULT.from_payloads(written) == [value]
            assert repr(OURS.from_payloads(written)) == repr([value])


@dataclass
class WithLaterField:
    name: str
    tags: list[str] = field(default_factory=list)
    derived: int = field(default=0, init=False)


@dataclass
class Outer:
    inner: WithLaterField | None
    by_id: dict[str, StepResult]
    at: datetime


DATACLASS_CASES: list[tuple[Any, Any]] = [
    ({"name": "a", "tags": ["x"], "derived": 7, "unknown": 1}, WithLaterField),  # unknown keys ignored
    ({"inner": None, "by_id": {}, "at": "2026-12-07T01:02:03+00:00"}, Outer),
    ({"inner": {"name": "b"}, "by_id": {"r": {"stream_id": "s", "status": None, "first_seq": 1, "last_seq": 1,
                                                "event_types": []}}, "at": "2026-12-07T01:02:03+00:00"}, Outer),
]


@pytest.mark.parametrize(("raw", "hint"), DATACLASS_CASES)
def test_dataclasses_decode_as_temporals_own_conversion_does(raw: Any, hint: Any) -> None:
    payload = DEFAULT.to_payloads([raw])[0]
    ours, default = OURS.from_payloads([payload], [hint])[0], DEFAULT.from_payloads([payload], [hint])[0]
    assert ours == default and vars(ours) == vars(default)


def test_a_dataclass_missing_a_required_field_is_refused_naming_it() -> None:
    payload = DEFAULT.to_payloads([{"inner": {"tags": []}, "by_id": {}, "at": "2026-12-07T01:02:03+00:00"}])[0]
    with pytest.raises(TypeError, match="Failed converting field inner"):
        OURS.from_payloads([payload], [Outer])


def test_a_claimable_value_is_decoded_once_per_content_and_shared() -> None:
    first = ContextPayload(version="v9", data={"calendar": {"2026-12-07": "WORKDAY"}})
    twin = ContextPayload(version="v9", data={"calendar": {"2026-12-07": "WORKDAY"}})
    written, written_again = OURS.to_payloads([first])[0], OURS.to_payloads([twin])[0]
    decoded = OURS.from_payloads([written], [ContextPayload])[0]
    assert decoded == first == DEFAULT.from_payloads([written], [ContextPayload])[0]
    assert OURS.from_payloads([written_again], [ContextPayload])[0] is decoded


def test_a_claimable_value_encoded_again_gives_the_same_json_and_another_object_its_own() -> None:
    context = ContextPayload(version="v1", data={"reference": {"n": 1}})
    other = ContextPayload(version="v2", data={"reference": {"n": 2}})
    once, twice = OURS.to_payloads([context])[0], OURS.to_payloads([context])[0]
    assert once == twice and json.loads(once.data) == json.loads(DEFAULT.to_payloads([context])[0].data)
    assert OURS.from_payloads([OURS.to_payloads([other])[0]], [ContextPayload])[0] == other
