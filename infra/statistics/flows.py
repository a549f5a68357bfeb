"""The flows of the years (events counted where they fall: `domain.statistics.fold` and `ledger_fold`) in one
statement over one indexed scan of the flow event types: each row gets, by its type, the few fields its figures
read (`_fields`: up to three breakdown keys, two numbers, a qualifier, a flag, a key to count distinct), and the
rows are grouped by year, type and keys under eight aggregates. A year's figures are then sums of its groups.

Eight aggregates over every row instead of a FILTER column per figure and year: the aggregates' per-row cost,
not the scan, was what a compute paid at a million events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select

from domain.statistics import event_types as t
from domain.statistics.figures import Qualifier, Unit
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
    Reader,
    Years,
    event_id,
    ids_of,
    int_of,
    split_ids,
    text_of,
    worst_qualifier,
)

UPLOADS, HOTLINE, ACTS, TALLY = ("PatrolRecordsUploaded", "HotlineTallyRecorded", "AdministrativeActsRecorded",
                                 "CampaignTallyRecorded")
TRAINING, EVALUATED, PUBLICITY = "TrainingSessionHeld", "CaseFileEvaluated", "PublicityRecorded"
PLATFORM_TYPES = (UPLOADS, "PlatformWarningRaised", "PlatformWarningResolved")
FLOW_TYPES = (t.INSPECTION_COMPLETED, t.CONSTRUCTION_DISCOVERED, *t.DEMOLITIONS,
              t.LEGAL_REVIEW_COMPLETED, *t.DISCLOSURES, t.HEARING_REQUESTED, t.HEARING_HELD, t.TRANSFERRED_TO_POLICE,
              *t.OUTCOMES, t.DEADLINE_BREACHED, *PLATFORM_TYPES, TRAINING, EVALUATED, PUBLICITY, HOTLINE, ACTS, TALLY,
              "CertificateCancelled")


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
    return (select(func.count()).select_from(finding)
            .where(kind == t.SOFT_FINDING_KIND, item.is_not(None), item != "").scalar_subquery())


def _when(column: ColumnElement[Any], *types: str) -> tuple[ColumnElement[bool], ColumnElement[Any]]:
    return events.c.event_type.in_(types), column


def _pick(*whens: tuple[ColumnElement[bool], ColumnElement[Any]]) -> ColumnElement[Any]:
    """The column of the row's type (NULL for the other types): only that payload field is parsed."""
    return case(*whens, else_=None)


def _fields(r: Reader) -> dict[str, ColumnElement[Any]]:
    """Per row, by its type: the breakdown keys, the numbers summed, the qualifier, the flag, the distinct key."""
    typed, session = events.c.event_type, text_of(events, "session")

    def text(key: str) -> ColumnElement[str]:
        return text_of(events, key)

    def number(key: str) -> ColumnElement[int]:
        return int_of(events, key)

    return {
        "k1": _pick(_when(text("deadline_id"), t.DEADLINE_BREACHED), _when(text("outcome"), *t.OUTCOMES),
                    _when(events.c.violation_type, TALLY), _when(text("category"), HOTLINE, ACTS, TRAINING),
                    _when(text("result"), EVALUATED)),
        "k2": _pick(_when(text("count_unit"), TALLY), _when(text("mode"), TRAINING)),
        "k3": _pick(_when(text("label"), TALLY), _when(text("audience"), TRAINING)),
        "n1": _pick(_when(number("count"), UPLOADS, *t.DEMOLITIONS, TALLY, HOTLINE, ACTS),
                    _when(_soft_findings(r), t.INSPECTION_COMPLETED), _when(number("hours"), TRAINING),
                    _when(number("events"), PUBLICITY)),
        "n2": _pick(_when(number("area_dm2"), *t.DEMOLITIONS), _when(number("materials"), PUBLICITY)),
        "qualifier": _pick(_when(text("qualifier"), UPLOADS, TALLY, PUBLICITY)),
        "flag": case((typed == t.LEGAL_REVIEW_COMPLETED, events.c.status == t.REVIEW_APPROVED_STATUS),
                     (typed == t.DISCLOSURE_PUBLISHED, events.c.payload["on_time"].as_boolean()),
                     (typed.in_(PLATFORM_TYPES), events.c.stream_kind == "LEDGER:PLATFORM"),
                     (typed == EVALUATED, and_(session.is_not(None), session != "")), else_=False),
        "key": _pick(_when(func.coalesce(text("case_id"), events.c.stream_id), *t.DISCLOSURES),
                     _when(session, EVALUATED)),
    }


@dataclass
class Part:
    """The rows of some groups of one year, summed."""

    n: int = 0
    ids: list[str] = field(default_factory=list)
    n1: int = 0
    n2: int = 0
    rank: int = 0
    flagged: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def add(self, other: Part) -> Part:
        return Part(self.n + other.n, self.ids + other.ids, self.n1 + other.n1, self.n2 + other.n2,
                    max(self.rank, other.rank), self.flagged + other.flagged, self.keys + other.keys)

    @property
    def qualifier(self) -> Qualifier:
        return RANKED[self.rank]

    def streams(self, ids: list[str] | None = None) -> Measure:
        """Distinct streams with a row (of `ids`, default all), every row's id behind it."""
        chosen = self.ids if ids is None else ids
        return Measure.of(len({i.rpartition("#")[0] for i in chosen}), chosen)


Keys = tuple[str, str, str]


@dataclass
class Flows:
    """One year's groups: per event type, per breakdown keys."""

    groups: dict[str, dict[Keys, Part]] = field(default_factory=lambda: defaultdict(dict))

    def of(self, *types: str, where: Callable[[Keys], bool] = lambda k: True) -> Part:
        return _sum(p for typ in types for k, p in self.groups.get(typ, {}).items() if where(k))


def _sum(parts: Iterable[Part]) -> Part:
    total = Part()
    for part in parts:
        total = total.add(part)
    return total


def _statement(r: Reader, years: Years) -> Select[Any]:
    e = r.scanned(years, *FLOW_TYPES, **_fields(r))
    keys = (e.c.year, e.c.event_type, e.c.k1, e.c.k2, e.c.k3)
    flagged = or_(e.c.flag, and_(e.c.event_type == t.INSPECTION_COMPLETED, e.c.n1 > 0))  # soft findings recorded
    return select(*keys, func.count(), ids_of(event_id(e)), func.sum(e.c.n1), func.sum(e.c.n2),
                  worst_qualifier(e.c.qualifier), ids_of(event_id(e)).filter(flagged),
                  ids_of(e.c.key)).group_by(*keys)


async def flows(r: Reader, years: Years) -> dict[int, Flows]:
    rows = await r.rows(("flows",), lambda: _statement(r, years))
    found = {p.year: Flows() for p in years}
    for year, event_type, k1, k2, k3, n, ids, n1, n2, rank, flagged_ids, keyed in rows:
        found[int(year)].groups[str(event_type)][(str(k1), str(k2 or ""), str(k3 or ""))] = Part(
            int(n), split_ids(ids), int(n1 or 0), int(n2 or 0), int(rank or 0), split_ids(flagged_ids),
            split_ids(keyed))
    return found


# --- the figures of a year ------------------------------------------------------------------------------------


def case_flows(f: Flows) -> dict[str, Measure]:
    inspections, uploads = f.of(t.INSPECTION_COMPLETED), f.of(UPLOADS)
    visited = inspections.streams().value
    m = {"inspections_recorded": Measure.of(visited + uploads.n1, inspections.ids + uploads.ids,
                                            qualifier=uploads.qualifier,
                                            note=f"E {visited}; P {uploads.n1}" if uploads.n else "")}
    for name, event_type in (("illegal_construction_procedures", t.CONSTRUCTION_DISCOVERED),
                             ("hearings_requested", t.HEARING_REQUESTED), ("hearings_held", t.HEARING_HELD),
                             ("criminal_transfers", t.TRANSFERRED_TO_POLICE)):
        m[name] = f.of(event_type).streams()
    demolitions = f.of(*t.DEMOLITIONS)
    m["demolitions"] = Measure.of(demolitions.n1, demolitions.ids)
    m["demolished_area"] = Measure.of(demolitions.n2, demolitions.ids)
    reviews = f.of(t.LEGAL_REVIEW_COMPLETED)
    m["legal_reviews_completed"] = reviews.streams(reviews.flagged)
    disclosures = f.of(*t.DISCLOSURES)
    m["decisions_disclosed"] = Measure.of(len(set(disclosures.keys)), disclosures.ids)
    m["decisions_revoked_or_changed"] = f.of(*t.OUTCOMES, where=lambda k: k[0] in t.ADVERSE_OUTCOMES).streams()
    for name, event_type in (("deadline_breaches", t.DEADLINE_BREACHED),
                             ("reconsiderations_decided", t.RECONSIDERATION_DECIDED),
                             ("litigations_judged", t.LITIGATION_JUDGED)):
        m[name] = _broken_down(f.groups.get(event_type, {}))
    return m


def soft_findings(f: Flows) -> tuple[int, list[str]]:
    """On-site corrections citing the soft list, and the inspections that recorded them."""
    inspections = f.of(t.INSPECTION_COMPLETED)
    return inspections.n1, inspections.flagged


def published(f: Flows) -> tuple[int, list[str]]:
    """Published disclosures and those on time (they carry their own D17 verdict)."""
    part = f.of(t.DISCLOSURE_PUBLISHED)
    return part.n, part.flagged


def _broken_down(groups: dict[Keys, Part]) -> Measure:
    return Measure.of(sum(g.n for g in groups.values()), [i for g in groups.values() for i in g.ids],
                      note=breakdown({k[0]: g.n for k, g in groups.items()}))


def _training(f: Flows) -> dict[str, Measure]:
    programme = ("PROGRAMME",)
    groups: list[tuple[str, Callable[[Keys], bool]]] = [
        ("", lambda k: k[0] in programme), ("_online", lambda k: k[0] in programme and k[1] == "ONLINE"),
        ("_offline", lambda k: k[0] in programme and k[1] == "OFFLINE"), ("_internal", lambda k: k[0] == "INTERNAL"),
        ("_officers", lambda k: k[0] in programme and k[2] in OFFICERS),
        ("_auxiliary", lambda k: k[0] in programme and k[2] in AUXILIARY),
    ]
    m: dict[str, Measure] = {}
    for suffix, chosen in groups:
        part = f.of(TRAINING, where=chosen)
        if part.n:
            m[f"training_sessions{suffix}"] = Measure.of(part.n, part.ids)
            m[f"training_hours{suffix}"] = Measure.of(part.n1, part.ids)
    return m


def _summed(groups: dict[Keys, Part], metrics: dict[str, str], *, always: bool) -> dict[str, Measure]:
    if not groups:
        return {}
    sums = {k[0]: (g.n1, g.ids) for k, g in groups.items()}
    return {metric: Measure.of(*sums.get(key, (0, []))) for key, metric in metrics.items() if key in sums or always}


def _tallies(f: Flows) -> tuple[TallyMeasure, ...]:
    found = (TallyMeasure(violation_type=k[0], unit=Unit(k[1]), label=k[2], value=g.n1, qualifier=g.qualifier,
                          event_ids=Measure.of(0, g.ids).event_ids) for k, g in f.groups.get(TALLY, {}).items())
    return tuple(sorted(found, key=lambda t: (t.violation_type, t.unit.value, t.label)))


def ledger_flows(f: Flows) -> tuple[dict[str, Measure], tuple[TallyMeasure, ...]]:
    m = _training(f)
    m.update(_summed(f.groups.get(HOTLINE, {}), HOTLINE_METRICS, always=True))
    m.update(_summed(f.groups.get(ACTS, {}), ACT_METRICS, always=False))
    evaluations = f.of(EVALUATED)
    if evaluations.n:
        problems = f.of(EVALUATED, where=lambda k: k[0] == "PROBLEMS")
        m["case_file_evaluations"] = Measure.of(evaluations.n, evaluations.ids)
        m["case_file_evaluations_with_problems"] = Measure.of(problems.n, problems.ids)
        if evaluations.flagged:
            m["case_file_evaluation_sessions"] = Measure.of(len(set(evaluations.keys)), evaluations.flagged)
    if f.of(*PLATFORM_TYPES).flagged:
        for metric, event_type in (("platform_warnings", "PlatformWarningRaised"),
                                   ("platform_warnings_resolved", "PlatformWarningResolved")):
            part = f.of(event_type)
            m[metric] = Measure.of(part.n, part.ids)
    publicity = f.of(PUBLICITY)
    if publicity.n:
        m["publicity_events"] = Measure.of(publicity.n1, publicity.ids, qualifier=publicity.qualifier)
        m["publicity_materials"] = Measure.of(publicity.n2, publicity.ids, qualifier=publicity.qualifier)
    tallies = _tallies(f)
    for tally_unit, key in LAND_USE_METRICS.items():
        parts = [p for p in tallies if p.violation_type == LAND_USE and p.unit is tally_unit]
        if parts:
            m[key] = Measure.of(sum(p.value for p in parts), [i for p in parts for i in p.event_ids],
                                qualifier=RANKED[max(QUALIFIER_RANK[p.qualifier] for p in parts)])
    return m, tallies


def certificates_cancelled(f: Flows) -> Measure:
    part = f.of("CertificateCancelled")
    return Measure.of(part.n, part.ids)
