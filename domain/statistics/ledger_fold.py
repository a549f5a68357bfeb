"""Ledger figures as a pure fold: stocks at the end of the period (roster, equipment), flows within it
(training, hotline, tallies, evaluations, platform, publicity, other acts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime

from domain.envelope import EventEnvelope
from domain.statistics.arithmetic import combined_qualifier
from domain.statistics.figures import Qualifier, Unit
from domain.statistics.measures import Measure, Measurements, TallyMeasure
from domain.statistics.period import Period

EQUIPMENT_METRICS = {"BODY_CAMERA": "body_cameras", "CAMCORDER": "camcorders", "FIXED_CAMERA": "fixed_cameras",
                     "IOT_PHONE": "iot_phones", "DRONE": "drones"}
HOTLINE_METRICS = {"RECEIVED": "hotline_tickets", "CALLS_HANDLED": "hotline_calls",
                   "SUPERIOR_REFERRED": "hotline_superior_referrals", "RESPONDED": "hotline_responded",
                   "COMPLETED": "hotline_completed"}
ACT_METRICS = {"LICENCE": "licences", "BENEFIT": "benefits", "CONFIRMATION": "confirmations"}
LAND_USE = "ILLEGAL_LAND_USE"
LAND_USE_METRICS = {Unit.CASES: "illegal_land_use_cases", Unit.MU_TENTHS: "illegal_land_use_area"}
OFFICERS, AUXILIARY = ("OFFICERS", "ALL"), ("AUXILIARY", "ALL")  # training audiences: ALL counts for both


def ledger_measures(envs: list[EventEnvelope], period: Period) -> Measurements:
    flows = [e for e in envs if e.stream_kind.startswith("LEDGER:") and period.contains(e.occurred_at)]
    measures: dict[str, Measure] = {}
    measures.update(roster_measures(envs, period))
    measures.update(_equipment(envs, period.end))
    measures.update(_training(flows))
    measures.update(_summed(flows, "HotlineTallyRecorded", "category", HOTLINE_METRICS, always=True))
    measures.update(_summed(flows, "AdministrativeActsRecorded", "category", ACT_METRICS, always=False))
    evaluations = [e for e in flows if e.event_type == "CaseFileEvaluated"]
    if evaluations:
        problems = [e for e in evaluations if e.payload["result"] == "PROBLEMS"]
        measures["case_file_evaluations"] = Measure.of(len(evaluations), _ids(evaluations))
        measures["case_file_evaluations_with_problems"] = Measure.of(len(problems), _ids(problems))
        rounds = [e for e in evaluations if e.payload.get("session")]
        if rounds:
            measures["case_file_evaluation_sessions"] = Measure.of(len({e.payload["session"] for e in rounds}),
                                                                   _ids(rounds))
    if any(e.stream_kind == "LEDGER:PLATFORM" for e in flows):
        warnings = [e for e in flows if e.event_type == "PlatformWarningRaised"]
        measures["platform_warnings"] = Measure.of(len(warnings), _ids(warnings))
        resolved = [e for e in flows if e.event_type == "PlatformWarningResolved"]
        measures["platform_warnings_resolved"] = Measure.of(len(resolved), _ids(resolved))
    publicity = [e for e in flows if e.event_type == "PublicityRecorded"]
    if publicity:
        qualifier = combined_qualifier(Qualifier(e.payload["qualifier"]) for e in publicity)
        measures["publicity_events"] = Measure.of(sum(int(e.payload["events"]) for e in publicity), _ids(publicity),
                                                  qualifier=qualifier)
        measures["publicity_materials"] = Measure.of(sum(int(e.payload["materials"]) for e in publicity),
                                                     _ids(publicity), qualifier=qualifier)
    tallies = _tallies(flows)
    for tally_unit, key in LAND_USE_METRICS.items():
        parts = [t for t in tallies if t.violation_type == LAND_USE and t.unit is tally_unit]
        if parts:
            measures[key] = Measure.of(sum(p.value for p in parts), [i for p in parts for i in p.event_ids],
                                       qualifier=combined_qualifier(p.qualifier for p in parts))
    return Measurements(measures, tuple(tallies))


def _ids(envs: list[EventEnvelope]) -> list[str]:
    return [e.event_id for e in envs]


def _summed(flows: list[EventEnvelope], event_type: str, key_field: str, metrics: dict[str, str],
            *, always: bool) -> dict[str, Measure]:
    entries = [e for e in flows if e.event_type == event_type]
    if not entries:
        return {}
    found: dict[str, Measure] = {}
    for category, metric in metrics.items():
        part = [e for e in entries if e.payload[key_field] == category]
        if part or always:
            found[metric] = Measure.of(sum(int(e.payload["count"]) for e in part), _ids(part))
    return found


def _training(flows: list[EventEnvelope]) -> dict[str, Measure]:
    sessions = [e for e in flows if e.event_type == "TrainingSessionHeld"]
    found: dict[str, Measure] = {}
    groups: list[tuple[str, Callable[[EventEnvelope], bool]]] = [
        ("", lambda e: e.payload["category"] == "PROGRAMME"),
        ("_online", lambda e: e.payload["category"] == "PROGRAMME" and e.payload["mode"] == "ONLINE"),
        ("_offline", lambda e: e.payload["category"] == "PROGRAMME" and e.payload["mode"] == "OFFLINE"),
        ("_internal", lambda e: e.payload["category"] == "INTERNAL"),
        ("_officers", lambda e: e.payload["category"] == "PROGRAMME" and e.payload["audience"] in OFFICERS),
        ("_auxiliary", lambda e: e.payload["category"] == "PROGRAMME" and e.payload["audience"] in AUXILIARY),
    ]
    for suffix, chosen in groups:
        part = [e for e in sessions if chosen(e)]
        if part:
            found[f"training_sessions{suffix}"] = Measure.of(len(part), _ids(part))
            found[f"training_hours{suffix}"] = Measure.of(sum(int(e.payload["hours"]) for e in part), _ids(part))
    return found


def _tallies(flows: list[EventEnvelope]) -> list[TallyMeasure]:
    groups: dict[tuple[str, str, str], list[EventEnvelope]] = defaultdict(list)
    for env in flows:
        if env.event_type == "CampaignTallyRecorded":
            p = env.payload
            groups[(str(p["violation_type"]), str(p["count_unit"]), str(p["label"]))].append(env)
    return [TallyMeasure(violation_type=vt, unit=Unit(unit), label=label,
                         value=sum(int(e.payload["count"]) for e in part),
                         qualifier=combined_qualifier(Qualifier(e.payload["qualifier"]) for e in part),
                         event_ids=Measure.of(0, _ids(part)).event_ids)
            for (vt, unit, label), part in sorted(groups.items())]


def _equipment(envs: list[EventEnvelope], end: datetime) -> dict[str, Measure]:
    entries = [e for e in envs if e.event_type in ("EquipmentRegistered", "EquipmentRetired") and e.occurred_at < end]
    found: dict[str, Measure] = {}
    for kind, metric in EQUIPMENT_METRICS.items():
        part = [e for e in entries if e.payload["equipment"] == kind]
        if any(e.event_type == "EquipmentRegistered" for e in part):
            total = sum(int(e.payload["count"]) * (1 if e.event_type == "EquipmentRegistered" else -1) for e in part)
            found[metric] = Measure.of(total, _ids(part))
    return found


# --- roster ------------------------------------------------------------------------------------------------

Person = tuple[str, str, str, bool, bool]  # stream id, person id, category, legal reviewer, supervisor


def _in_post(envs: list[EventEnvelope], instant: datetime) -> dict[Person, list[EventEnvelope]]:
    """People on the roster at `instant`: more joins than departures before it (per person and category)."""
    joins: dict[Person, list[EventEnvelope]] = defaultdict(list)
    leaves: dict[tuple[str, str], int] = defaultdict(int)
    for env in envs:
        if env.occurred_at >= instant:
            continue
        p = env.payload
        if env.event_type == "StaffMemberJoined":
            joins[(env.stream_id, str(p["person_id"]), str(p["category"]), bool(p["legal_reviewer"]),
                   bool(p.get("supervisor")))].append(env)
        elif env.event_type == "StaffMemberLeft":
            leaves[(env.stream_id, str(p["person_id"]))] += 1
    return {person: js for person, js in joins.items() if len(js) > leaves[(person[0], person[1])]}


def _certified(envs: list[EventEnvelope], instant: datetime, day: date) -> set[tuple[str, str]]:
    """(stream, person) holding a certificate issued before `instant`, unexpired on `day`, not cancelled."""
    cancelled = {(e.stream_id, str(e.payload["number"])) for e in envs
                 if e.event_type == "CertificateCancelled" and e.occurred_at < instant}
    return {(e.stream_id, str(e.payload["person_id"])) for e in envs
            if e.event_type == "CertificateIssued" and e.occurred_at < instant
            and (e.payload.get("expires_on") is None or str(e.payload["expires_on"]) >= day.isoformat())
            and (e.stream_id, str(e.payload["number"])) not in cancelled}


def _people(chosen: dict[Person, list[EventEnvelope]]) -> Measure:
    return Measure.of(len(chosen), [e.event_id for js in chosen.values() for e in js])


def roster_measures(envs: list[EventEnvelope], period: Period) -> dict[str, Measure]:
    roster = [e for e in envs if e.stream_kind == "LEDGER:ROSTER"]
    if not any(e.occurred_at < period.end for e in roster):
        return {}
    now = _in_post(roster, period.end)
    start = _in_post(roster, period.start)
    certified_now = _certified(roster, period.end, period.as_of)
    certified_start = _certified(roster, period.start, period.first_day)

    def where(people: dict[Person, list[EventEnvelope]], test: Callable[[Person], bool]) -> Measure:
        return _people({p: js for p, js in people.items() if test(p)})

    cancelled = [e for e in roster if e.event_type == "CertificateCancelled" and period.contains(e.occurred_at)]
    officer: Callable[[Person], bool] = lambda p: p[2] == "OFFICER"  # noqa: E731
    found: dict[str, Measure] = {
        "staff_total": where(now, lambda p: p[2] != "LEGAL_ADVISOR"),
        "officers_in_post": where(now, officer),
        "officers_certified": where(now, lambda p: officer(p) and (p[0], p[1]) in certified_now),
        "certificates_cancelled": Measure.of(len(cancelled), _ids(cancelled)),
        "auxiliary_staff": where(now, lambda p: p[2] == "AUXILIARY"),
        "logistics_staff": where(now, lambda p: p[2] == "LOGISTICS"),
        "legal_reviewers": where(now, lambda p: p[3]),
        "legal_advisors": where(now, lambda p: p[2] == "LEGAL_ADVISOR"),
        "enforcement_supervisors": where(now, lambda p: p[4]),
    }
    # A roster first entered during the year says nothing about its start: unknown, not "原有0名".
    if any(e.occurred_at < period.start for e in roster):
        found["officers_at_start"] = where(start, lambda p: officer(p) and (p[0], p[1]) in certified_start)
    return found
