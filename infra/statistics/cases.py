"""Case figures in SQL: the same definitions as `domain.statistics.fold.case_measures`, over the typed columns
(event type, time, town/unit, fine, status); the payload is read only where no typed column carries the fact.
This module holds the per-stream statement (`streams`: the reconciliation of filed cases with their endings and
the on-time disclosure records, both years) and puts a year's case figures together from every statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, case, cast, func, or_, select
from sqlalchemy.sql import Subquery

from domain.statistics import event_types as t
from domain.statistics.arithmetic import basis_points, mean_tenths
from domain.statistics.measures import Measure
from infra.db.models import events
from infra.statistics.decisions import Decisions, decision_measures
from infra.statistics.flows import Flows, case_flows, published, soft_findings
from infra.statistics.sql import (
    Aggregates,
    Bound,
    Found,
    Reader,
    Years,
    candidate,
    days_between,
    event_id,
    ids_of,
    is_,
    iso_day,
    resolved,
    text_of,
)

RECONCILED = ("cases_carried_in", "cases_pending_at_cutoff", "cases_decided_penalty", "cases_decided_no_penalty",
              "cases_transferred", "cases_withdrawn")


def _rows(r: Reader) -> Subquery:
    """The scope's filings, endings and disclosure records, with the one payload field read (computed in the
    scan, behind OFFSET 0, so no payload reaches the grouping)."""
    typed = events.c.event_type
    return (select(events.c.stream_id, events.c.seq, typed, events.c.occurred_at, events.c.fine_amount_fen,
                   case((typed == t.DECISION_MADE, text_of(events, "decision_type"))).label("decision_type"))
            .where(is_(events, t.CASE_FILED, *t.ENDINGS, t.DISCLOSURE_RECORDED), r.mine()).offset(0)
            .subquery("rows"))


def _facts(r: Reader, years: Years) -> Subquery:
    """Per stream: its first CaseFiled before each year's cut-off, its first ending (any time), its first
    disclosure record in each year."""
    rows = _rows(r)
    typed, at = rows.c.event_type, rows.c.occurred_at
    columns = [c for p in years for c in (*candidate(rows, f"filed{p.year}", and_(typed == t.CASE_FILED, at < p.end),
                                                  "occurred_at"),
                                          *candidate(rows, f"recorded{p.year}", and_(
                                              typed == t.DISCLOSURE_RECORDED, at >= p.start, at < p.end),
                                              "occurred_at"))]
    columns += candidate(rows, "ended", typed.in_(t.ENDINGS), "occurred_at", "event_type", "fine_amount_fen",
                      "decision_type")
    # every filing of each year (`cases_filed`), read here rather than by the flows: the filings are the most
    # frequent rows either statement reads, and the pages they lie on are read once
    columns += [ids_of(event_id(rows)).filter(typed == t.CASE_FILED, at >= p.start, at < p.end)
                .label(f"filings{p.year}") for p in years]
    return select(rows.c.stream_id, *columns).group_by(rows.c.stream_id).subquery("facts")


def _clock_due(r: Reader, facts: Subquery, years: Years) -> ColumnElement[str]:
    """The due day of the stream's first D17/D17B clock, read only for a stream with a disclosure record."""
    c = events.alias("clock")
    due = (select(func.coalesce(text_of(c, "due_on"), "None"))  # the fold compares with str(due_on)
           .where(c.c.stream_id == facts.c.stream_id, c.c.event_type == t.DEADLINE_STARTED,
                  text_of(c, "deadline_id").in_(t.DISCLOSURE_DEADLINES), r.mine(c))
           .order_by(c.c.seq).limit(1).scalar_subquery())
    return case((or_(*(facts.c[f"recorded{p.year}"].is_not(None) for p in years)), due))


@dataclass(frozen=True)
class _Event:
    """The columns of the event a fact points at (no event: `seq` is NULL)."""

    stream: ColumnElement[str]
    seq: ColumnElement[int]
    at: ColumnElement[datetime]

    @property
    def id(self) -> ColumnElement[str]:
        return self.stream + "#" + cast(self.seq, String)

    @property
    def found(self) -> ColumnElement[bool]:
        return self.seq.is_not(None)


def _per_stream(r: Reader, years: Years) -> Subquery:
    """Per stream its facts with their values resolved, behind OFFSET 0: each value is computed once per stream
    rather than once in every aggregate that reads it (a hundred copies of the look-ups cost ~20 ms of planning
    per compute)."""
    facts = _facts(r, years)
    names = [f"{fact}{p.year}" for p in years for fact in ("filed", "recorded")]
    values = [("ended", v) for v in ("occurred_at", "event_type", "fine_amount_fen", "decision_type")]
    values += [(name, "occurred_at") for name in names]  # the first filing and record
    names += [f"filings{p.year}" for p in years]
    return select(facts.c.stream_id, facts.c.ended, *(facts.c[name] for name in names),
                  *(resolved(facts, name, value, text_of(events, value) if value == "decision_type" else None)
                    .label(f"{name}_{value}") for name, value in values),
                  _clock_due(r, facts, years).label("clock_due")).offset(0).subquery("per_stream")


def _reconciled(r: Reader, a: Aggregates, p: Bound, s: Subquery) -> None:
    """`domain.statistics.fold._reconciliation` for one year: `f` its filing, `e` the stream's first ending."""
    y, f = p.year, _Event(s.c.stream_id, s.c[f"filed{p.year}"], s.c[f"filed{p.year}_occurred_at"])
    e = _Event(s.c.stream_id, s.c.ended, s.c.ended_occurred_at)
    e_type, decision_type = s.c.ended_event_type, s.c.ended_decision_type
    ended = and_(f.found, e.at >= p.start, e.at < p.end)
    decided = and_(ended, e_type == t.DECISION_MADE)
    a.events(f"cases_carried_in{y}", and_(f.found, f.at < p.start, or_(e.seq.is_(None), e.at >= p.start)), f.id)
    a.events(f"cases_pending_at_cutoff{y}", and_(f.found, or_(e.seq.is_(None), e.at >= p.end)), f.id)
    a.events(f"cases_decided_penalty{y}", and_(decided, s.c.ended_fine_amount_fen.is_not(None)), e.id)
    a.events(f"cases_decided_no_penalty{y}", and_(decided, decision_type == "NO_PENALTY"), e.id)
    a.events(f"cases_transferred{y}", and_(ended, or_(e_type.in_(t.TRANSFERS), and_(
        e_type == t.DECISION_MADE, decision_type == "TRANSFER_TO_JUDICIARY"))), e.id)
    a.events(f"cases_withdrawn{y}", and_(ended, e_type == t.WITHDRAWN), e.id)
    a.events(f"filed_in_period{y}", and_(f.found, f.at >= p.start), f.id)
    a.events(f"durations{y}", decided, cast(days_between(r.conn, f.at, e.at), String))


def _on_time(r: Reader, a: Aggregates, p: Bound, s: Subquery) -> None:
    recorded = _Event(s.c.stream_id, s.c[f"recorded{p.year}"], s.c[f"recorded{p.year}_occurred_at"])
    judged = and_(recorded.found, s.c.clock_due.is_not(None))
    a.events(f"recorded{p.year}", judged, recorded.id)
    a.events(f"recorded_on_time{p.year}", and_(judged, iso_day(r.conn, recorded.at) <= s.c.clock_due), recorded.id)


def _statement(r: Reader, years: Years) -> Select[Any]:
    s = _per_stream(r, years)
    a = Aggregates(s)
    for p in years:
        _reconciled(r, a, p, s)
        _on_time(r, a, p, s)
        a.events(f"cases_filed{p.year}", s.c[f"filings{p.year}"].is_not(None), s.c[f"filings{p.year}"])
    return select(*a.labelled())


async def streams(r: Reader, years: Years) -> Found:
    """One row: per year the reconciliation figures and the disclosure records judged, columns named by year."""
    rows = await r.rows(("streams",), lambda: _statement(r, years))
    return Found(rows[0]._mapping)


def _reconciliation(f: Found, year: int) -> dict[str, Measure]:
    found = {key: f.counted(f"{key}{year}") for key in RECONCILED}
    gap = f.n(f"filed_in_period{year}") - (sum(found[k].value for k in RECONCILED[1:])
                                           - found["cases_carried_in"].value)
    found["reconciliation_gap"] = Measure.of(gap)
    durations = [int(days) for days in f.ids(f"durations{year}")]
    mean = mean_tenths(durations)
    if mean is not None:
        found["mean_days_filing_to_decision"] = Measure.of(mean, note=f"{len(durations)} decisions")
    return found


def _disclosure_on_time(flows: Flows, f: Found, year: int) -> Measure | None:
    """Published disclosures carry their own verdict; a case's first record in the year is judged by its clock."""
    count, on_time_published = published(flows)
    judged = f.n(f"recorded{year}") + count
    on_time = f.ids(f"recorded_on_time{year}") + on_time_published
    ratio = basis_points(len(on_time), judged)
    return None if ratio is None else Measure.of(ratio, on_time, note=f"{len(on_time)}/{judged}")


def measures_from_statements(year: int, flows: Flows, decided: Decisions, per_stream: Found) -> dict[str, Measure]:
    """A year's case figures from the compute's statements' results (the SQL twin of the event fold)."""
    m = case_flows(flows)
    m["cases_filed"] = per_stream.counted(f"cases_filed{year}")
    m.update(decision_measures(decided))
    soft, (findings, inspections) = decided.ids("GENERAL", "soft_decisions"), soft_findings(flows)
    m["soft_enforcement_cases"] = Measure.of(len(soft) + findings, soft + inspections)
    on_time = _disclosure_on_time(flows, per_stream, year)
    if on_time is not None:
        m["disclosure_on_time_rate"] = on_time
    m.update(_reconciliation(per_stream, year))
    return m
