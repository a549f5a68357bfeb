"""The decisions of the years in one statement (`domain.statistics.fold._penalties`, `_disclosure_scope` and the
decision figures): each stream's latest DecisionMade / SimplePenaltyDecided of each year, joined to its stream's
latest adverse outcome (restated), its latest D17/D17B clock before the year's cut-off and the first disclosure
of its case; grouped by year, procedure and violation type (the 案由 breakdown; the totals are the sums)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, case, false, func, not_, or_, select, true
from sqlalchemy.sql import FromClause, Subquery

from domain.statistics import by_violation as vb
from domain.statistics import event_types as t
from domain.statistics.measures import Measure, restated_note
from infra.db.models import events
from infra.statistics.sql import Aggregates, Found, Reader, Years, event_id, int_of, is_, text_of

PROCEDURES = {t.DECISION_MADE: "GENERAL", t.SIMPLE_DECIDED: "SIMPLE"}


def _latest(r: Reader, years: Years) -> Subquery:
    d = r.scanned(years, t.DECISION_MADE, t.SIMPLE_DECIDED)
    keys = (d.c.year, d.c.stream_id, d.c.event_type)
    return select(*keys, func.max(d.c.seq).label("seq")).group_by(*keys).subquery("latest")


def _standing(r: Reader, restated: bool) -> Subquery:
    """Per stream its latest adverse reconsideration or judgment up to the high-water mark (restated only)."""
    return (select(events.c.stream_id, func.max(events.c.seq).label("seq"))
            .where(is_(events, *t.OUTCOMES), text_of(events, "outcome").in_(t.ADVERSE_OUTCOMES), r.mine(),
                   true() if restated else false())
            .group_by(events.c.stream_id).subquery("standing"))


def _clocks(r: Reader, years: Years) -> Subquery:
    """Per stream and year, its latest D17/D17B clock started before the year's cut-off."""
    return (select(events.c.stream_id, *(func.max(events.c.seq).filter(events.c.occurred_at < p.end)
                                         .label(f"y{p.year}") for p in years))
            .where(is_(events, t.DEADLINE_STARTED), text_of(events, "deadline_id").in_(t.DISCLOSURE_DEADLINES),
                   r.before(years.current.end))
            .group_by(events.c.stream_id).subquery("clocks"))


def _disclosed(r: Reader, years: Years) -> Subquery:
    """The cases disclosed before the cut-off (a disclosure stream's event names its case), when first."""
    named = (select(func.coalesce(text_of(events, "case_id"), events.c.stream_id).label("case_id"),
                    events.c.occurred_at)
             .where(is_(events, *t.DISCLOSURES), r.before(years.current.end)).subquery("named"))
    return (select(named.c.case_id, func.min(named.c.occurred_at).label("first"))
            .group_by(named.c.case_id).subquery("disclosed"))


@dataclass
class _Joined:
    source: FromClause
    decision: FromClause
    outcome: FromClause
    due: ColumnElement[bool]
    disclosed: ColumnElement[bool]


def _joined(r: Reader, years: Years, restated: bool) -> tuple[Subquery, _Joined]:
    latest, standing, clocks, disclosed = _latest(r, years), _standing(r, restated), _clocks(r, years), _disclosed(
        r, years)
    d, o, c = events.alias("decision"), events.alias("outcome_event"), events.alias("clock")
    clock_seq = years.pick(latest.c.year, {p.year: clocks.c[f"y{p.year}"] for p in years})
    source = (latest.join(d, and_(d.c.stream_id == latest.c.stream_id, d.c.seq == latest.c.seq))
              .outerjoin(standing, standing.c.stream_id == d.c.stream_id)
              .outerjoin(o, and_(o.c.stream_id == standing.c.stream_id, o.c.seq == standing.c.seq, o.c.seq > d.c.seq))
              .outerjoin(clocks, clocks.c.stream_id == d.c.stream_id)
              .outerjoin(c, and_(c.c.stream_id == d.c.stream_id, c.c.seq == clock_seq))
              .outerjoin(disclosed, disclosed.c.case_id == d.c.stream_id))
    shown = disclosed.c.first < years.pick(latest.c.year, {p.year: p.end for p in years}, events.c.occurred_at.type)
    as_of = years.pick(latest.c.year, {p.year: p.as_of.isoformat() for p in years})
    due = or_(shown, and_(c.c.seq > d.c.seq, text_of(c, "due_on") <= as_of))
    return latest, _Joined(source, d, o, due, shown)


def _columns(a: Aggregates, latest: Subquery, j: _Joined) -> None:
    d, o = j.decision, j.outcome
    outcome = func.coalesce(text_of(o, "outcome"), "")
    made = latest.c.event_type == t.DECISION_MADE  # the simple procedure's decisions all carry a penalty
    penalty = or_(not_(made), d.c.fine_amount_fen.is_not(None))
    kept, changed = and_(penalty, not_(outcome.in_(t.REMOVING_OUTCOMES))), and_(penalty, outcome == t.CHANGED)
    fine = case((outcome == t.CHANGED, func.coalesce(int_of(o, "new_fine_amount_fen"), d.c.fine_amount_fen)),
                else_=d.c.fine_amount_fen)
    a.events("kept", kept)
    a.total("kept", fine, kept)
    a.events("changes", changed, event_id(o))
    a.events("restated", and_(penalty, o.c.stream_id.is_not(None)))
    a.events("no_penalty_cases", and_(made, text_of(d, "decision_type") == "NO_PENALTY"))
    for name, modifier in (("lighter_penalty_cases", "LIGHTER"), ("reduced_penalty_cases", "REDUCED")):
        a.events(name, and_(made, d.c.fine_amount_fen.is_not(None), text_of(d, "modifier") == modifier))
    a.events("soft_decisions", and_(made, text_of(d, "soft_outcome").is_not(None)))
    a.events("decisions_disclosure_due", and_(made, kept, j.due))
    a.events("decisions_disclosed_in_scope", and_(made, kept, j.due, j.disclosed))


@dataclass
class Decisions:
    """One year's decision figures: per procedure the groups by violation type."""

    groups: dict[str, list[tuple[str, Found]]] = field(default_factory=dict)

    def n(self, procedure: str, name: str) -> int:
        return sum(f.n(name) for _, f in self.groups.get(procedure, []))

    def sum(self, procedure: str, name: str) -> int:
        return sum(f.sum(name) for _, f in self.groups.get(procedure, []))

    def ids(self, procedure: str, name: str) -> list[str]:
        return [i for _, f in self.groups.get(procedure, []) for i in f.ids(name)]


async def decisions(r: Reader, years: Years, *, restated: bool) -> dict[int, Decisions]:
    latest, joined = _joined(r, years, restated)
    a = Aggregates(joined.decision)
    _columns(a, latest, joined)
    violation = func.coalesce(joined.decision.c.violation_type, "")
    keys = (latest.c.year, latest.c.event_type, violation)
    rows = await r.rows(select(latest.c.year.label("year"), latest.c.event_type.label("type"),
                               violation.label("violation"), *a.labelled())
                        .select_from(joined.source).group_by(*keys))
    found: dict[int, Decisions] = {p.year: Decisions() for p in years}
    for row in rows:
        groups = found[int(row.year)].groups
        groups.setdefault(PROCEDURES[str(row.type)], []).append((str(row.violation), Found(row._mapping)))
    return found


def decision_measures(d: Decisions) -> dict[str, Measure]:
    g_n, s_n, g_fen, s_fen = d.n("GENERAL", "kept"), d.n("SIMPLE", "kept"), d.sum("GENERAL", "kept"), d.sum(
        "SIMPLE", "kept")
    g_kept, s_kept = d.ids("GENERAL", "kept"), d.ids("SIMPLE", "kept")
    changes = d.ids("GENERAL", "changes"), d.ids("SIMPLE", "changes")
    g_restated, s_restated = d.n("GENERAL", "restated"), d.n("SIMPLE", "restated")
    note_g, note_s, note = restated_note(g_restated), restated_note(s_restated), restated_note(g_restated + s_restated)
    m = {"general_procedure_cases": Measure.of(g_n, g_kept, note=note_g),
         "simple_procedure_cases": Measure.of(s_n, s_kept, note=note_s),
         "penalty_cases_total": Measure.of(g_n + s_n, g_kept + s_kept, note=note),
         "fines_imposed_general": Measure.of(g_fen, g_kept + changes[0], note=note_g),
         "fines_imposed_simple": Measure.of(s_fen, s_kept + changes[1], note=note_s),
         "fines_imposed_total": Measure.of(g_fen + s_fen, g_kept + s_kept + changes[0] + changes[1], note=note)}
    for name in ("no_penalty_cases", "lighter_penalty_cases", "reduced_penalty_cases",
                 "decisions_disclosure_due", "decisions_disclosed_in_scope"):
        m[name] = Measure.of(d.n("GENERAL", name), d.ids("GENERAL", name))
    m.update(_by_violation(d))
    return m


def _by_violation(d: Decisions) -> dict[str, Measure]:
    m: dict[str, Measure] = {}
    for procedure, groups in d.groups.items():
        for code, f in groups:
            if f.n("kept"):
                m[vb.key(vb.CASES, procedure, code)] = f.counted("kept")
                m[vb.key(vb.FINES, procedure, code)] = Measure.of(f.sum("kept"), f.ids("kept") + f.ids("changes"))
    return m
