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
        return cls(value, tuple(sorted(set(event_ids), key=event_id_order)), qualifier, note)


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


@functools.lru_cache(maxsize=1 << 17)
def event_id_order(event_id: str) -> tuple[str, int]:
    """The order of drill-down ids (stream, then seq as a number). Remembered: a compute sorts the same ids into
    several figures (and the next compute sorts most of them again); splitting them was most of its Python."""
    stream, _, seq = event_id.rpartition("#")
    return stream, int(seq)


def breakdown(counts: dict[str, int]) -> str:
    """A note such as "D7 2; D17 1" (sorted by key)."""
    return "; ".join(f"{key} {value}" for key, value in sorted(counts.items()))


def restated_note(restated: int) -> str:
    """The note of a figure some of whose decisions were changed or revoked since: "2 restated"."""
    return f"{restated} restated" if restated else ""
