"""Drill-down ids are sorted by stream, then by seq as a number (`event_id_order`); `Measure.of` sorts by a text
key that must order every id exactly so — streams that are prefixes of others, that contain NUL, '#' or any
character, seqs of every length, with leading zeros, negative."""

from __future__ import annotations

import random

from domain.statistics.measures import Measure, _sort_text, event_id_order

ALPHABET = ["a", "b", "#", "\x00", "\x01", "~", "-", "镇", "\U0010ffff", "9", ""]


def _ids(rng: random.Random, count: int) -> list[str]:
    streams = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 4))) for _ in range(40)]
    seqs = [str(rng.choice([0, 1, 2, 9, 10, 11, 99, 100, 10**12, -1, -2, -10, -99])) for _ in range(20)]
    seqs += ["007", "-007", "0"]
    return [f"{rng.choice(streams)}#{rng.choice(seqs)}" for _ in range(count)]


def test_the_sort_text_orders_every_id_as_stream_then_number() -> None:
    rng = random.Random(9)
    for _ in range(50):
        ids = list(dict.fromkeys(_ids(rng, 200)))
        assert [event_id_order(i) for i in sorted(ids, key=_sort_text)] == sorted(event_id_order(i) for i in ids)


def test_a_measure_lists_its_ids_in_that_order() -> None:
    ids = ["b#10", "b#9", "a~2#1", "a#100", "a#20", "b#9", "a#3"]
    assert Measure.of(5, ids).event_ids == ("a#3", "a#20", "a#100", "a~2#1", "b#9", "b#10")
