"""Penalty cases and fines by violation type (案由), per procedure: the figures behind "案由均为…" and the
breakdown sentence. A decision whose stream carries no violation type is counted under the empty code, so the
report can say how many were recorded without one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from domain.statistics.measures import Measure

CASES, FINES = "cases_by_violation", "fines_by_violation"


@dataclass(frozen=True)
class Counted:
    """One decision still standing: its violation type, its effective fine, and the events behind both."""

    violation_type: str | None
    fine_fen: int
    decision_id: str
    change_id: str | None = None  # the CHANGED outcome that set the fine


def key(prefix: str, procedure: str, violation_type: str | None) -> str:
    return f"{prefix}:{procedure}:{violation_type or ''}"


def breakdown(procedure: str, decisions: Iterable[Counted]) -> dict[str, Measure]:
    groups: dict[str, list[Counted]] = defaultdict(list)
    for decision in decisions:
        groups[decision.violation_type or ""].append(decision)
    found: dict[str, Measure] = {}
    for code, part in groups.items():
        ids = [d.decision_id for d in part]
        changes = [d.change_id for d in part if d.change_id is not None]
        found[key(CASES, procedure, code)] = Measure.of(len(part), ids)
        found[key(FINES, procedure, code)] = Measure.of(sum(d.fine_fen for d in part), ids + changes)
    return found
