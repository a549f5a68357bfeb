"""The flows of the years (events counted where they fall, `domain.statistics.fold` and `ledger_fold`), in two
statements over one indexed scan each: FILTER aggregates by year (`flows`), and the figures broken down by a
payload field — deadline, outcome, tally, hotline and act category — grouped by year and that field
(`breakdowns`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, select, true
from sqlalchemy.sql import FromClause

from domain.statistics import event_types as t
from domain.statistics.figures import Unit
from domain.statistics.ledger_fold import (
    ACT_METRICS,
    AUXILIARY,
    HOTLINE_METRICS,
    LAND_USE,
    LAND_USE_METRICS,
    OFFICERS,
)
from domain.statistics.measures import Measure, TallyMeasure, breakdown
from infra.db.models import events
from infra.statistics.sql import (
    QUALIFIER_RANK,
    RANKED,
    Aggregates,
    Found,
    Reader,
    Years,
    by_year,
    event_id,
    ids_of,
    int_of,
    is_,
    split_ids,
    text_of,
    worst_qualifier,
)

PLATFORM_TYPES = ("PatrolRecordsUploaded", "PlatformWarningRaised", "PlatformWarningResolved")
LEDGER_FLOWS = ("TrainingSessionHeld", "CaseFileEvaluated", "PublicityRecorded", "CertificateCancelled",
                *PLATFORM_TYPES)
CASE_FLOWS = (t.INSPECTION_COMPLETED, t.CASE_FILED, t.CONSTRUCTION_DISCOVERED, *t.DEMOLITIONS,
              t.LEGAL_REVIEW_COMPLETED, *t.DISCLOSURES, t.HEARING_REQUESTED, t.HEARING_HELD,
              t.TRANSFERRED_TO_POLICE, *t.OUTCOMES)
HOTLINE, ACTS, TALLY = "HotlineTallyRecorded", "AdministrativeActsRecorded", "CampaignTallyRecorded"
BREAKDOWNS = (t.DEADLINE_BREACHED, t.RECONSIDERATION_DECIDED, t.LITIGATION_JUDGED, TALLY, HOTLINE, ACTS)


def _soft_findings(r: Reader) -> ColumnElement[int]:
    """On-site corrections citing the soft list, one per finding, inside InspectionCompleted's findings."""
    if r.conn.dialect.name == "postgresql":
        finding = func.json_array_elements(events.c.payload["findings"]).table_valued("value").alias("finding")
        kind: ColumnElement[Any] = finding.c.value.op("->>")(literal("kind"))
        item: ColumnElement[Any] = finding.c.value.op("->>")(literal("soft_list_item_id"))
    else:
        finding = func.json_each(events.c.payload, "$.findings").table_valued("value").alias("finding")
        kind = func.json_extract(finding.c.value, "$.kind")
        item = func.json_extract(finding.c.value, "$.soft_list_item_id")
    found = (select(func.count()).select_from(finding)
             .where(kind == t.SOFT_FINDING_KIND, item.is_not(None), item != "").scalar_subquery())
    return case((events.c.event_type == t.INSPECTION_COMPLETED, found), else_=0)


def _case_columns(a: Aggregates, e: FromClause) -> None:
    uploads, inspections, demolitions = is_(e, "PatrolRecordsUploaded"), is_(e, t.INSPECTION_COMPLETED), is_(
        e, *t.DEMOLITIONS)
    a.streams("inspections", inspections)
    a.events("uploads", uploads)
    a.total("uploads", int_of(e, "count"), uploads)
    a.rank("uploads", text_of(e, "qualifier"), uploads)
    a.events("soft_findings", and_(inspections, e.c.soft > 0))
    a.total("soft_findings", e.c.soft, inspections)
    for name, event_type in (("cases_filed", t.CASE_FILED), ("illegal_construction_procedures",
                                                              t.CONSTRUCTION_DISCOVERED),
                             ("hearings_requested", t.HEARING_REQUESTED), ("hearings_held", t.HEARING_HELD),
                             ("criminal_transfers", t.TRANSFERRED_TO_POLICE)):
        a.streams(name, is_(e, event_type))
    a.events("demolitions", demolitions)
    a.total("demolitions", int_of(e, "count"), demolitions)
    a.total("demolished_area", int_of(e, "area_dm2"), demolitions)
    a.streams("legal_reviews_completed", and_(is_(e, t.LEGAL_REVIEW_COMPLETED),
                                              e.c.status == t.REVIEW_APPROVED_STATUS))
    a.streams("decisions_disclosed", is_(e, *t.DISCLOSURES), func.coalesce(text_of(e, "case_id"), e.c.stream_id))
    a.events("published", is_(e, t.DISCLOSURE_PUBLISHED))
    a.events("published_on_time", and_(is_(e, t.DISCLOSURE_PUBLISHED), e.c.payload["on_time"].as_boolean()))
    a.streams("decisions_revoked_or_changed", and_(is_(e, *t.OUTCOMES),
                                                   text_of(e, "outcome").in_(t.ADVERSE_OUTCOMES)))


TRAINING = (("", "PROGRAMME", None, None), ("_online", "PROGRAMME", "ONLINE", None),
            ("_offline", "PROGRAMME", "OFFLINE", None), ("_internal", "INTERNAL", None, None),
            ("_officers", "PROGRAMME", None, OFFICERS), ("_auxiliary", "PROGRAMME", None, AUXILIARY))


def _training(e: FromClause, category: str, mode: str | None, audiences: tuple[str, ...] | None) -> ColumnElement[bool]:
    return and_(is_(e, "TrainingSessionHeld"), text_of(e, "category") == category,
                text_of(e, "mode") == mode if mode else true(),
                text_of(e, "audience").in_(audiences) if audiences else true())


def _ledger_columns(a: Aggregates, e: FromClause) -> None:
    for suffix, *group in TRAINING:
        a.events(f"training_sessions{suffix}", _training(e, *group))
        a.total(f"training_hours{suffix}", int_of(e, "hours"), _training(e, *group))
    evaluated, session = is_(e, "CaseFileEvaluated"), text_of(e, "session")
    a.events("case_file_evaluations", evaluated)
    a.events("case_file_evaluations_with_problems", and_(evaluated, text_of(e, "result") == "PROBLEMS"))
    a.streams("case_file_evaluation_sessions", and_(evaluated, session.is_not(None), session != ""), session)
    a.events("platform", and_(e.c.stream_kind == "LEDGER:PLATFORM", is_(e, *PLATFORM_TYPES)))
    a.events("platform_warnings", is_(e, "PlatformWarningRaised"))
    a.events("platform_warnings_resolved", is_(e, "PlatformWarningResolved"))
    publicity = is_(e, "PublicityRecorded")
    a.events("publicity", publicity)
    a.total("publicity_events", int_of(e, "events"), publicity)
    a.total("publicity_materials", int_of(e, "materials"), publicity)
    a.rank("publicity", text_of(e, "qualifier"), publicity)
    a.events("certificates_cancelled", is_(e, "CertificateCancelled"))


async def flows(r: Reader, years: Years) -> dict[int, Found]:
    """Every flow figure with a fixed definition, both years, one scan of the flow event types."""
    e = r.scanned(years, *CASE_FLOWS, *LEDGER_FLOWS, soft=_soft_findings(r))
    a = Aggregates(e)
    for p in years:
        # FILTER per year rather than GROUP BY year: no sort of the scanned rows (and their payloads) at all
        year = a.within(and_(e.c.occurred_at >= p.start, e.c.occurred_at < p.end), str(p.year))
        _case_columns(year, e)
        _ledger_columns(year, e)
    return by_year((await r.rows(select(*a.labelled())))[0], years)


def case_flows(f: Found) -> dict[str, Measure]:
    inspections, uploaded = f.streams("inspections"), f.sum("uploads")
    m = {"inspections_recorded": Measure.of(inspections + uploaded, f.ids("inspections") + f.ids("uploads"),
                                            qualifier=f.qualifier("uploads"),
                                            note=f"E {inspections}; P {uploaded}" if f.n("uploads") else "")}
    for name in ("cases_filed", "illegal_construction_procedures", "hearings_requested", "hearings_held",
                 "criminal_transfers", "legal_reviews_completed", "decisions_disclosed",
                 "decisions_revoked_or_changed"):
        m[name] = f.distinct(name)
    m["demolitions"] = Measure.of(f.sum("demolitions"), f.ids("demolitions"))
    m["demolished_area"] = Measure.of(f.sum("demolished_area"), f.ids("demolitions"))
    return m


def ledger_flows(f: Found) -> dict[str, Measure]:
    m: dict[str, Measure] = {}
    for suffix, *_ in TRAINING:
        if f.n(f"training_sessions{suffix}"):
            ids = f.ids(f"training_sessions{suffix}")
            m[f"training_sessions{suffix}"] = f.counted(f"training_sessions{suffix}")
            m[f"training_hours{suffix}"] = Measure.of(f.sum(f"training_hours{suffix}"), ids)
    if f.n("case_file_evaluations"):
        m["case_file_evaluations"] = f.counted("case_file_evaluations")
        m["case_file_evaluations_with_problems"] = f.counted("case_file_evaluations_with_problems")
        if f.n("case_file_evaluation_sessions"):
            m["case_file_evaluation_sessions"] = f.distinct("case_file_evaluation_sessions")
    if f.n("platform"):
        m["platform_warnings"] = f.counted("platform_warnings")
        m["platform_warnings_resolved"] = f.counted("platform_warnings_resolved")
    if f.n("publicity"):
        qualifier, ids = f.qualifier("publicity"), f.ids("publicity")
        m["publicity_events"] = Measure.of(f.sum("publicity_events"), ids, qualifier=qualifier)
        m["publicity_materials"] = Measure.of(f.sum("publicity_materials"), ids, qualifier=qualifier)
    return m


# --- breakdowns ----------------------------------------------------------------------------------------------

Groups = dict[tuple[str, ...], tuple[int, int, int, list[str]]]  # (k1, k2, k3) → rows, Σ count, rank, ids


def _keys() -> dict[str, ColumnElement[Any]]:
    """The breakdown fields as columns of the scan: PostgreSQL does not match a JSON expression in GROUP BY
    with the same one in SELECT."""
    typed = events.c.event_type
    first = case((typed == t.DEADLINE_BREACHED, text_of(events, "deadline_id")),
                 (typed.in_(t.OUTCOMES), text_of(events, "outcome")), (typed == TALLY, events.c.violation_type),
                 else_=text_of(events, "category"))
    return {"k1": first, "k2": case((typed == TALLY, text_of(events, "count_unit"))),
            "k3": case((typed == TALLY, text_of(events, "label"))), "n": int_of(events, "count"),
            "qualifier": text_of(events, "qualifier")}


async def breakdowns(r: Reader, years: Years) -> dict[int, dict[str, Groups]]:
    """Per year and event type: the groups of its breakdown field(s)."""
    e = r.scanned(years, *BREAKDOWNS, **_keys())
    keys = (e.c.year, e.c.event_type, e.c.k1, e.c.k2, e.c.k3)
    rows = await r.rows(select(*keys, func.count(), func.coalesce(func.sum(e.c.n), 0), worst_qualifier(e.c.qualifier),
                               ids_of(event_id(e))).group_by(*keys))
    found: dict[int, dict[str, Groups]] = {p.year: defaultdict(dict) for p in years}
    for year, event_type, k1, k2, k3, n, total, rank, ids in rows:
        found[int(year)][str(event_type)][(str(k1), str(k2 or ""), str(k3 or ""))] = (
            int(n), int(total), int(rank or 0), split_ids(ids))
    return found


def _broken_down(groups: Groups) -> Measure:
    return Measure.of(sum(g[0] for g in groups.values()), [i for g in groups.values() for i in g[3]],
                      note=breakdown({k[0]: g[0] for k, g in groups.items()}))


def case_breakdowns(found: dict[str, Groups]) -> dict[str, Measure]:
    return {"deadline_breaches": _broken_down(found.get(t.DEADLINE_BREACHED, {})),
            "reconsiderations_decided": _broken_down(found.get(t.RECONSIDERATION_DECIDED, {})),
            "litigations_judged": _broken_down(found.get(t.LITIGATION_JUDGED, {}))}


def _summed(groups: Groups | None, metrics: dict[str, str], *, always: bool) -> dict[str, Measure]:
    if not groups:
        return {}
    sums = {k[0]: (g[1], g[3]) for k, g in groups.items()}
    return {metric: Measure.of(*sums.get(key, (0, []))) for key, metric in metrics.items() if key in sums or always}


def ledger_breakdowns(found: dict[str, Groups]) -> tuple[dict[str, Measure], tuple[TallyMeasure, ...]]:
    m = _summed(found.get(HOTLINE), HOTLINE_METRICS, always=True)
    m.update(_summed(found.get(ACTS), ACT_METRICS, always=False))
    tallies = sorted((TallyMeasure(violation_type=k[0], unit=Unit(k[1]), label=k[2], value=g[1],
                                   qualifier=RANKED[g[2]], event_ids=Measure.of(0, g[3]).event_ids)
                      for k, g in found.get(TALLY, {}).items()), key=lambda t: (t.violation_type, t.unit.value,
                                                                                 t.label))
    for tally_unit, key in LAND_USE_METRICS.items():
        parts = [p for p in tallies if p.violation_type == LAND_USE and p.unit is tally_unit]
        if parts:
            m[key] = Measure.of(sum(p.value for p in parts), [i for p in parts for i in p.event_ids],
                                qualifier=RANKED[max(QUALIFIER_RANK[p.qualifier] for p in parts)])
    return m, tuple(tallies)
