"""What the documents of a general-procedure case say, from its events: the party, the facts and evidence, the
proposal and its basis, the notice with its windows, the legal review, the decision and its service. Values
only; the wording around them is the template's (a town adjusts that without touching code)."""

from __future__ import annotations

from domain.cases import events as e
from domain.cases.proposal import DecisionType, Proposal
from domain.documents import wording as w
from domain.documents.amounts import capitals, figures
from domain.documents.history import History
from domain.reference import ReferenceData

Fields = dict[str, str]


def case_fields(history: History, reference: ReferenceData) -> Fields:
    """Every field the general-case templates may use ("" where the case has not got that far)."""
    lead = history.latest(e.LeadRegistered)
    filed = history.latest(e.CaseFiled)
    party = (filed.party if filed is not None and filed.party is not None else None) or (lead.party if lead else None)
    fields: Fields = {
        **w.party_fields(party),
        **w.item_fields(reference, filed.enforcement_item if filed else None,
                        (filed.violation_type if filed else None) or (lead.violation_type if lead else None)),
        "lead_source": w.LEAD_SOURCES[lead.source] if lead else "",
        "place": lead.place if lead else "",
        "discovered_on": w.day(lead.discovered_at) if lead else "",
        "lead_summary": lead.summary if lead else "",
        "case_no": filed.case_no if filed else "",
        "filed_on": w.day(filed.occurred_at) if filed else "",
        "officers": w.officer_certificates(reference, filed.officers) if filed else "",
        "case_lead": w.names(reference, [filed.case_lead]) if filed else "",
        "filed_by": w.names(reference, filed.actors[:1]) if filed else "",
        "evidence": _evidence(history),
        "education": "；".join(x.content for x in history.all(e.EducationGiven)),
    }
    fields |= _report(history, reference) | _notice(history) | _review(history, reference)
    fields |= _decision(history, reference) | _service(history, reference)
    return fields


def _evidence(history: History) -> str:
    items = [f"{x.description}（{x.kind}，SHA-256：{x.evidence_hash[:16]}…）" for x in history.all(e.EvidenceCollected)]
    items += [f"询问笔录（{x.person}，SHA-256：{x.record_hash[:16]}…）" for x in history.all(e.InquiryRecorded)]
    items += [f"现场笔录（{x.place}，SHA-256：{x.record_hash[:16]}…）" for x in history.all(e.SiteRecorded)]
    return "；".join(f"{n}. {item}" for n, item in enumerate(items, start=1))


def _proposal(history: History) -> Proposal | None:
    reviewed = history.latest(e.StatementReviewed)
    if reviewed is not None and reviewed.revised_proposal is not None:
        return reviewed.revised_proposal
    report = history.latest(e.InvestigationReportSubmitted)
    return report.proposal if report else None


def _report(history: History, reference: ReferenceData) -> Fields:
    report = history.latest(e.InvestigationReportSubmitted)
    proposal = _proposal(history)
    return {
        "findings": report.findings if report else "",
        "grounds": proposal.grounds if proposal else "",
        "proposed_penalty": w.penalty(proposal.sanctions, proposal.fine_amount_fen) if proposal else "",
        "reported_by": w.names(reference, report.actors[:1]) if report else "",
        "reported_on": w.day(report.occurred_at) if report else "",
    }


def _notice(history: History) -> Fields:
    notice = history.latest(e.PriorNoticeServed)
    if notice is None:
        return {"notice_no": "", "notice_on": "", "notice_penalty": "", "statement_ends_on": "",
                "hearing_ends_on": ""}
    return {
        "notice_no": notice.notice_no,
        "notice_on": w.day(notice.occurred_at),
        "notice_penalty": w.penalty(notice.proposal.sanctions, notice.proposal.fine_amount_fen),
        "statement_ends_on": w.day(notice.statement_window_ends_on),
        # APL 63/64: only a notice that gives the right to a hearing states its five-working-day window
        "hearing_ends_on": w.day(notice.hearing_request_ends_on) if notice.hearing_rights else "",
    }


def _review(history: History, reference: ReferenceData) -> Fields:
    review = history.latest(e.LegalReviewCompleted)
    requested = history.latest(e.LegalReviewRequested)
    if review is None:
        return {"review_outcome": "", "review_opinion": "", "reviewer": "", "reviewed_on": "",
                "review_requested_on": ""}
    return {"review_outcome": w.REVIEW_OUTCOMES[review.outcome], "review_opinion": review.opinion,
            "reviewer": w.names(reference, [review.reviewer]), "reviewed_on": w.day(review.occurred_at),
            "review_requested_on": w.day(requested.occurred_at) if requested else ""}


def _decision(history: History, reference: ReferenceData) -> Fields:
    decision = history.latest(e.DecisionMade)
    issued = history.latest(e.DecisionDocumentIssued)
    statements = history.latest(e.StatementReceived)
    reviewed = history.latest(e.StatementReviewed)
    fields: Fields = {
        "decided_on": w.day(decision.occurred_at) if decision else "",
        "decided_by": w.names(reference, decision.actors[:1]) if decision else "",
        "document_no": issued.document_no if issued else "",
        "issued_on": w.day(issued.occurred_at) if issued else "",
        "statement": "；".join(statements.points) if statements else "",
        "statement_review": "；".join(f"{r.point}：{'予以采纳' if r.adopted else '不予采纳'}，{r.reason}"
                                      for r in reviewed.reviews) if reviewed else "",
        "penalty": "", "fine_figures": "", "fine_capitals": "", "no_penalty_ground": "",
    }
    if decision is not None and decision.decision_type is DecisionType.PENALTY:
        fields |= {"penalty": w.penalty(decision.sanctions, decision.fine_fen),
                   "fine_figures": figures(decision.fine_fen), "fine_capitals": capitals(decision.fine_fen)}
    if decision is not None and decision.no_penalty_ground is not None:
        fields["no_penalty_ground"] = w.NO_PENALTY_GROUNDS[decision.no_penalty_ground]
    return fields


def _service(history: History, reference: ReferenceData) -> Fields:
    served = history.latest(e.DecisionServed)
    if served is None:
        return {"served_on": "", "service_method": "", "recipient": "", "served_by": "", "payment_due_on": ""}
    return {"served_on": w.day(served.occurred_at), "service_method": w.SERVICE_METHODS[served.method],
            "recipient": served.recipient, "served_by": w.names(reference, served.actors),
            "payment_due_on": w.day(served.payment_due_on)}
