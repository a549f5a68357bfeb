"""The sealed form of events never changes by accident: the canonical text and the hashes of representative
events are pinned here, and so is a digest over every envelope of the scenario files and of a case lead to
archive. Stored hash chains verify only while every byte stays the same; a failure here means an encoding
changed (codec, sealing, stream context), not that the pins need updating."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, ClassVar, Literal

import pytest

from domain.cases.context import stream_context
from domain.cases.decider import GeneralCaseDecider
from domain.cases.status import CaseStatus
from domain.codec import canonical_json, from_primitive, to_primitive
from domain.envelope import GENESIS_HASH, EventEnvelope, verify_chain
from domain.recording import record
from infra.bulk_import import validate
from infra.calendar import load_work_calendar
from infra.reference import demo_profiles, demo_reference
from tests.domain.cases.builder import drive
from tests.domain.cases.fixtures import at
from tests.scenarios.scenario import load
from tests.scenarios.templates import expand_cases

SCENARIOS = ("zhangjiawo-2022", "yangliuqing-2023", "dasi-2020")

LEAD_REGISTERED = (
    '{"actor":"zjw-officer-1","event_type":"LeadRegistered","event_version":1,"fine_amount_fen":null,'
    '"occurred_at":"2022-01-04T01:00:00.000000+00:00","payload":{"actors":["zjw-officer-1"],'
    '"case_id":"zhangjiawo-2022-1-1","discovered_at":"2022-01-04T01:00:00.000000+00:00",'
    '"harm_to_life_health_or_finance":false,"limitation_ends_on":null,"occurred_at":"2022-01-04T01:00:00.000000+00:00",'
    '"party":{"address":"","id_number":"","is_minor":false,"name":"某公司1","party_type":"ORGANIZATION","phone":""},'
    '"place":"张家窝镇某路1号","source":"INSPECTION","source_ref":"","summary":"","time_barred":false,'
    '"town":"zhangjiawo","unit":"zhangjiawo-bureau","violation_ended_on":null,"violation_type":"OPEN_AIR_BBQ"},'
    '"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","procedure":"GENERAL",'
    '"recorded_at":"2022-01-04T01:01:00.000000+00:00","seq":1,"status":"LEAD_REGISTERED",'
    '"stream_id":"zhangjiawo-2022-1-1","stream_kind":"CASE","town":"zhangjiawo","unit":"zhangjiawo-bureau",'
    '"violation_type":"OPEN_AIR_BBQ"}'
)
DECISION_MADE = (
    '{"actor":"zjw-principal-1","event_type":"DecisionMade","event_version":1,"fine_amount_fen":500000,'
    '"occurred_at":"2022-01-13T01:00:00.000000+00:00","payload":{"actors":["zjw-principal-1"],'
    '"decision_due_on":"2022-04-06","decision_type":"PENALTY","fine_fen":500000,"late":false,"mitigating_grounds":[],'
    '"modifier":"NONE","no_penalty_ground":null,"occurred_at":"2022-01-13T01:00:00.000000+00:00",'
    '"party_present":false,"proposal_hash":"29bd71abb274df1f5f7818e4b343844c334ecae634544f0e407a465d3652f5c6",'
    '"sanctions":["FINE"],"soft_list_item_id":null,"soft_outcome":null},'
    '"prev_hash":"85c988ecb96e5a87a27f1d4bbada5de6669f17a8908ddf6bde5e29d0fc8dca5c","procedure":"GENERAL",'
    '"recorded_at":"2022-01-13T01:01:00.000000+00:00","seq":17,"status":"DECIDED","stream_id":"zhangjiawo-2022-1-1",'
    '"stream_kind":"CASE","town":"zhangjiawo","unit":"zhangjiawo-bureau","violation_type":"OPEN_AIR_BBQ"}'
)
DEADLINE_STARTED = (
    '{"actor":"system","event_type":"DeadlineStarted","event_version":1,"fine_amount_fen":null,'
    '"occurred_at":"2022-01-04T01:00:00.000000+00:00","payload":{"actors":["system"],"anchor":null,"clock_key":"D2",'
    '"deadline_id":"D2","due_on":"2022-01-25","length":15,"occurred_at":"2022-01-04T01:00:00.000000+00:00",'
    '"provisional":false,"source":"APL 54 / SAMR-R 18","started_on":"2022-01-04","unit":"WORKING_DAYS",'
    '"warn_on":"2022-01-21"},"prev_hash":"cb03be88aa93ae7fbc8c2e94461a9c6fa93a959a97030cb54a1338449edef75e",'
    '"procedure":"GENERAL","recorded_at":"2022-01-04T01:01:00.000000+00:00","seq":2,"status":"LEAD_REGISTERED",'
    '"stream_id":"zhangjiawo-2022-1-1","stream_kind":"CASE","town":"zhangjiawo","unit":"zhangjiawo-bureau",'
    '"violation_type":"OPEN_AIR_BBQ"}'
)
PINNED_HASHES = {
    "LeadRegistered": ("cb03be88aa93ae7fbc8c2e94461a9c6fa93a959a97030cb54a1338449edef75e", LEAD_REGISTERED),
    "DecisionMade": ("b9be8c000f8df2a669675f7461ec05755d290ee8cce24433f6f21b74b132c4d5", DECISION_MADE),
    "DeadlineStarted": ("f82f965d31be2b51bbe3522d077c8523963eeeef3d23c6bfb6c487c2cb34d6f8", DEADLINE_STARTED),
}


def _digest(envelopes: Iterable[EventEnvelope]) -> tuple[str, int]:
    """SHA-256 over every envelope's canonical text with its hash, one per line, and how many there were."""
    digest, count = hashlib.sha256(), 0
    for envelope in envelopes:
        digest.update(canonical_json({**envelope.hashed_content(), "hash": envelope.hash}).encode("utf-8") + b"\n")
        count += 1
    return digest.hexdigest(), count


@pytest.fixture(scope="module")
def scenario_histories() -> list[list[EventEnvelope]]:
    document = {"format": "zhifa.bulk-import/1",
                "cases": [case for name in SCENARIOS for case in expand_cases(load(name))]}
    return validate(document, reference=demo_reference(), profiles=demo_profiles(), calendar=load_work_calendar())


def test_every_envelope_of_the_scenario_files_keeps_its_bytes(scenario_histories: list[list[EventEnvelope]]) -> None:
    assert len(scenario_histories) == 545
    assert _digest(e for history in scenario_histories for e in history) == (
        "5f1981f15aaf1ba876f18c809331a32af29f8714c1860aedb8689ab77930afe3", 8078)
    assert all(verify_chain(history) is None for history in scenario_histories)


def test_representative_envelopes_keep_their_canonical_text_and_hash(
        scenario_histories: list[list[EventEnvelope]]) -> None:
    first = {}
    for envelope in scenario_histories[0]:
        first.setdefault(envelope.event_type, envelope)
    for event_type, (digest, text) in PINNED_HASHES.items():
        assert canonical_json(first[event_type].hashed_content()) == text
        assert first[event_type].hash == digest == first[event_type].computed_hash()


def test_a_case_lead_to_archive_seals_to_the_same_bytes() -> None:
    decider, envelopes = GeneralCaseDecider(), []
    state, prev = decider.initial(), GENESIS_HASH
    for event in drive(CaseStatus.ARCHIVED).events:
        state, sealed = record(decider, state, [event], context_of=stream_context, first_seq=len(envelopes) + 1,
                               prev_hash=prev, recorded_at=at(10, 23))
        envelopes.extend(sealed)
        prev = sealed[-1].hash
    assert _digest(envelopes) == ("a9c7a6861f9fc8f57e79b91ebaec9bd1585132a51d3f9e8371a026ba52ce2081", 36)


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"


class Plain(enum.Enum):
    ONE = 1


@dataclass(frozen=True)
class Inner:
    label: str
    when: date | None = None


@dataclass(frozen=True, kw_only=True)
class Sample:
    KIND: ClassVar[str] = "x"
    colour: Colour
    plain: Plain
    at: datetime
    day: date
    tags: frozenset[str]
    inners: frozenset[Inner]
    pairs: tuple[tuple[str, int], ...]
    by_colour: Mapping[Colour, Inner]
    maybe: int | None = None
    either: int | str = 0
    extra: list[Any] = field(default_factory=list)


SAMPLE = Sample(colour=Colour.BLUE, plain=Plain.ONE,
                at=datetime(2025, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=8))), day=date(2025, 3, 1),
                tags=frozenset({"乙", "a", "B"}), inners=frozenset({Inner("z"), Inner("a", date(2024, 1, 2))}),
                pairs=(("x", 1), ("y", 2)), by_colour={Colour.RED: Inner("r")}, either="s",
                extra=[1.5, True, None, "é"])


def test_the_codec_keeps_its_conventions_on_every_kind_of_value() -> None:
    primitive = to_primitive(SAMPLE)
    assert primitive == {
        "colour": "blue", "plain": 1, "at": "2025-03-01T00:30:00.000000+00:00", "day": "2025-03-01",
        "tags": ["B", "a", "乙"], "inners": [{"label": "a", "when": "2024-01-02"}, {"label": "z", "when": None}],
        "pairs": [["x", 1], ["y", 2]], "by_colour": {"red": {"label": "r", "when": None}}, "maybe": None,
        "either": "s", "extra": [1.5, True, None, "é"]}
    assert list(primitive) == ["colour", "plain", "at", "day", "tags", "inners", "pairs", "by_colour", "maybe",
                               "either", "extra"]
    assert primitive["colour"] is Colour.BLUE  # a str enum passes as itself (JSON writes its text)
    assert canonical_json(primitive) == (
        '{"at":"2025-03-01T00:30:00.000000+00:00","by_colour":{"red":{"label":"r","when":null}},"colour":"blue",'
        '"day":"2025-03-01","either":"s","extra":[1.5,true,null,"é"],"inners":[{"label":"a","when":"2024-01-02"},'
        '{"label":"z","when":null}],"maybe":null,"pairs":[["x",1],["y",2]],"plain":1,"tags":["B","a","乙"]}')
    assert from_primitive(Sample, primitive) == SAMPLE
    assert to_primitive({1: 2}) == {"1": 2} and to_primitive({frozenset({1})}) == [[1]]


@pytest.mark.parametrize(("tp", "data", "outcome"), [
    (Sample, {"colour": "blue"}, (KeyError, "'Sample.plain is missing'")),
    (int | str, [1], "[1]"),
    (tuple[int, int], [1], (ValueError, "zip() argument 2 is shorter than argument 1")),
    (Inner, "label", (TypeError, "string indices must be integers, not 'str'")),
    (Colour, "green", (ValueError, "'green' is not a valid Colour")),
    (datetime, "2025-01-01T00:00:00", (ValueError, "datetime '2025-01-01T00:00:00' carries no zone")),
    (int, "x", (ValueError, "invalid literal for int() with base 10: 'x'")),
    (frozenset[int], None, None),
    (Literal["a"], "b", "b"),
    (bytes, b"x", (TypeError, "cannot deserialise into <class 'bytes'>")),
])
def test_decoding_keeps_its_results_and_its_error_messages(tp: Any, data: Any, outcome: Any) -> None:
    if isinstance(outcome, tuple):
        with pytest.raises(outcome[0]) as info:
            from_primitive(tp, data)
        assert str(info.value) == outcome[1]
    else:
        assert from_primitive(tp, data) == outcome


@pytest.mark.parametrize(("value", "error"), [
    (datetime(2025, 1, 1), (ValueError, "naive datetime datetime.datetime(2025, 1, 1, 0, 0) cannot be serialised; "
                                        "time must carry a zone")),
    (object(), (TypeError, "cannot serialise object")),
])
def test_encoding_refuses_what_it_always_refused(value: Any, error: tuple[type[Exception], str]) -> None:
    with pytest.raises(error[0]) as info:
        to_primitive(value)
    assert str(info.value) == error[1]
