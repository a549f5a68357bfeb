"""The decisions of the years in one statement (`domain.statistics.fold._penalties`, `_disclosure_scope` and the
decision figures): each stream's latest DecisionMade / SimplePenaltyDecided of each year, joined to its stream's
latest adverse outcome (restated), its latest D17/D17B clock before the year's cut-off and the first disclosure
of its case; grouped by year, procedure and violation type (the 案由 breakdown; the totals are the sums)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, not_, or_, select, true
from sqlalchemy.sql import Subquery

from domain.statistics import by_violation as vb
from domain.statistics import event_types as t
from domain.statistics.measures import Measure, restated_note
from infra.db.models import events
from infra.statistics.sql import Aggregates, Found, Reader, Years, candidate, event_id, int_of, is_, resolved, text_of

PROCEDURES = {t.DECISION_MADE: "GENERAL", t.SIMPLE_DECIDED: "SIMPLE"}


PAYLOAD = ("decision_type", "modifier", "soft_outcome")


def _latest(r: Reader, years: Years) -> Subquery:
    """Each stream's latest decision of each type and year, with the fields its figures read."""
    made = events.c.event_type == t.DECISION_MADE
    d = r.scanned(years, t.DECISION_MADE, t.SIMPLE_DECIDED, **{f: case((made, text_of(events, f))) for f in PAYLOAD})
    keys = (d.c.year, d.c.stream_id, d.c.event_type)
    return (select(*keys, *candidate(d, "seq", None, "fine_amount_fen", "violation_type", *PAYLOAD,
                                     extreme=func.max))
            .group_by(*keys).subquery("latest"))


def _standing(r: Reader, restated: bool) -> Subquery:
    """Per stream its latest adverse reconsideration or judgment up to the high-water mark, with the outcome and
    the new fine (restated only). Joined to its event here, by the stream's index: a join to the log whose
    condition also named the decision kept the planner from joining this small set first, and a district's
    compute hashed the whole log for it."""
    latest = (select(events.c.stream_id, func.max(events.c.seq).label("seq"))
              .where(is_(events, *t.OUTCOMES), text_of(events, "outcome").in_(t.ADVERSE_OUTCOMES), r.mine(),
                     true() if restated else false())
              .group_by(events.c.stream_id).subquery("standing_seq"))
    o = events.alias("outcome_event")
    return (select(latest.c.stream_id, latest.c.seq, event_id(o).label("outcome_id"),
                   text_of(o, "outcome").label("outcome"), int_of(o, "new_fine_amount_fen").label("new_fine"))
            .select_from(latest.join(o, and_(o.c.stream_id == latest.c.stream_id, o.c.seq == latest.c.seq)))
            .subquery("standing"))


def _disclosed(r: Reader, years: Years) -> Subquery:
    """The cases disclosed before the cut-off (a disclosure stream's event names its case), when first."""
    named = (select(func.coalesce(text_of(events, "case_id"), events.c.stream_id).label("case_id"),
                    events.c.occurred_at)
             .where(is_(events, *t.DISCLOSURES), r.before(years.current.end)).subquery("named"))
    return (select(named.c.case_id, func.min(named.c.occurred_at).label("first"))
            .group_by(named.c.case_id).subquery("disclosed"))


def _clock_due(r: Reader, years: Years, latest: Subquery) -> ColumnElement[str]:
    """The due day of the stream's latest D17/D17B clock before the year's cut-off, if it started after the
    decision (at service): the latest is after the decision exactly when some clock is. Read per decision
    through the stream's index, for general penalty decisions not yet disclosed only."""
    c = events.alias("clock")
    cut_off = years.pick(latest.c.year, {p.year: p.end for p in years}, events.c.occurred_at.type)
    return (select(text_of(c, "due_on"))
            .where(c.c.stream_id == latest.c.stream_id, c.c.seq > latest.c.seq, c.c.event_type == t.DEADLINE_STARTED,
                   text_of(c, "deadline_id").in_(t.DISCLOSURE_DEADLINES), c.c.occurred_at < cut_off, r.mine(c))
            .order_by(c.c.seq.desc()).limit(1).scalar_subquery())


def _rows(r: Reader, years: Years, restated: bool) -> Subquery:
    """One row per counted decision with what its figures read, computed once (OFFSET 0) before grouping."""
    latest, standing, disclosed = _latest(r, years), _standing(r, restated), _disclosed(r, years)
    source = (latest.outerjoin(standing, and_(standing.c.stream_id == latest.c.stream_id,
                                              standing.c.seq > latest.c.seq))
              .outerjoin(disclosed, disclosed.c.case_id == latest.c.stream_id))
    shown = disclosed.c.first < years.pick(latest.c.year, {p.year: p.end for p in years}, events.c.occurred_at.type)
    value = {v: resolved(latest, "seq", v, text_of(events, v) if v in PAYLOAD else None)
             for v in ("fine_amount_fen", "violation_type", *PAYLOAD)}
    general = and_(latest.c.event_type == t.DECISION_MADE, value["fine_amount_fen"].is_not(None))
    return (select(latest.c.year, latest.c.event_type, func.coalesce(value.pop("violation_type"), "").label(
                   "violation"), latest.c.stream_id, latest.c.seq, *(v.label(k) for k, v in value.items()),
                   standing.c.outcome_id, standing.c.outcome, standing.c.new_fine,
                   func.coalesce(shown, False).label("shown"),
                   case((and_(general, not_(func.coalesce(shown, False))), _clock_due(r, years, latest)))
                   .label("clock_due"))  # a disclosed decision is due whatever its clock
            .select_from(source).offset(0).subquery("decided"))


def _columns(a: Aggregates, years: Years, e: Subquery) -> None:
    outcome = func.coalesce(e.c.outcome, "")
    made = e.c.event_type == t.DECISION_MADE  # the simple procedure's decisions all carry a penalty
    penalty = or_(not_(made), e.c.fine_amount_fen.is_not(None))
    kept, changed = and_(penalty, not_(outcome.in_(t.REMOVING_OUTCOMES))), and_(penalty, outcome == t.CHANGED)
    fine = case((changed, func.coalesce(e.c.new_fine, e.c.fine_amount_fen)), else_=e.c.fine_amount_fen)
    as_of = years.pick(e.c.year, {p.year: p.as_of for p in years})
    due = or_(e.c.shown, e.c.clock_due <= as_of)
    a.events("kept", kept)
    a.total("kept", fine, kept)
    a.events("changes", changed, e.c.outcome_id)
    a.events("restated", and_(penalty, e.c.outcome_id.is_not(None)))
    a.events("no_penalty_cases", and_(made, e.c.decision_type == "NO_PENALTY"))
    for name, modifier in (("lighter_penalty_cases", "LIGHTER"), ("reduced_penalty_cases", "REDUCED")):
        a.events(name, and_(made, e.c.fine_amount_fen.is_not(None), e.c.modifier == modifier))
    a.events("soft_decisions", and_(made, e.c.soft_outcome.is_not(None)))
    a.events("decisions_disclosure_due", and_(made, kept, due))
    a.events("decisions_disclosed_in_scope", and_(made, kept, due, e.c.shown))


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


def _statement(r: Reader, years: Years, restated: bool) -> Select[Any]:
    e = _rows(r, years, restated)
    a = Aggregates(e)
    _columns(a, years, e)
    keys = (e.c.year, e.c.event_type, e.c.violation)
    return select(*keys, *a.labelled()).group_by(*keys)


async def decisions(r: Reader, years: Years, *, restated: bool) -> dict[int, Decisions]:
    rows = await r.rows(("decisions", restated), lambda: _statement(r, years, restated))
    found: dict[int, Decisions] = {p.year: Decisions() for p in years}
    for row in rows:
        groups = found[int(row.year)].groups
        groups.setdefault(PROCEDURES[str(row.event_type)], []).append((str(row.violation), Found(row._mapping)))
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
