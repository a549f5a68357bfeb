"""The reference implementation of the year-end statistics: a pure fold over envelopes. The SQL implementation
(`infra.statistics`) must agree with it on every history (a property test checks this).

Counting rules (DOMAIN.md §4): the period is `[Jan 1, as_of]` by `occurred_at`; a case counts once per metric;
a case's decision in the period is its latest `DecisionMade` there; money in fen; figures of a ledger appear
only when the scope keeps that ledger.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.envelope import EventEnvelope
from domain.reference import ReferenceData
from domain.statistics import event_types as t
from domain.statistics.arithmetic import basis_points, combined_qualifier, mean_tenths
from domain.statistics.assemble import assemble
from domain.statistics.by_violation import Counted
from domain.statistics.by_violation import breakdown as violation_breakdown
from domain.statistics.figures import AnnualFigures, Qualifier
from domain.statistics.ledger_fold import ledger_measures
from domain.statistics.measures import Measure, breakdown, restated_note
from domain.statistics.period import LEDGER_PREFIX, Period, local_day
from domain.statistics.scope import Scope, resolve_scope


def fold_figures(
    envelopes: Iterable[EventEnvelope],
    *,
    scope: str,
    year: int,
    as_of: date,
    reference: ReferenceData,
    with_previous: bool = True,
    high_water_mark: int = 0,
    restated: bool = False,
) -> AnnualFigures:
    """`restated`: fines and penalty counts as the decisions now stand (see `case_measures`)."""
    resolved = resolve_scope(reference, scope)
    mine = sorted((e for e in envelopes if resolved.covers(e.town, e.unit)), key=lambda e: (e.stream_id, e.seq))
    return _figures(mine, resolved, Period.of(year, as_of), reference, with_previous, high_water_mark, restated)


def _figures(envs: list[EventEnvelope], scope: Scope, period: Period, reference: ReferenceData,
             with_previous: bool, high_water_mark: int, restated: bool, *,
             unknown_when_empty: bool = False) -> AnnualFigures:
    """`unknown_when_empty` (last year's figures): a year with no case event at all is unknown, not zero — its
    case figures are left out, so the report never compares with "0起" that nobody entered."""
    previous = None
    if with_previous:
        before = period.previous_year()
        previous = _figures(envs, scope, before, reference, False, high_water_mark, restated,
                            unknown_when_empty=True)
    measured = ledger_measures(envs, period)
    if not unknown_when_empty or any(not e.stream_kind.startswith(LEDGER_PREFIX) and period.contains(e.occurred_at)
                                     for e in envs):
        measured.measures.update(case_measures(envs, period, restated=restated))
    return assemble(measured, scope=scope, year=period.year, as_of=period.as_of, reference=reference,
                    previous=previous, high_water_mark=high_water_mark)


def _ids(envs: Iterable[EventEnvelope]) -> list[str]:
    return [e.event_id for e in envs]


def _latest_per_stream(envs: Iterable[EventEnvelope]) -> list[EventEnvelope]:
    latest: dict[str, EventEnvelope] = {}
    for env in envs:
        if env.stream_id not in latest or env.seq > latest[env.stream_id].seq:
            latest[env.stream_id] = env
    return list(latest.values())


def _first_per_stream(envs: Iterable[EventEnvelope]) -> dict[str, EventEnvelope]:
    first: dict[str, EventEnvelope] = {}
    for env in envs:
        if env.stream_id not in first or env.seq < first[env.stream_id].seq:
            first[env.stream_id] = env
    return first


def _count_streams(envs: list[EventEnvelope]) -> Measure:
    return Measure.of(len({e.stream_id for e in envs}), _ids(envs))


def _standing(envs: Iterable[EventEnvelope]) -> dict[str, EventEnvelope]:
    """Per stream, its latest adverse reconsideration or judgment recorded, whatever its `occurred_at`."""
    adverse = (e for e in envs if e.event_type in t.OUTCOMES and e.payload.get("outcome") in t.ADVERSE_OUTCOMES)
    return {e.stream_id: e for e in _latest_per_stream(adverse)}


@dataclass(frozen=True)
class _Penalties:
    kept: list[EventEnvelope]  # decisions still standing
    fen: int  # their effective fines
    changes: list[EventEnvelope]  # the CHANGED outcomes that set a fine
    restated: int  # decisions changed or removed
    counted: list[Counted]  # per kept decision: violation type and effective fine (the 案由 breakdown)


def _penalties(decisions: list[EventEnvelope], standing: Mapping[str, EventEnvelope]) -> _Penalties:
    """A decision's outcome applies when it was recorded after it: CHANGED sets the fine, the others remove it."""
    kept, changes, fen, restated, counted = [], [], 0, 0, []
    for decision in decisions:
        outcome = standing.get(decision.stream_id)
        fine = decision.fine_amount_fen
        change: EventEnvelope | None = None
        if outcome is not None and outcome.seq > decision.seq:
            restated += 1
            if outcome.payload.get("outcome") in t.REMOVING_OUTCOMES:
                continue
            changes.append(outcome)
            change = outcome
            new_fine = outcome.payload.get("new_fine_amount_fen")
            fine = fine if new_fine is None else int(new_fine)
        kept.append(decision)
        fen += fine or 0
        counted.append(Counted(decision.violation_type, fine or 0, decision.event_id,
                               change.event_id if change is not None else None))
    return _Penalties(kept, fen, changes, restated, counted)


def case_measures(envs: list[EventEnvelope], period: Period, *, restated: bool = False) -> dict[str, Measure]:
    """`restated`: the fines and penalty counts use each decision's effective fine, from its latest adverse
    reconsideration or judgment up to the high-water mark (also one after the cut-off): CHANGED sets the new fine,
    a revoked, void or illegal decision is not counted; the figures' note counts the restated decisions."""
    in_period = [e for e in envs if period.contains(e.occurred_at)]
    of_type: dict[str, list[EventEnvelope]] = defaultdict(list)
    for env in in_period:
        of_type[env.event_type].append(env)
    m: dict[str, Measure] = {}

    inspections = of_type[t.INSPECTION_COMPLETED]
    patrols = of_type["PatrolRecordsUploaded"]
    uploaded = sum(int(e.payload["count"]) for e in patrols)
    m["inspections_recorded"] = Measure.of(
        len({e.stream_id for e in inspections}) + uploaded, _ids(inspections) + _ids(patrols),
        qualifier=combined_qualifier(Qualifier(e.payload.get("qualifier") or "EXACT") for e in patrols),
        note=f"E {len({e.stream_id for e in inspections})}; P {uploaded}" if patrols else "")
    m["cases_filed"] = _count_streams(of_type[t.CASE_FILED])

    decisions = _latest_per_stream(of_type[t.DECISION_MADE])
    general = [e for e in decisions if e.fine_amount_fen is not None]
    simple = _latest_per_stream(of_type[t.SIMPLE_DECIDED])
    standing = _standing(envs) if restated else {}
    g, s = _penalties(general, standing), _penalties(simple, standing)
    note_g, note_s, note = restated_note(g.restated), restated_note(s.restated), restated_note(g.restated + s.restated)
    m["general_procedure_cases"] = Measure.of(len(g.kept), _ids(g.kept), note=note_g)
    m["simple_procedure_cases"] = Measure.of(len(s.kept), _ids(s.kept), note=note_s)
    m["penalty_cases_total"] = Measure.of(len(g.kept) + len(s.kept), _ids(g.kept) + _ids(s.kept), note=note)
    m["fines_imposed_general"] = Measure.of(g.fen, _ids(g.kept) + _ids(g.changes), note=note_g)
    m["fines_imposed_simple"] = Measure.of(s.fen, _ids(s.kept) + _ids(s.changes), note=note_s)
    m["fines_imposed_total"] = Measure.of(g.fen + s.fen, _ids(g.kept) + _ids(s.kept) + _ids(g.changes + s.changes),
                                          note=note)
    m.update(violation_breakdown("GENERAL", g.counted))
    m.update(violation_breakdown("SIMPLE", s.counted))
    m.update(_disclosure_scope(envs, period, g.kept))

    no_penalty = [e for e in decisions if e.payload.get("decision_type") == "NO_PENALTY"]
    lighter = [e for e in general if e.payload.get("modifier") == "LIGHTER"]
    reduced = [e for e in general if e.payload.get("modifier") == "REDUCED"]
    m["no_penalty_cases"] = Measure.of(len(no_penalty), _ids(no_penalty))
    m["lighter_penalty_cases"] = Measure.of(len(lighter), _ids(lighter))
    m["reduced_penalty_cases"] = Measure.of(len(reduced), _ids(reduced))
    soft_decisions = [e for e in decisions if e.payload.get("soft_outcome") is not None]
    soft_inspections = [(e, _soft_findings(e.payload)) for e in inspections]
    soft_inspections = [(e, n) for e, n in soft_inspections if n]
    m["soft_enforcement_cases"] = Measure.of(
        len(soft_decisions) + sum(n for _, n in soft_inspections),
        _ids(soft_decisions) + [e.event_id for e, _ in soft_inspections])

    m["illegal_construction_procedures"] = _count_streams(of_type[t.CONSTRUCTION_DISCOVERED])
    demolitions = [e for kind in t.DEMOLITIONS for e in of_type[kind]]
    m["demolitions"] = Measure.of(sum(int(e.payload["count"]) for e in demolitions), _ids(demolitions))
    m["demolished_area"] = Measure.of(sum(int(e.payload["area_dm2"]) for e in demolitions), _ids(demolitions))

    approved = [e for e in of_type[t.LEGAL_REVIEW_COMPLETED] if e.status == t.REVIEW_APPROVED_STATUS]
    m["legal_reviews_completed"] = _count_streams(approved)
    disclosures = [e for kind in t.DISCLOSURES for e in of_type[kind]]
    m["decisions_disclosed"] = Measure.of(len({_disclosed_case(e) for e in disclosures}), _ids(disclosures))
    on_time = _disclosure_on_time(envs, of_type[t.DISCLOSURE_RECORDED], of_type[t.DISCLOSURE_PUBLISHED])
    if on_time is not None:
        m["disclosure_on_time_rate"] = on_time

    breaches = of_type[t.DEADLINE_BREACHED]
    m["deadline_breaches"] = Measure.of(len(breaches), _ids(breaches), note=breakdown(
        dict(Counter(str(e.payload.get("deadline_id")) for e in breaches))))
    m["hearings_requested"] = _count_streams(of_type[t.HEARING_REQUESTED])
    m["hearings_held"] = _count_streams(of_type[t.HEARING_HELD])
    m["criminal_transfers"] = _count_streams(of_type[t.TRANSFERRED_TO_POLICE])
    reconsiderations = of_type[t.RECONSIDERATION_DECIDED]
    m["reconsiderations_decided"] = Measure.of(len(reconsiderations), _ids(reconsiderations), note=breakdown(
        dict(Counter(str(e.payload.get("outcome")) for e in reconsiderations))))
    judgments = of_type[t.LITIGATION_JUDGED]
    m["litigations_judged"] = Measure.of(len(judgments), _ids(judgments), note=breakdown(
        dict(Counter(str(e.payload.get("outcome")) for e in judgments))))
    adverse = [e for e in (*reconsiderations, *judgments)
               if e.payload.get("outcome") in t.ADVERSE_OUTCOMES]
    m["decisions_revoked_or_changed"] = _count_streams(adverse)
    m.update(_reconciliation(envs, period))
    return m


def _soft_findings(payload: Mapping[str, Any]) -> int:
    findings = payload.get("findings") or []
    return sum(1 for f in findings if f.get("kind") == t.SOFT_FINDING_KIND and f.get("soft_list_item_id"))


def _disclosed_case(env: EventEnvelope) -> str:
    """A disclosure stream's event names its case; a case's own disclosure record is in the case's stream."""
    return str(env.payload.get("case_id") or env.stream_id)


def _disclosure_scope(envs: list[EventEnvelope], period: Period,
                      decisions: list[EventEnvelope]) -> dict[str, Measure]:
    """The general penalty decisions due for disclosure by the cut-off: the D17 clock started after the decision
    (at service) falls due on or before as_of, or the decision is already disclosed; and of those, the disclosed."""
    before = [e for e in envs if e.occurred_at < period.end]
    clocks = _latest_per_stream(e for e in before if e.event_type == t.DEADLINE_STARTED
                                and e.payload.get("deadline_id") in t.DISCLOSURE_DEADLINES)
    due_on = {e.stream_id: (e.seq, str(e.payload.get("due_on"))) for e in clocks}
    disclosed = {_disclosed_case(e) for e in before if e.event_type in t.DISCLOSURES}
    due = [d for d in decisions if d.stream_id in disclosed
           or (d.stream_id in due_on and due_on[d.stream_id][0] > d.seq
               and due_on[d.stream_id][1] <= period.as_of.isoformat())]
    shown = [d for d in due if d.stream_id in disclosed]
    return {"decisions_disclosure_due": Measure.of(len(due), _ids(due)),
            "decisions_disclosed_in_scope": Measure.of(len(shown), _ids(shown))}


def _disclosure_on_time(envs: list[EventEnvelope], recorded: list[EventEnvelope],
                        published: list[EventEnvelope]) -> Measure | None:
    """Published disclosures carry their own D17 verdict (`on_time`); a case's disclosure record is on time if
    its first one in the period falls on or before the due day of the case's first D17/D17B clock."""
    clocks = _first_per_stream(e for e in envs if e.event_type == t.DEADLINE_STARTED
                               and e.payload.get("deadline_id") in t.DISCLOSURE_DEADLINES)
    first = _first_per_stream(d for d in recorded if d.stream_id in clocks)
    judged = len(first) + len(published)
    if not judged:
        return None
    on_time = [d for sid, d in first.items()
               if local_day(d.occurred_at).isoformat() <= str(clocks[sid].payload["due_on"])]
    on_time += [d for d in published if d.payload.get("on_time")]
    ratio = basis_points(len(on_time), judged)
    assert ratio is not None
    return Measure.of(ratio, _ids(on_time), note=f"{len(on_time)}/{judged}")


def _reconciliation(envs: list[EventEnvelope], period: Period) -> dict[str, Measure]:
    filed = _first_per_stream(e for e in envs if e.event_type == t.CASE_FILED and e.occurred_at < period.end)
    endings = _first_per_stream(e for e in envs if e.event_type in t.ENDINGS and e.stream_id in filed)
    carried = [f for sid, f in filed.items() if f.occurred_at < period.start
               and (sid not in endings or endings[sid].occurred_at >= period.start)]
    pending = [f for sid, f in filed.items() if sid not in endings or endings[sid].occurred_at >= period.end]
    ended = [e for e in endings.values() if period.contains(e.occurred_at)]
    penalty = [e for e in ended if e.event_type == t.DECISION_MADE and e.fine_amount_fen is not None]
    no_penalty = [e for e in ended
                  if e.event_type == t.DECISION_MADE and e.payload.get("decision_type") == "NO_PENALTY"]
    transferred = [e for e in ended if e.event_type in t.TRANSFERS or (
        e.event_type == t.DECISION_MADE and e.payload.get("decision_type") == "TRANSFER_TO_JUDICIARY")]
    withdrawn = [e for e in ended if e.event_type == t.WITHDRAWN]
    filed_in_period = [f for f in filed.values() if period.contains(f.occurred_at)]
    gap = len(filed_in_period) - (len(penalty) + len(no_penalty) + len(transferred) + len(withdrawn)
                                  + len(pending) - len(carried))
    durations = [(local_day(e.occurred_at) - local_day(filed[e.stream_id].occurred_at)).days
                 for e in ended if e.event_type == t.DECISION_MADE]
    found = {
        "cases_carried_in": Measure.of(len(carried), _ids(carried)),
        "cases_pending_at_cutoff": Measure.of(len(pending), _ids(pending)),
        "cases_decided_penalty": Measure.of(len(penalty), _ids(penalty)),
        "cases_decided_no_penalty": Measure.of(len(no_penalty), _ids(no_penalty)),
        "cases_transferred": Measure.of(len(transferred), _ids(transferred)),
        "cases_withdrawn": Measure.of(len(withdrawn), _ids(withdrawn)),
        "reconciliation_gap": Measure.of(gap),
    }
    mean = mean_tenths(durations)
    if mean is not None:
        found["mean_days_filing_to_decision"] = Measure.of(mean, note=f"{len(durations)} decisions")
    return found
