"""The cause of action (案由) of the penalty cases, per procedure: "一般程序案件案由均为堆物" when every case of the
kind shares one; otherwise the cases and fines by violation type, largest first; and the cases recorded without a
violation type, stated and flagged (they cannot be told apart in the breakdown)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.report.facts import Facts, ParagraphWriter
from domain.report.wording import amount
from domain.statistics.figures import Figure

PROCEDURES = (("GENERAL", "一般程序"), ("SIMPLE", "简易程序"))


@dataclass(frozen=True)
class Cause:
    code: str  # "" = not stated
    name: str
    cases: Figure
    fines: Figure | None


def causes(facts: Facts, procedure: str) -> list[Cause]:
    figures = {f.metric: f for f in facts.figures.by_violation}
    prefix = f"cases_by_violation:{procedure}:"
    found = []
    for metric, cases in figures.items():
        if metric.startswith(prefix) and cases.value:
            code = metric.removeprefix(prefix)
            fines = figures.get(f"fines_by_violation:{procedure}:{code}")
            found.append(Cause(code, cases.note or code, cases, fines))
    return sorted(found, key=lambda c: (not c.code, -c.cases.value, c.code))


def _listed(w: ParagraphWriter, cause: Cause) -> str:
    fined = f"，罚款{w.say(cause.fines)}" if cause.fines is not None and cause.fines.value else ""
    w.cite(cause.fines)
    return f"{cause.name}{w.say(cause.cases)}{fined}"


def cause_paragraph(facts: Facts) -> ParagraphWriter:
    """从案由看，一般程序案件案由均为堆物；简易程序案件中占道经营8起，罚款400元，堆物4起，罚款200元。"""
    w = ParagraphWriter()
    clauses: list[str] = []
    unstated: list[tuple[str, Figure]] = []
    for procedure, label in PROCEDURES:
        found = causes(facts, procedure)
        stated = [c for c in found if c.code]
        missing = next((c.cases for c in found if not c.code), None)
        if missing is not None:
            w.cite(missing)
            unstated.append((label, missing))
        if len(stated) == 1 and missing is None:
            w.cite(stated[0].cases, stated[0].fines)
            clauses.append(f"{label}案件案由均为{stated[0].name}")
        elif stated:
            tail = f"，未注明违法行为类型{amount(missing)}" if missing is not None else ""
            clauses.append(f"{label}案件中" + "，".join(_listed(w, c) for c in stated) + tail)
        elif missing is not None:
            clauses.append(f"{label}案件{amount(missing)}均未注明违法行为类型")
    if clauses:
        w.text(f"从案由看，{'；'.join(clauses)}。")
    if unstated:
        counts = "、".join(f"{label}案件{amount(f)}" for label, f in unstated)
        w.flag(f"{counts}录入时未注明违法行为类型，请补录案由")
    return w
