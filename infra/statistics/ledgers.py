"""Ledger figures in SQL: the same definitions as `domain.statistics.ledger_fold`. The flows are read with the
case flows (`infra.statistics.flows`); here are the stocks at each year's end — equipment and whether a roster
is kept (`stocks`, one statement) — and the people on the roster at each instant asked (`roster`, one statement:
a snapshot per instant, united). Ledger entries are few, so their fields are read from the payload in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, false, func, literal, not_, or_, select, union_all
from sqlalchemy.sql import Subquery

from domain.statistics.ledger_fold import EQUIPMENT_METRICS
from domain.statistics.measures import Measure, Measurements
from infra.db.models import events
from infra.statistics.flows import Flows, certificates_cancelled, ledger_flows
from infra.statistics.sql import Aggregates, Bound, Found, Reader, Years, extracted, ids_of, int_of, is_, text_of

ROSTER_TYPES = ("StaffMemberJoined", "CertificateIssued", "CertificateCancelled", "StaffMemberLeft")
EQUIPMENT_TYPES = ("EquipmentRegistered", "EquipmentRetired")
ROSTER = events.c.stream_kind == "LEDGER:ROSTER"


def _equipment(a: Aggregates, p: Bound) -> None:
    registered = events.c.event_type == "EquipmentRegistered"
    for kind in EQUIPMENT_METRICS:
        of_kind = and_(is_(events, *EQUIPMENT_TYPES), text_of(events, "equipment") == kind,
                       events.c.occurred_at < p.end)
        a.events(f"{kind}{p.year}", of_kind)
        a.count(f"{kind}_registered{p.year}", and_(of_kind, registered))
        a.total(f"{kind}{p.year}", case((registered, int_of(events, "count")), else_=-int_of(events, "count")),
                of_kind)


def _stocks(r: Reader, years: Years) -> Select[Any]:
    a = Aggregates(events)
    for p in years:
        a.count(f"roster{p.year}", and_(ROSTER, events.c.occurred_at < p.end))
        a.count(f"roster_before{p.year}", and_(ROSTER, events.c.occurred_at < p.start))
        _equipment(a, p)
    return select(*a.labelled()).where(is_(events, *ROSTER_TYPES, *EQUIPMENT_TYPES), r.before(years.current.end))


async def stocks(r: Reader, years: Years) -> Found:
    """One row: per year the equipment in service by kind, and whether the roster has entries before the year's
    end and before its start (a roster first entered during the year says nothing about its start)."""
    rows = await r.rows(("stocks",), lambda: _stocks(r, years))
    return Found(rows[0]._mapping)


def equipment_measures(f: Found, year: int) -> dict[str, Measure]:
    return {metric: Measure.of(f.sum(f"{kind}{year}"), f.ids(f"{kind}{year}"))
            for kind, metric in EQUIPMENT_METRICS.items() if f.n(f"{kind}_registered{year}")}


# --- roster ------------------------------------------------------------------------------------------------


def _in_post(r: Reader, snapshot: str, instant: ColumnElement[datetime], day: ColumnElement[str]
             ) -> Select[tuple[object, ...]]:
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
        or_(expires.is_(None), expires >= day),
        not_(exists(select(literal(1)).where(
            cancelled.c.event_type == "CertificateCancelled", r.before(instant, cancelled),
            cancelled.c.stream_id == issued.c.stream_id,
            text_of(cancelled, "number") == text_of(issued, "number"))))))
    return (select(literal(snapshot).label("snapshot"), joins.c.category, joins.c.reviewer, joins.c.supervisor,
                   joins.c.ids, certified.label("certified"))
            .select_from(joins.outerjoin(leaves, and_(leaves.c.stream_id == joins.c.stream_id,
                                                      leaves.c.person == joins.c.person)))
            .where(joins.c.n > func.coalesce(leaves.c.n, 0)))


def _people(people: Subquery) -> Aggregates:
    officer = people.c.category == "OFFICER"
    groups: dict[str, ColumnElement[bool]] = {
        "staff_total": people.c.category != "LEGAL_ADVISOR", "officers_in_post": officer,
        "officers_certified": and_(officer, people.c.certified), "auxiliary_staff": people.c.category == "AUXILIARY",
        "logistics_staff": people.c.category == "LOGISTICS", "legal_reviewers": people.c.reviewer,
        "legal_advisors": people.c.category == "LEGAL_ADVISOR", "enforcement_supervisors": people.c.supervisor,
    }
    a = Aggregates(people)
    for name, where in groups.items():
        a.events(name, where, people.c.ids)
    return a


async def roster(r: Reader, years: Years, stock: Found) -> dict[str, Found]:
    """The people at each year's end (`now<year>`) and start (`start<year>`) where the roster answers it."""
    now = tuple(p for p in years if stock.n(f"roster{p.year}"))
    start = tuple(p for p in years if stock.n(f"roster_before{p.year}"))
    if not now and not start:
        return {}
    key = ("roster", tuple(p.year for p in now), tuple(p.year for p in start))
    rows = await r.rows(key, lambda: _roster(r, now, start))
    return {str(row.snapshot): Found(row._mapping) for row in rows}


def _roster(r: Reader, now: Sequence[Bound], start: Sequence[Bound]) -> Select[Any]:
    snapshots = [_in_post(r, f"now{p.year}", p.end, p.as_of) for p in now]
    snapshots += [_in_post(r, f"start{p.year}", p.start, p.first_day) for p in start]
    people = union_all(*snapshots).subquery("people")
    a = _people(people)
    return select(people.c.snapshot, *a.labelled()).group_by(people.c.snapshot)



def roster_measures(stock: Found, people: dict[str, Found], flows: Flows, year: int) -> dict[str, Measure]:
    if not stock.n(f"roster{year}"):
        return {}
    now = people.get(f"now{year}", Found({}))
    found = {name: now.counted(name) for name in ("staff_total", "officers_in_post", "officers_certified",
                                                  "auxiliary_staff", "logistics_staff", "legal_reviewers",
                                                  "legal_advisors", "enforcement_supervisors")}
    found["certificates_cancelled"] = certificates_cancelled(flows)
    if stock.n(f"roster_before{year}"):
        found["officers_at_start"] = people.get(f"start{year}", Found({})).counted("officers_certified")
    return found


def ledger_measures(year: int, flows: Flows, stock: Found, people: dict[str, Found]) -> Measurements:
    m = roster_measures(stock, people, flows, year)
    m.update(equipment_measures(stock, year))
    counted, tallies = ledger_flows(flows)
    m.update(counted)
    return Measurements(m, tallies)
