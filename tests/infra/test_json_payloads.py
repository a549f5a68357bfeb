"""The orjson `json/plain` converter reads what the default converter wrote (recorded histories) and writes what
the default converter reads, value for value, falling back to the default for what orjson refuses."""

from __future__ import annotations

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
