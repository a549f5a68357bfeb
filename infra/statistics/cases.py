"""Case figures in SQL: the same definitions as `domain.statistics.fold.case_measures`, over the typed columns
(event type, time, town/unit, fine, status); the payload is read only where no typed column carries the fact.
This module holds the per-stream statement (`streams`: the reconciliation of filed cases with their endings and
the on-time disclosure records, both years) and puts a year's case figures together from every statement."""

from __future__ import annotations

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.sql import FromClause, Subquery

from domain.statistics import event_types as t
from domain.statistics.arithmetic import basis_points, mean_tenths
from domain.statistics.measures import Measure
from domain.statistics.period import Period
from infra.db.models import events
from infra.statistics.decisions import Decisions, decision_measures
from infra.statistics.flows import Flows, case_flows, published, soft_findings
from infra.statistics.sql import Aggregates, Found, Reader, Years, days_between, event_id, is_, iso_day, text_of

RECONCILED = ("cases_carried_in", "cases_pending_at_cutoff", "cases_decided_penalty", "cases_decided_no_penalty",
              "cases_transferred", "cases_withdrawn")


def _facts(r: Reader, years: Years) -> Subquery:
    """Per stream the positions the figures start from: its first CaseFiled before each year's cut-off, its first
    ending (any time), its first D17/D17B clock and its first disclosure record in each year."""
    seq, at, typed = events.c.seq, events.c.occurred_at, events.c.event_type
    # The clocks are filtered while scanning, so no payload is carried into the grouping's sort.
    clock = and_(typed == t.DEADLINE_STARTED, text_of(events, "deadline_id").in_(t.DISCLOSURE_DEADLINES))
    return (select(events.c.stream_id,
                   *(func.min(seq).filter(typed == t.CASE_FILED, at < p.end).label(f"filed{p.year}") for p in years),
                   func.min(seq).filter(typed.in_(t.ENDINGS)).label("ended"),
                   func.min(seq).filter(typed == t.DEADLINE_STARTED).label("clock"),
                   *(func.min(seq).filter(typed == t.DISCLOSURE_RECORDED, at >= p.start, at < p.end)
                     .label(f"recorded{p.year}") for p in years))
            .where(or_(is_(events, t.CASE_FILED, *t.ENDINGS, t.DISCLOSURE_RECORDED), clock), r.mine())
            .group_by(events.c.stream_id).subquery("facts"))


def _at(r: Reader, facts: Subquery, source: FromClause, name: str, *types: str) -> tuple[FromClause, FromClause]:
    """`source` left-joined to the event a fact points at (an alias named after the fact), of `types`: the planner
    then reads only those through the index rather than the whole log."""
    alias = events.alias(name)
    return source.outerjoin(alias, and_(alias.c.stream_id == facts.c.stream_id, alias.c.seq == facts.c[name],
                                        is_(alias, *types), r.mine(alias))), alias


def _reconciled(r: Reader, a: Aggregates, p: Period, f: FromClause, e: FromClause) -> None:
    """`domain.statistics.fold._reconciliation` for one year: `f` its filing, `e` the ending."""
    y, filed = p.year, f.c.stream_id.is_not(None)
    open_at_start = or_(e.c.stream_id.is_(None), e.c.occurred_at >= p.start)
    ended = and_(filed, e.c.occurred_at >= p.start, e.c.occurred_at < p.end)
    decided, decision_type = and_(ended, e.c.event_type == t.DECISION_MADE), text_of(e, "decision_type")
    a.events(f"cases_carried_in{y}", and_(filed, f.c.occurred_at < p.start, open_at_start), event_id(f))
    a.events(f"cases_pending_at_cutoff{y}", and_(filed, or_(e.c.stream_id.is_(None), e.c.occurred_at >= p.end)),
             event_id(f))
    a.events(f"cases_decided_penalty{y}", and_(decided, e.c.fine_amount_fen.is_not(None)), event_id(e))
    a.events(f"cases_decided_no_penalty{y}", and_(decided, decision_type == "NO_PENALTY"), event_id(e))
    a.events(f"cases_transferred{y}", and_(ended, or_(e.c.event_type.in_(t.TRANSFERS), and_(
        e.c.event_type == t.DECISION_MADE, decision_type == "TRANSFER_TO_JUDICIARY"))), event_id(e))
    a.events(f"cases_withdrawn{y}", and_(ended, e.c.event_type == t.WITHDRAWN), event_id(e))
    a.events(f"filed_in_period{y}", and_(filed, f.c.occurred_at >= p.start), event_id(f))
    a.events(f"durations{y}", decided, cast(days_between(r.conn, f.c.occurred_at, e.c.occurred_at), String))


def _on_time(r: Reader, a: Aggregates, p: Period, recorded: FromClause, clock: FromClause) -> None:
    judged = and_(recorded.c.stream_id.is_not(None), clock.c.stream_id.is_not(None))
    a.events(f"recorded{p.year}", judged, event_id(recorded))
    a.events(f"recorded_on_time{p.year}", and_(judged, iso_day(r.conn, recorded.c.occurred_at)
                                               <= text_of(clock, "due_on")), event_id(recorded))


async def streams(r: Reader, years: Years) -> Found:
    """One row: per year the reconciliation figures and the disclosure records judged, columns named by year."""
    facts = _facts(r, years)
    source, ending = _at(r, facts, facts, "ended", *t.ENDINGS)
    source, clock = _at(r, facts, source, "clock", t.DEADLINE_STARTED)
    a = Aggregates(facts)
    for p in years:
        source, filing = _at(r, facts, source, f"filed{p.year}", t.CASE_FILED)
        source, recorded = _at(r, facts, source, f"recorded{p.year}", t.DISCLOSURE_RECORDED)
        _reconciled(r, a, p, filing, ending)
        _on_time(r, a, p, recorded, clock)
    rows = await r.rows(select(*a.labelled()).select_from(source))
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


def case_measures(year: int, flows: Flows, decided: Decisions, per_stream: Found) -> dict[str, Measure]:
    m = case_flows(flows)
    m.update(decision_measures(decided))
    soft, (findings, inspections) = decided.ids("GENERAL", "soft_decisions"), soft_findings(flows)
    m["soft_enforcement_cases"] = Measure.of(len(soft) + findings, soft + inspections)
    on_time = _disclosure_on_time(flows, per_stream, year)
    if on_time is not None:
        m["disclosure_on_time_rate"] = on_time
    m.update(_reconciliation(per_stream, year))
    return m
