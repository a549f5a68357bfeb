"""How each case event changes the state (the status itself moves by the transition table)."""

from __future__ import annotations

from domain.cases import events as e
from domain.cases.dispatch import Evolver
from domain.cases.payments import FrozenSpan
from domain.cases.proposal import Assessment
from domain.cases.review import redo_required, standing_after
from domain.cases.state import (
    CaseState,
    Challenge,
    Decision,
    EvidenceRef,
    Hearing,
    Lead,
    LegalReview,
    Notice,
    Payment,
)
from domain.deadlines.local_time import local_date
from domain.frozen import replace
from domain.messages import Event


def _investigated(state: CaseState, event: Event) -> CaseState:
    return replace(state, investigators=state.investigators | set(event.actors))


def _lead(s: CaseState, ev: e.LeadRegistered) -> CaseState:
    lead = Lead(source=ev.source, discovered_at=ev.discovered_at, place=ev.place,
                violation_ended_on=ev.violation_ended_on, limitation_ends_on=ev.limitation_ends_on,
                time_barred=ev.time_barred, summary=ev.summary)
    return replace(s, case_id=ev.case_id, town=ev.town, unit=ev.unit, lead=lead, party=ev.party,
                   violation_type=ev.violation_type)


def _filed(s: CaseState, ev: e.CaseFiled) -> CaseState:
    return replace(s, case_no=ev.case_no, enforcement_item=ev.enforcement_item, filed_at=ev.occurred_at,
                   officers=ev.officers, case_lead=ev.case_lead, party=ev.party,
                   investigators=s.investigators | set(ev.officers))


def _evidence(s: CaseState, ev: e.EvidenceCollected) -> CaseState:
    ref = EvidenceRef(ev.evidence_id, ev.kind, ev.evidence_hash, ev.av_ref)
    return _investigated(replace(s, evidence=(*s.evidence, ref)), ev)


def _record(kind: str) -> Evolver:
    def fold(s: CaseState, ev: e.InquiryRecorded | e.SiteRecorded) -> CaseState:
        ref = EvidenceRef(ev.record_id, kind, ev.record_hash, ev.av_ref)
        return _investigated(replace(s, evidence=(*s.evidence, ref)), ev)
    return fold


def _recusal(s: CaseState, ev: e.RecusalDecided) -> CaseState:
    s = replace(s, pending_recusals=s.pending_recusals - {ev.officer_id})
    if not ev.granted:
        return s
    replacement = ev.replacement
    officers = s.officers
    if replacement is not None and ev.officer_id in officers:
        officers = (*tuple(o for o in officers if o != ev.officer_id), replacement)
    lead = replacement if s.case_lead == ev.officer_id else s.case_lead
    return replace(s, recused=s.recused | {ev.officer_id}, officers=officers, case_lead=lead)


def _assessed(s: CaseState, ev: e.InvestigationReportSubmitted | e.StatementReviewed) -> Assessment:
    return Assessment(hearing_eligible=ev.hearing_eligible, legal_review_required=ev.legal_review_required,
                      collective_required=ev.collective_required, proposal_hash=ev.proposal_hash)


def _statement_reviewed(s: CaseState, ev: e.StatementReviewed) -> CaseState:
    s = replace(s, statement_points_pending=())
    if ev.revised_proposal is None:
        return s
    return replace(s, proposal=ev.revised_proposal, assessment=_assessed(s, ev))


def _decided(s: CaseState, ev: e.DecisionMade) -> CaseState:
    return replace(s, decision=Decision(
        decision_type=ev.decision_type, sanctions=ev.sanctions, fine_fen=ev.fine_fen, modifier=ev.modifier,
        no_penalty_ground=ev.no_penalty_ground, soft_list_item_id=ev.soft_list_item_id, soft_outcome=ev.soft_outcome,
        proposal_hash=ev.proposal_hash, decided_at=ev.occurred_at, late=ev.late))


def _challenge(kind: str, forum: str) -> Evolver:
    def fold(s: CaseState, ev: Event) -> CaseState:
        day = local_date(ev.occurred_at)
        previous = [ch for ch in s.challenges if ch.kind == kind]
        instance = previous[-1].instance + 1 if kind == "LITIGATION" and isinstance(ev, e.LitigationAppealed) else 1
        challenge = Challenge(kind=kind, forum=str(getattr(ev, forum)), filed_on=day, instance=instance)
        return replace(s, challenges=(*s.challenges, challenge), frozen_spans=(*s.frozen_spans, FrozenSpan(day)))
    return fold


def _outcome(kind: str) -> Evolver:
    def fold(s: CaseState, ev: e.ReconsiderationDecided | e.LitigationJudged) -> CaseState:
        day = local_date(ev.occurred_at)
        challenges = list(s.challenges)
        for i in range(len(challenges) - 1, -1, -1):
            if challenges[i].kind == kind and challenges[i].outcome is None:
                challenges[i] = replace(challenges[i], outcome=ev.outcome.value, decided_on=day)
                break
        spans = list(s.frozen_spans)
        if spans and spans[-1].end is None:
            spans[-1] = replace(spans[-1], end=day)
        fine = s.adjusted_fine_fen if ev.new_fine_amount_fen is None else ev.new_fine_amount_fen
        return replace(s, challenges=tuple(challenges), frozen_spans=tuple(spans),
                       standing=standing_after(s.standing, ev.outcome), adjusted_fine_fen=fine,
                       redo_required=s.redo_required or redo_required(ev.outcome))
    return fold


EVOLVERS: dict[type, Evolver] = {
    e.LeadRegistered: _lead,
    e.VerificationStarted: _investigated,
    e.FilingRefused: lambda s, ev: replace(s, ending_reason=f"filing refused: {ev.ground.value}"),
    e.TransferredToAgency: lambda s, ev: replace(s, ending_reason=f"transferred to {ev.receiving_agency}"),
    e.CaseFiled: _filed,
    e.EvidenceCollected: _evidence,
    e.InquiryRecorded: _record("INQUIRY"),
    e.SiteRecorded: _record("SITE"),
    e.EvidencePreserved: lambda s, ev: _investigated(
        replace(s, open_preservations=s.open_preservations | {ev.preservation_id}), ev),
    e.PreservedEvidenceDecided: lambda s, ev: replace(
        s, open_preservations=s.open_preservations - {ev.preservation_id}),
    e.CoerciveMeasureApplied: lambda s, ev: _investigated(replace(s, open_measures=s.open_measures | {ev.measure_id}),
                                                          ev),
    e.CoerciveMeasureReleased: lambda s, ev: replace(s, open_measures=s.open_measures - {ev.measure_id}),
    e.RecusalRequested: lambda s, ev: replace(s, pending_recusals=s.pending_recusals | {ev.officer_id}),
    e.RecusalDecided: _recusal,
    e.InvestigationReportSubmitted: lambda s, ev: replace(s, proposal=ev.proposal, assessment=_assessed(s, ev)),
    e.LegalReviewRequested: lambda s, ev: replace(s, review_requested_hash=ev.proposal_hash),
    e.LegalReviewCompleted: lambda s, ev: replace(s, legal_review=LegalReview(
        outcome=ev.outcome, proposal_hash=ev.proposal_hash, reviewer=ev.reviewer, completed_at=ev.occurred_at)),
    e.PriorNoticeServed: lambda s, ev: replace(
        s, notice=Notice(served_at=ev.occurred_at, proposal=ev.proposal, proposal_hash=ev.proposal_hash),
        statement_waived=False, statement_window_expired=False),
    e.StatementReceived: lambda s, ev: replace(
        s, statement_received=True,
        statement_points_pending=(*s.statement_points_pending,
                                  *(p for p in ev.points if p not in s.statement_points_pending))),
    e.StatementWaived: lambda s, ev: replace(s, statement_waived=True),
    e.StatementWindowExpired: lambda s, ev: replace(s, statement_window_expired=True),
    e.StatementReviewed: _statement_reviewed,
    e.HearingRequested: lambda s, ev: replace(s, hearing=Hearing(requested_at=ev.occurred_at)),
    e.HearingNoticeServed: lambda s, ev: replace(s, hearing=replace(
        s.hearing or Hearing(requested_at=ev.occurred_at), hearing_on=ev.hearing_on, host=ev.host)),
    e.HearingHeld: lambda s, ev: replace(s, hearing=replace(
        s.hearing or Hearing(requested_at=ev.occurred_at), ended_at=ev.occurred_at)),
    e.PartyAbsentFromHearing: lambda s, ev: replace(s, hearing=replace(
        s.hearing or Hearing(requested_at=ev.occurred_at), ended_at=ev.occurred_at, party_absent=True)),
    e.CollectiveDiscussionHeld: lambda s, ev: replace(s, discussion_hash=ev.proposal_hash),
    e.EducationGiven: lambda s, ev: replace(s, education_given_at=ev.occurred_at),
    e.DecisionMade: _decided,
    e.DecisionDocumentIssued: lambda s, ev: replace(s, document_no=ev.document_no),
    e.DecisionServed: lambda s, ev: replace(s, served_at=ev.occurred_at, service_method=ev.method,
                                            payment_due_on=ev.payment_due_on),
    e.DecisionDisclosureRecorded: lambda s, ev: replace(s, disclosed=True),
    e.PaymentDeadlinePassed: lambda s, ev: replace(s, payment_overdue=True),
    e.DeferralApproved: lambda s, ev: replace(s, payment_due_on=ev.new_due_on),
    e.InstallmentApproved: lambda s, ev: replace(s, installments=ev.installments,
                                                 payment_due_on=ev.installments[-1].due_on),
    e.EnforcementDemandServed: lambda s, ev: replace(s, demand_served_on=local_date(ev.occurred_at)),
    e.CourtEnforcementApplied: lambda s, ev: replace(s, court_enforcement_applied_on=local_date(ev.occurred_at)),
    e.PaymentReceived: lambda s, ev: replace(s, payments=(*s.payments, Payment(
        ev.amount_fen, ev.channel, local_date(ev.occurred_at), ev.surcharge_fen)), performed=s.performed or ev.settles),
    e.ObligationPerformedVerified: lambda s, ev: replace(s, performed=True),
    e.CaseClosed: lambda s, ev: replace(s, closed_at=ev.occurred_at),
    e.CaseArchived: lambda s, ev: replace(s, archived_at=ev.occurred_at),
    e.FilingWithdrawn: lambda s, ev: replace(s, ending_reason=f"filing withdrawn: {ev.reason}"),
    e.CriminalTransferProposed: lambda s, ev: replace(s, criminal_transfer_proposed_at=ev.occurred_at),
    e.CriminalTransferApproved: lambda s, ev: replace(s, ending_reason=f"criminal transfer: {ev.reason}"),
    e.CaseTransferredToPolice: lambda s, ev: replace(s, transferred_to_police_at=ev.occurred_at),
    e.ReconsiderationFiled: _challenge("RECONSIDERATION", "authority"),
    e.ReconsiderationDecided: _outcome("RECONSIDERATION"),
    e.LitigationFiled: _challenge("LITIGATION", "court"),
    e.LitigationJudged: _outcome("LITIGATION"),
    e.LitigationAppealed: _challenge("LITIGATION", "appellant"),
}
