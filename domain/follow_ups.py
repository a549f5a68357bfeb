"""Streams one stream's facts call into being: an inspection's finding "lead for filing" becomes a general
case's registered lead; a served decision opens its disclosure stream, an adverse outcome asks it for withdrawal,
and a publication is recorded back on the case. Every follow-up's stream id and request id derive from what
caused it (finding id, decision version, outcome), so asking twice never opens or applies anything twice."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from domain.cases.commands import RecordDecisionDisclosure, RegisterLead
from domain.cases.lead import LeadSource
from domain.cases.state import CaseState
from domain.deadlines.local_time import local_date, start_of_local_day
from domain.disclosure.commands import OpenDisclosure, RequireWithdrawal
from domain.disclosure.content import DecisionContent, disclosure_id
from domain.disclosure.state import DisclosureState
from domain.inspections.findings import FindingKind
from domain.inspections.state import InspectionState, InspectionStatus
from domain.messages import SYSTEM_ACTOR, Command
from domain.values import NoPenaltyGround

GENERAL_CASE = "GENERAL_CASE"  # the workflow-level aggregate kind the follow-up opens


@dataclass(frozen=True)
class FollowUp:
    kind: str
    stream_id: str
    town: str
    command: Command
    request_id: str


def case_id_for_finding(finding_id: str) -> str:
    return f"case:{finding_id}"


def inspection_follow_ups(state: InspectionState) -> tuple[FollowUp, ...]:
    """A general case for every finding that is a lead for filing, once the inspection is completed. Rectification
    orders and on-the-spot penalties need the officer's own entries (requirement, decision number) and are opened
    by the officer with `source_finding_id`; referrals need nothing further here."""
    if state.status is not InspectionStatus.COMPLETED or state.completed_at is None:
        return ()
    leads = [f for f in state.findings if f.kind is FindingKind.LEAD_FOR_FILING and f.violation_type]
    return tuple(
        FollowUp(
            kind=GENERAL_CASE,
            stream_id=case_id_for_finding(f.finding_id),
            town=state.town,
            request_id=f"lead:{f.finding_id}",
            command=RegisterLead(
                occurred_at=state.completed_at, actors=state.officers, case_id=case_id_for_finding(f.finding_id),
                town=state.town, unit=state.unit, source=LeadSource.INSPECTION,
                discovered_at=state.started_at or state.completed_at, party=f.party,
                violation_type=f.violation_type or "", place=f.place, summary=f.description,
                source_ref=f.finding_id),
        )
        for f in leads
    )


# --- disclosure (公示) -------------------------------------------------------------------------------------

DISCLOSURE = "DISCLOSURE"  # the workflow-level aggregate kind of a disclosure stream
PLATFORM_CHANNEL = "天津市行政执法监督平台"


def decision_content(state: CaseState) -> DecisionContent | None:
    """The served decision of a general case as its disclosure stream receives it (None before service)."""
    decision, party = state.decision, state.party
    if decision is None or party is None or state.served_at is None or not state.document_no:
        return None
    proposal, assessment = state.proposal, state.assessment
    if decision.no_penalty_ground is NoPenaltyGround.UNDER_14:
        party = replace(party, is_minor=True)
    return DecisionContent(
        case_id=state.case_id, case_no=state.case_no or "", decision_no=state.document_no, town=state.town,
        unit=state.unit, party=party, violation_type=state.violation_type or "",
        place=state.lead.place if state.lead else "", facts=state.lead.summary if state.lead else "",
        grounds=proposal.grounds if proposal else "", decision_type=decision.decision_type,
        sanctions=decision.sanctions, fine_fen=decision.fine_fen, decided_at=decision.decided_at,
        served_at=state.served_at,
        social_impact=bool((proposal and proposal.major_public_interest)
                           or (assessment and assessment.hearing_eligible)))


def _outcome_moment(state: CaseState) -> tuple[str, datetime] | None:
    decided = [ch for ch in state.challenges if ch.outcome is not None and ch.decided_on is not None]
    if not decided:
        return None
    last = max(decided, key=lambda ch: ch.decided_on or date.min)
    assert last.decided_on is not None and last.outcome is not None
    moment = state.last_occurred_at
    if moment is None or local_date(moment) != last.decided_on:
        moment = start_of_local_day(last.decided_on)
    return f"{last.kind}:{last.outcome}", moment


def general_case_follow_ups(state: CaseState) -> tuple[FollowUp, ...]:
    """A served decision opens its disclosure stream (D17 runs there); an outcome that changes, revokes or finds
    the decision illegal or void asks that stream for withdrawal (D18). Keyed by the decision's version, so a
    new decision of the same case is a new disclosure."""
    content = decision_content(state)
    if content is None:
        return ()
    stream_id = disclosure_id(state.case_id, content.version)
    officers = tuple(dict.fromkeys(o for o in (state.case_lead, *state.officers) if o))
    found = [FollowUp(
        kind=DISCLOSURE, stream_id=stream_id, town=state.town, request_id=f"disclose:{stream_id}",
        command=OpenDisclosure(occurred_at=content.served_at, actors=(SYSTEM_ACTOR,), disclosure_id=stream_id,
                               content=content, case_officers=officers))]
    outcome = _outcome_moment(state)
    if state.standing.adverse and outcome is not None:
        found.append(FollowUp(
            kind=DISCLOSURE, stream_id=stream_id, town=state.town,
            request_id=f"withdraw:{stream_id}:{state.standing.value}",
            command=RequireWithdrawal(occurred_at=outcome[1], actors=(SYSTEM_ACTOR,), outcome=outcome[0],
                                      standing=state.standing.value)))
    return tuple(found)


def disclosure_follow_ups(state: DisclosureState) -> tuple[FollowUp, ...]:
    """Once published, the case records its disclosure (it satisfies the case's own D17). The case accepts the
    step from an officer only: the case's lead is named."""
    if state.published_at is None or state.receipt_id is None or not state.case_officers:
        return ()
    return (FollowUp(
        kind=GENERAL_CASE, stream_id=state.case_id, town=state.town, request_id=f"disclosed:{state.disclosure_id}",
        command=RecordDecisionDisclosure(occurred_at=state.published_at, actors=(state.case_officers[0],),
                                         channel=f"{PLATFORM_CHANNEL}（回执 {state.receipt_id}）")),)
