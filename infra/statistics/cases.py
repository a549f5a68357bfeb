"""Case figures in SQL: the same definitions as `domain.statistics.fold.case_measures`, over the typed columns
(event type, time, town/unit, fine, status); the payload is read only where no typed column carries the fact
(decision type and modifier, soft outcome, counts and areas of demolitions, deadline ids)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, literal, not_, or_, select, true
from sqlalchemy.sql import Subquery

from domain.statistics import by_violation as vb
from domain.statistics import event_types as t
from domain.statistics.arithmetic import basis_points, mean_tenths
from domain.statistics.measures import Measure, breakdown, restated_note
from domain.statistics.period import Period, local_day
from infra.db.models import events
from infra.statistics.sql import (
    RANKED,
    Reader,
    event_id,
    extracted,
    ids_of,
    int_of,
    split_ids,
    text_of,
    worst_qualifier,
)


def _is(*types: str) -> ColumnElement[bool]:
    return events.c.event_type.in_(types) if len(types) > 1 else events.c.event_type == types[0]


def _latest(r: Reader, period: Period, event_type: str) -> Subquery:
    """The latest event of `event_type` per stream within the period."""
    return (select(events.c.stream_id, func.max(events.c.seq).label("seq"))
            .where(_is(event_type), r.during(period)).group_by(events.c.stream_id).subquery())


def _first(r: Reader, *where: ColumnElement[bool]) -> Subquery:
    return (select(events.c.stream_id, func.min(events.c.seq).label("seq"))
            .where(r.mine(), *where).group_by(events.c.stream_id).subquery())


async def _over_latest(r: Reader, latest: Subquery, *where: ColumnElement[bool]) -> tuple[int, int, list[str]]:
    query = (select(func.count(), func.coalesce(func.sum(events.c.fine_amount_fen), 0), ids_of(event_id()))
             .select_from(events.join(latest, and_(events.c.stream_id == latest.c.stream_id,
                                                   events.c.seq == latest.c.seq)))
             .where(*where))
    row = await r.row(query)
    return int(row[0]), int(row[1]), split_ids(row[2])


@dataclass(frozen=True)
class _Penalties:
    count: int
    fen: int
    kept_ids: list[str]  # decisions still standing
    change_ids: list[str]  # the CHANGED outcomes that set a fine
    restated: int
    by_violation: dict[str, Measure]  # the 案由 breakdown (`domain.statistics.by_violation`)


async def _penalties(r: Reader, latest: Subquery, restated: bool, procedure: str,
                     *where: ColumnElement[bool]) -> _Penalties:
    """`domain.statistics.fold._penalties` in SQL: each decision joined to its stream's latest adverse outcome
    up to the high-water mark (any `occurred_at`), which applies when recorded after the decision; grouped by
    the decision's violation type (the totals are the groups' sums)."""
    standing = (select(events.c.stream_id, func.max(events.c.seq).label("seq"))
                .where(_is(*t.OUTCOMES), text_of(events, "outcome").in_(t.ADVERSE_OUTCOMES), r.mine(),
                       true() if restated else false())
                .group_by(events.c.stream_id).subquery())
    o = events.alias("outcome_event")
    joined = (events.join(latest, and_(events.c.stream_id == latest.c.stream_id, events.c.seq == latest.c.seq))
              .outerjoin(standing, standing.c.stream_id == events.c.stream_id)
              .outerjoin(o, and_(o.c.stream_id == standing.c.stream_id, o.c.seq == standing.c.seq,
                                 o.c.seq > events.c.seq)))
    outcome = func.coalesce(text_of(o, "outcome"), "")
    applies, changed = o.c.stream_id.is_not(None), outcome == t.CHANGED
    kept = not_(outcome.in_(t.REMOVING_OUTCOMES))
    fine = case((changed, func.coalesce(int_of(o, "new_fine_amount_fen"), events.c.fine_amount_fen)),
                else_=events.c.fine_amount_fen)
    violation = func.coalesce(events.c.violation_type, "")
    rows = await r.rows(select(violation, func.count(case((kept, 1))), func.coalesce(func.sum(case((kept, fine))), 0),
                               ids_of(case((kept, event_id()))), ids_of(case((changed, event_id(o)))),
                               func.count(case((applies, 1))))
                        .select_from(joined).where(*where).group_by(violation))
    by_violation: dict[str, Measure] = {}
    for code, count, fen, kept_ids, change_ids, _ in rows:
        if int(count):
            decisions = split_ids(kept_ids)
            by_violation[vb.key(vb.CASES, procedure, code)] = Measure.of(int(count), decisions)
            by_violation[vb.key(vb.FINES, procedure, code)] = Measure.of(int(fen), decisions + split_ids(change_ids))
    return _Penalties(sum(int(row[1]) for row in rows), sum(int(row[2]) for row in rows),
                      split_ids(*(row[3] for row in rows)), split_ids(*(row[4] for row in rows)),
                      sum(int(row[5]) for row in rows), by_violation)


async def case_measures(r: Reader, period: Period, *, restated: bool = False) -> dict[str, Measure]:
    m: dict[str, Measure] = {}
    inspections = await r.count_streams(_is(t.INSPECTION_COMPLETED), r.during(period))
    uploaded, uploads, upload_ids = await r.sum_of(int_of(events, "count"), _is("PatrolRecordsUploaded"),
                                                   r.during(period))
    rank = await r.row(select(worst_qualifier(text_of(events, "qualifier")))
                       .where(_is("PatrolRecordsUploaded"), r.during(period)))
    m["inspections_recorded"] = Measure.of(inspections.value + uploaded, [*inspections.event_ids, *upload_ids],
                                           qualifier=RANKED[int(rank[0] or 0)],
                                           note=f"E {inspections.value}; P {uploaded}" if uploads else "")
    m["cases_filed"] = await r.count_streams(_is(t.CASE_FILED), r.during(period))

    decisions = _latest(r, period, t.DECISION_MADE)
    simple = _latest(r, period, t.SIMPLE_DECIDED)
    g = await _penalties(r, decisions, restated, "GENERAL", events.c.fine_amount_fen.is_not(None))
    s = await _penalties(r, simple, restated, "SIMPLE")
    note_g, note_s, note = restated_note(g.restated), restated_note(s.restated), restated_note(g.restated + s.restated)
    m["general_procedure_cases"] = Measure.of(g.count, g.kept_ids, note=note_g)
    m["simple_procedure_cases"] = Measure.of(s.count, s.kept_ids, note=note_s)
    m["penalty_cases_total"] = Measure.of(g.count + s.count, g.kept_ids + s.kept_ids, note=note)
    m["fines_imposed_general"] = Measure.of(g.fen, g.kept_ids + g.change_ids, note=note_g)
    m["fines_imposed_simple"] = Measure.of(s.fen, s.kept_ids + s.change_ids, note=note_s)
    m["fines_imposed_total"] = Measure.of(g.fen + s.fen, g.kept_ids + s.kept_ids + g.change_ids + s.change_ids,
                                          note=note)
    m.update(g.by_violation)
    m.update(s.by_violation)
    m.update(await _disclosure_scope(r, period, g.kept_ids))
    for key, where in (
        ("no_penalty_cases", text_of(events, "decision_type") == "NO_PENALTY"),
        ("lighter_penalty_cases", and_(events.c.fine_amount_fen.is_not(None),
                                       text_of(events, "modifier") == "LIGHTER")),
        ("reduced_penalty_cases", and_(events.c.fine_amount_fen.is_not(None),
                                       text_of(events, "modifier") == "REDUCED")),
    ):
        n, _, ids = await _over_latest(r, decisions, where)
        m[key] = Measure.of(n, ids)
    soft_n, _, soft_ids = await _over_latest(r, decisions, text_of(events, "soft_outcome").is_not(None))
    findings_n, finding_ids = await _soft_findings(r, period)
    m["soft_enforcement_cases"] = Measure.of(soft_n + findings_n, soft_ids + finding_ids)

    m["illegal_construction_procedures"] = await r.count_streams(_is(t.CONSTRUCTION_DISCOVERED), r.during(period))
    count, _, demolition_ids = await r.sum_of(int_of(events, "count"), _is(*t.DEMOLITIONS), r.during(period))
    area, _, _ = await r.sum_of(int_of(events, "area_dm2"), _is(*t.DEMOLITIONS), r.during(period))
    m["demolitions"] = Measure.of(count, demolition_ids)
    m["demolished_area"] = Measure.of(area, demolition_ids)

    m["legal_reviews_completed"] = await r.count_streams(
        _is(t.LEGAL_REVIEW_COMPLETED), events.c.status == t.REVIEW_APPROVED_STATUS, r.during(period))
    disclosed_case = func.coalesce(text_of(events, "case_id"), events.c.stream_id)
    row = await r.row(select(func.count(disclosed_case.distinct()), ids_of(event_id()))
                      .where(_is(*t.DISCLOSURES), r.during(period)))
    m["decisions_disclosed"] = Measure.of(int(row[0]), split_ids(row[1]))
    on_time = await _disclosure_on_time(r, period)
    if on_time is not None:
        m["disclosure_on_time_rate"] = on_time

    b = extracted([_is(t.DEADLINE_BREACHED), r.during(period)], deadline=text_of(events, "deadline_id"))
    breaches = await r.rows(select(b.c.deadline, func.count(), ids_of(b.c.event_id)).group_by(b.c.deadline))
    m["deadline_breaches"] = Measure.of(sum(int(b[1]) for b in breaches), split_ids(*(b[2] for b in breaches)),
                                        note=breakdown({str(b[0]): int(b[1]) for b in breaches}))
    m["hearings_requested"] = await r.count_streams(_is(t.HEARING_REQUESTED), r.during(period))
    m["hearings_held"] = await r.count_streams(_is(t.HEARING_HELD), r.during(period))
    m["criminal_transfers"] = await r.count_streams(_is(t.TRANSFERRED_TO_POLICE), r.during(period))
    o = extracted([_is(t.RECONSIDERATION_DECIDED), r.during(period)], outcome=text_of(events, "outcome"))
    outcomes = await r.rows(select(o.c.outcome, func.count(), ids_of(o.c.event_id)).group_by(o.c.outcome))
    m["reconsiderations_decided"] = Measure.of(sum(int(o[1]) for o in outcomes),
                                               split_ids(*(o[2] for o in outcomes)),
                                               note=breakdown({str(o[0]): int(o[1]) for o in outcomes}))
    j = extracted([_is(t.LITIGATION_JUDGED), r.during(period)], outcome=text_of(events, "outcome"))
    judgments = await r.rows(select(j.c.outcome, func.count(), ids_of(j.c.event_id)).group_by(j.c.outcome))
    m["litigations_judged"] = Measure.of(sum(int(o[1]) for o in judgments), split_ids(*(o[2] for o in judgments)),
                                         note=breakdown({str(o[0]): int(o[1]) for o in judgments}))
    m["decisions_revoked_or_changed"] = await r.count_streams(
        _is(t.RECONSIDERATION_DECIDED, t.LITIGATION_JUDGED), text_of(events, "outcome").in_(t.ADVERSE_OUTCOMES),
        r.during(period))
    m.update(await _reconciliation(r, period))
    return m


async def _soft_findings(r: Reader, period: Period) -> tuple[int, list[str]]:
    """On-site corrections citing the soft list, one per finding, inside InspectionCompleted's findings."""
    if r.conn.dialect.name == "postgresql":
        finding = func.json_array_elements(events.c.payload["findings"]).table_valued("value").lateral("finding")
        kind: ColumnElement[Any] = finding.c.value.op("->>")(literal("kind"))
        item: ColumnElement[Any] = finding.c.value.op("->>")(literal("soft_list_item_id"))
    else:
        finding = func.json_each(events.c.payload, "$.findings").table_valued("value").alias("finding")
        kind = func.json_extract(finding.c.value, "$.kind")
        item = func.json_extract(finding.c.value, "$.soft_list_item_id")
    row = await r.row(select(func.count(), ids_of(event_id()))
                      .select_from(events.join(finding, true()))
                      .where(_is(t.INSPECTION_COMPLETED), r.during(period), kind == t.SOFT_FINDING_KIND,
                             item.is_not(None), item != ""))
    return int(row[0]), split_ids(row[1])


async def _disclosure_scope(r: Reader, period: Period, decision_ids: list[str]) -> dict[str, Measure]:
    """`domain.statistics.fold._disclosure_scope`: each stream's latest D17/D17B clock before the cut-off and the
    cases disclosed by then, read in SQL; matched to the counted decisions here."""
    clocks = (select(events.c.stream_id, func.max(events.c.seq).label("seq"))
              .where(_is(t.DEADLINE_STARTED), text_of(events, "deadline_id").in_(t.DISCLOSURE_DEADLINES),
                     r.before(period.end))
              .group_by(events.c.stream_id).subquery())
    due_rows = await r.rows(select(events.c.stream_id, events.c.seq, text_of(events, "due_on"))
                            .select_from(events.join(clocks, and_(events.c.stream_id == clocks.c.stream_id,
                                                                  events.c.seq == clocks.c.seq))))
    due_on = {str(row[0]): (int(row[1]), str(row[2])) for row in due_rows}
    disclosed_case = func.coalesce(text_of(events, "case_id"), events.c.stream_id)
    disclosed = set((await r.conn.execute(select(disclosed_case).distinct()
                                          .where(_is(*t.DISCLOSURES), r.before(period.end)))).scalars())
    due, shown = [], []
    for decision in decision_ids:
        stream, _, seq = decision.rpartition("#")
        clock = due_on.get(stream)
        if stream in disclosed or (clock is not None and clock[0] > int(seq)
                                   and clock[1] <= period.as_of.isoformat()):
            due.append(decision)
            if stream in disclosed:
                shown.append(decision)
    return {"decisions_disclosure_due": Measure.of(len(due), due),
            "decisions_disclosed_in_scope": Measure.of(len(shown), shown)}


async def _disclosure_on_time(r: Reader, period: Period) -> Measure | None:
    clocks = _first(r, _is(t.DEADLINE_STARTED), text_of(events, "deadline_id").in_(t.DISCLOSURE_DEADLINES))
    firsts = (select(events.c.stream_id, func.min(events.c.seq).label("seq"))
              .where(_is(t.DISCLOSURE_RECORDED), r.during(period))
              .group_by(events.c.stream_id).subquery())
    clock = events.alias("clock")
    rows = await r.rows(
        select(events.c.occurred_at, text_of(clock, "due_on"), event_id())
        .select_from(events.join(firsts, and_(events.c.stream_id == firsts.c.stream_id,
                                              events.c.seq == firsts.c.seq))
                     .join(clocks, clocks.c.stream_id == events.c.stream_id)
                     .join(clock, and_(clock.c.stream_id == clocks.c.stream_id, clock.c.seq == clocks.c.seq))))
    published = await r.row(select(func.count(), ids_of(case((events.c.payload["on_time"].as_boolean(),
                                                              event_id()))))
                            .where(_is(t.DISCLOSURE_PUBLISHED), r.during(period)))
    judged = len(rows) + int(published[0])
    if not judged:
        return None
    on_time = [str(row[2]) for row in rows if local_day(row[0]).isoformat() <= str(row[1])]
    on_time += split_ids(published[1])
    ratio = basis_points(len(on_time), judged)
    assert ratio is not None
    return Measure.of(ratio, on_time, note=f"{len(on_time)}/{judged}")


async def _reconciliation(r: Reader, period: Period) -> dict[str, Measure]:
    """One pass over the filed cases (first CaseFiled before the cut-off) joined to their first ending."""
    filed = _first(r, _is(t.CASE_FILED), events.c.occurred_at < period.end)
    ended = _first(r, _is(*t.ENDINGS))
    f, e = events.alias("filed_event"), events.alias("ending_event")
    joined = (filed.join(f, and_(f.c.stream_id == filed.c.stream_id, f.c.seq == filed.c.seq))
              .outerjoin(ended, ended.c.stream_id == filed.c.stream_id)
              .outerjoin(e, and_(e.c.stream_id == ended.c.stream_id, e.c.seq == ended.c.seq)))
    ending_in_period = and_(e.c.occurred_at >= period.start, e.c.occurred_at < period.end)
    decided = and_(ending_in_period, e.c.event_type == t.DECISION_MADE)
    decision_type = text_of(e, "decision_type")
    categories: dict[str, tuple[ColumnElement[bool], ColumnElement[str]]] = {
        "cases_carried_in": (and_(f.c.occurred_at < period.start,
                                  or_(e.c.stream_id.is_(None), e.c.occurred_at >= period.start)), event_id(f)),
        "cases_pending_at_cutoff": (or_(e.c.stream_id.is_(None), e.c.occurred_at >= period.end), event_id(f)),
        "cases_decided_penalty": (and_(decided, e.c.fine_amount_fen.is_not(None)), event_id(e)),
        "cases_decided_no_penalty": (and_(decided, decision_type == "NO_PENALTY"), event_id(e)),
        "cases_transferred": (and_(ending_in_period, or_(
            e.c.event_type.in_(t.TRANSFERS),
            and_(e.c.event_type == t.DECISION_MADE, decision_type == "TRANSFER_TO_JUDICIARY"))), event_id(e)),
        "cases_withdrawn": (and_(ending_in_period, e.c.event_type == t.WITHDRAWN), event_id(e)),
        "filed_in_period": (f.c.occurred_at >= period.start, event_id(f)),
    }
    columns = [c for where, of in categories.values()
               for c in (func.count(case((where, 1))), ids_of(case((where, of))))]
    row = await r.row(select(*columns).select_from(joined))
    found = {key: Measure.of(int(row[2 * i]), split_ids(row[2 * i + 1])) for i, key in enumerate(categories)}
    filed_in_period = found.pop("filed_in_period")
    gap = filed_in_period.value - (
        sum(found[k].value for k in ("cases_decided_penalty", "cases_decided_no_penalty", "cases_transferred",
                                     "cases_withdrawn", "cases_pending_at_cutoff")) - found["cases_carried_in"].value)
    found["reconciliation_gap"] = Measure.of(gap)
    pairs = await r.rows(select(f.c.occurred_at, e.c.occurred_at).select_from(joined).where(decided))
    mean = mean_tenths((local_day(b) - local_day(a)).days for a, b in pairs)
    if mean is not None:
        found["mean_days_filing_to_decision"] = Measure.of(mean, note=f"{len(pairs)} decisions")
    return found
