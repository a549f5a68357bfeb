"""What a statistics implementation measures before the figures are assembled: per metric a value, its
qualifier, a note and the events behind it; campaign tallies by (violation type, unit, label). The SQL
implementation (infra) and the Python fold (`fold.py`) both produce `Measurements`; `assemble` turns either
into `AnnualFigures`, so comparing them compares what each measured."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.statistics.figures import Qualifier, Unit


@dataclass(frozen=True)
class Measure:
    value: int
    event_ids: tuple[str, ...] = ()  # sorted "stream_id#seq"
    qualifier: Qualifier = Qualifier.EXACT
    note: str = ""

    @classmethod
    def of(cls, value: int, event_ids: Iterable[str] = (), *, qualifier: Qualifier = Qualifier.EXACT,
           note: str = "") -> Measure:
        return cls(value, tuple(sorted(set(event_ids), key=_sort_text)), qualifier, note)


@dataclass(frozen=True)
class TallyMeasure:
    violation_type: str
    unit: Unit
    label: str
    value: int
    qualifier: Qualifier
    event_ids: tuple[str, ...]


@dataclass(frozen=True)
class Measurements:
    measures: dict[str, Measure] = field(default_factory=dict)
    tallies: tuple[TallyMeasure, ...] = ()


def event_id_order(event_id: str) -> tuple[str, int]:
    """The order of drill-down ids: by stream, then by seq as a number."""
    stream, _, seq = event_id.rpartition("#")
    return stream, int(seq)


@functools.lru_cache(maxsize=1 << 17)
def _sort_text(event_id: str) -> str:
    """A text that sorts exactly as `event_id_order` does: the stream with NUL escaped and a NUL NUL end (no
    stream sorts between a prefix and its extensions), then the seq with its sign and length first. Strings
    compare several times faster than (str, int) pairs, and a compute sorts the same ids into several figures
    (and the next compute most of them again): sorting drill-down ids was most of a compute's Python."""
    stream, seq = event_id_order(event_id)
    return stream.replace("\x00", "\x00\x01") + "\x00\x00" + _number_text(seq)


_COMPLEMENT = str.maketrans("0123456789", "9876543210")


def _number_text(number: int) -> str:
    digits = str(abs(number))
    if number >= 0:
        return "\x02" + chr(len(digits)) + digits
    return "\x01" + chr(0x10FFFF - len(digits)) + digits.translate(_COMPLEMENT)  # longer is smaller


def breakdown(counts: dict[str, int]) -> str:
    """A note such as "D7 2; D17 1" (sorted by key)."""
    return "; ".join(f"{key} {value}" for key, value in sorted(counts.items()))


def restated_note(restated: int) -> str:
    """The note of a figure some of whose decisions were changed or revoked since: "2 restated"."""
    return f"{restated} restated" if restated else ""
