"""Ledger figures in SQL: the same definitions as `domain.statistics.ledger_fold`. Ledger entries are few (a
unit's roster, a year's trainings and tallies), so their fields are read from the payload in SQL."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, case, exists, false, func, literal, not_, or_, select
from sqlalchemy.sql import Subquery

from domain.statistics.figures import Unit
from domain.statistics.ledger_fold import (
    ACT_METRICS,
    AUXILIARY,
    EQUIPMENT_METRICS,
    HOTLINE_METRICS,
    LAND_USE,
    LAND_USE_METRICS,
    OFFICERS,
)
from domain.statistics.measures import Measure, Measurements, TallyMeasure
from domain.statistics.period import Period
from infra.db.models import events
from infra.statistics.sql import (
    QUALIFIER_RANK,
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

_rank = worst_qualifier


async def ledger_measures(r: Reader, period: Period) -> Measurements:
    flows = r.during(period)
    m: dict[str, Measure] = {}
    m.update(await _roster(r, period))
    m.update(await _equipment(r, period.end))
    m.update(await _training(r, flows))
    m.update(await _grouped(r, flows, "HotlineTallyRecorded", HOTLINE_METRICS, always=True))
    m.update(await _grouped(r, flows, "AdministrativeActsRecorded", ACT_METRICS, always=False))
    row = await r.row(select(func.count(), ids_of(event_id()))
                      .where(events.c.event_type == "CaseFileEvaluated", flows))
    if int(row[0]):
        problems = await r.row(select(func.count(), ids_of(event_id())).where(
            events.c.event_type == "CaseFileEvaluated", flows, text_of(events, "result") == "PROBLEMS"))
        m["case_file_evaluations"] = Measure.of(int(row[0]), split_ids(row[1]))
        m["case_file_evaluations_with_problems"] = Measure.of(int(problems[0]), split_ids(problems[1]))
        session = text_of(events, "session")
        rounds = await r.row(select(func.count(), func.count(session.distinct()), ids_of(event_id())).where(
            events.c.event_type == "CaseFileEvaluated", flows, session.is_not(None), session != ""))
        if int(rounds[0]):
            m["case_file_evaluation_sessions"] = Measure.of(int(rounds[1]), split_ids(rounds[2]))
    platform = await r.row(select(func.count()).where(events.c.stream_kind == "LEDGER:PLATFORM", flows))
    if int(platform[0]):
        warnings = await r.row(select(func.count(), ids_of(event_id()))
                               .where(events.c.event_type == "PlatformWarningRaised", flows))
        m["platform_warnings"] = Measure.of(int(warnings[0]), split_ids(warnings[1]))
        resolved = await r.row(select(func.count(), ids_of(event_id()))
                               .where(events.c.event_type == "PlatformWarningResolved", flows))
        m["platform_warnings_resolved"] = Measure.of(int(resolved[0]), split_ids(resolved[1]))
    publicity = await r.row(select(func.count(), func.coalesce(func.sum(int_of(events, "events")), 0),
                                   func.coalesce(func.sum(int_of(events, "materials")), 0),
                                   _rank(text_of(events, "qualifier")), ids_of(event_id()))
                            .where(events.c.event_type == "PublicityRecorded", flows))
    if int(publicity[0]):
        qualifier = RANKED[int(publicity[3])]
        ids = split_ids(publicity[4])
        m["publicity_events"] = Measure.of(int(publicity[1]), ids, qualifier=qualifier)
        m["publicity_materials"] = Measure.of(int(publicity[2]), ids, qualifier=qualifier)
    tallies = await _tallies(r, flows)
    for tally_unit, key in LAND_USE_METRICS.items():
        parts = [t for t in tallies if t.violation_type == LAND_USE and t.unit is tally_unit]
        if parts:
            worst = max(QUALIFIER_RANK[p.qualifier] for p in parts)
            m[key] = Measure.of(sum(p.value for p in parts), [i for p in parts for i in p.event_ids],
                                qualifier=RANKED[worst])
    return Measurements(m, tuple(tallies))


async def _grouped(r: Reader, flows: ColumnElement[bool], event_type: str, metrics: dict[str, str],
                   *, always: bool) -> dict[str, Measure]:
    g = extracted([events.c.event_type == event_type, flows], category=text_of(events, "category"),
                  count=int_of(events, "count"))
    rows = await r.rows(select(g.c.category, func.sum(g.c.count), ids_of(g.c.event_id)).group_by(g.c.category))
    if not rows:
        return {}
    sums = {str(row[0]): (int(row[1]), split_ids(row[2])) for row in rows}
    return {metric: Measure.of(*sums.get(key, (0, []))) for key, metric in metrics.items() if key in sums or always}


async def _training(r: Reader, flows: ColumnElement[bool]) -> dict[str, Measure]:
    category, mode = text_of(events, "category"), text_of(events, "mode")
    groups: list[tuple[str, ColumnElement[bool]]] = [
        ("", category == "PROGRAMME"),
        ("_online", and_(category == "PROGRAMME", mode == "ONLINE")),
        ("_offline", and_(category == "PROGRAMME", mode == "OFFLINE")),
        ("_internal", category == "INTERNAL"),
        ("_officers", and_(category == "PROGRAMME", text_of(events, "audience").in_(OFFICERS))),
        ("_auxiliary", and_(category == "PROGRAMME", text_of(events, "audience").in_(AUXILIARY))),
    ]
    found: dict[str, Measure] = {}
    for suffix, where in groups:
        row = await r.row(select(func.count(), func.coalesce(func.sum(int_of(events, "hours")), 0),
                                 ids_of(event_id()))
                          .where(events.c.event_type == "TrainingSessionHeld", flows, where))
        if int(row[0]):
            ids = split_ids(row[2])
            found[f"training_sessions{suffix}"] = Measure.of(int(row[0]), ids)
            found[f"training_hours{suffix}"] = Measure.of(int(row[1]), ids)
    return found


async def _tallies(r: Reader, flows: ColumnElement[bool]) -> list[TallyMeasure]:
    g = extracted([events.c.event_type == "CampaignTallyRecorded", flows], violation_type=events.c.violation_type,
                  count_unit=text_of(events, "count_unit"), label=text_of(events, "label"),
                  count=int_of(events, "count"), qualifier=text_of(events, "qualifier"))
    rows = await r.rows(select(g.c.violation_type, g.c.count_unit, g.c.label, func.sum(g.c.count),
                               _rank(g.c.qualifier), ids_of(g.c.event_id))
                        .group_by(g.c.violation_type, g.c.count_unit, g.c.label))
    found = [TallyMeasure(violation_type=str(row[0]), unit=Unit(row[1]), label=str(row[2] or ""),
                          value=int(row[3]), qualifier=RANKED[int(row[4])],
                          event_ids=Measure.of(0, split_ids(row[5])).event_ids) for row in rows]
    return sorted(found, key=lambda t: (t.violation_type, t.unit.value, t.label))


async def _equipment(r: Reader, end: datetime) -> dict[str, Measure]:
    g = extracted([events.c.event_type.in_(("EquipmentRegistered", "EquipmentRetired")), r.before(end)],
                  kind=text_of(events, "equipment"), count=int_of(events, "count"),
                  registered=case((events.c.event_type == "EquipmentRegistered", 1), else_=0))
    rows = await r.rows(
        select(g.c.kind, func.sum(case((g.c.registered == 1, g.c.count), else_=-g.c.count)), ids_of(g.c.event_id))
        .group_by(g.c.kind).having(func.sum(g.c.registered) > 0))
    by_kind = {str(row[0]): (int(row[1]), split_ids(row[2])) for row in rows}
    return {metric: Measure.of(*by_kind[k]) for k, metric in EQUIPMENT_METRICS.items() if k in by_kind}


# --- roster ------------------------------------------------------------------------------------------------


def _in_post(r: Reader, instant: datetime, day: date) -> Subquery:
    """One row per person on the roster at `instant` (more joins than departures before it), with whether they
    hold a certificate issued before it, unexpired on `day` and not cancelled."""
    person = text_of(events, "person_id")
    j = extracted([events.c.event_type == "StaffMemberJoined", r.before(instant)], stream_id=events.c.stream_id,
                  person=person, category=text_of(events, "category"),
                  reviewer=events.c.payload["legal_reviewer"].as_boolean(),
                  supervisor=func.coalesce(events.c.payload["supervisor"].as_boolean(), false()))
    joins = (select(j.c.stream_id, j.c.person, j.c.category, j.c.reviewer, j.c.supervisor, func.count().label("n"),
                    ids_of(j.c.event_id).label("ids"))
             .group_by(j.c.stream_id, j.c.person, j.c.category, j.c.reviewer, j.c.supervisor).subquery())
    lv = extracted([events.c.event_type == "StaffMemberLeft", r.before(instant)], stream_id=events.c.stream_id,
                   person=person)
    leaves = (select(lv.c.stream_id, lv.c.person, func.count().label("n"))
              .group_by(lv.c.stream_id, lv.c.person).subquery())
    issued, cancelled = events.alias("issued"), events.alias("cancelled")
    expires = text_of(issued, "expires_on")
    certified = exists(select(literal(1)).where(
        issued.c.event_type == "CertificateIssued", r.before(instant, issued),
        issued.c.stream_id == joins.c.stream_id, text_of(issued, "person_id") == joins.c.person,
        or_(expires.is_(None), expires >= day.isoformat()),
        not_(exists(select(literal(1)).where(
            cancelled.c.event_type == "CertificateCancelled", r.before(instant, cancelled),
            cancelled.c.stream_id == issued.c.stream_id,
            text_of(cancelled, "number") == text_of(issued, "number"))))))
    return (select(joins.c.category, joins.c.reviewer, joins.c.supervisor, joins.c.ids,
                   certified.label("certified"))
            .select_from(joins.outerjoin(leaves, and_(leaves.c.stream_id == joins.c.stream_id,
                                                      leaves.c.person == joins.c.person)))
            .where(joins.c.n > func.coalesce(leaves.c.n, 0)).subquery())


async def _people(r: Reader, people: Subquery, *where: ColumnElement[bool]) -> Measure:
    row = await r.row(select(func.count(), ids_of(people.c.ids)).where(*where))
    return Measure.of(int(row[0]), split_ids(row[1]))


async def _roster(r: Reader, period: Period) -> dict[str, Measure]:
    present = await r.row(select(func.count()).where(events.c.stream_kind == "LEDGER:ROSTER", r.before(period.end)))
    if not int(present[0]):
        return {}
    now = _in_post(r, period.end, period.as_of)
    start = _in_post(r, period.start, period.first_day)
    officer_now, officer_start = now.c.category == "OFFICER", start.c.category == "OFFICER"
    cancelled = await r.row(select(func.count(), ids_of(event_id()))
                            .where(events.c.event_type == "CertificateCancelled", r.during(period)))
    found: dict[str, Measure] = {
        "staff_total": await _people(r, now, now.c.category != "LEGAL_ADVISOR"),
        "officers_in_post": await _people(r, now, officer_now),
        "officers_certified": await _people(r, now, officer_now, now.c.certified),
        "certificates_cancelled": Measure.of(int(cancelled[0]), split_ids(cancelled[1])),
        "auxiliary_staff": await _people(r, now, now.c.category == "AUXILIARY"),
        "logistics_staff": await _people(r, now, now.c.category == "LOGISTICS"),
        "legal_reviewers": await _people(r, now, now.c.reviewer),
        "legal_advisors": await _people(r, now, now.c.category == "LEGAL_ADVISOR"),
        "enforcement_supervisors": await _people(r, now, now.c.supervisor),
    }
    earlier = await r.row(select(func.count()).where(events.c.stream_kind == "LEDGER:ROSTER",
                                                     r.before(period.start)))
    if int(earlier[0]):  # a roster first entered during the year says nothing about its start
        found["officers_at_start"] = await _people(r, start, officer_start, start.c.certified)
    return found
