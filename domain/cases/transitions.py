"""The general procedure's transitions as data (DOMAIN.md §2, rows 1–16).

Each row says which command is allowed from which statuses, which event it records, the status it leads to
(`None`: it stays, or — with a `Branch` — a field of the event decides), the role the first actor must hold,
whether it is a field action needing two certified officers (APL 42), and the governing article.
`domain.tasks.admit` checks a command against `TRANSITIONS`; `GeneralCaseDecider.evolve` moves the status by
`target_of`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from domain.cases import commands as c
from domain.cases import events as e
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.status import (
    AFTER_REPORT,
    BEFORE_DECISION,
    BEFORE_FILING,
    DECIDED_STATUSES,
    EXECUTING,
    FILED_UNDECIDED,
    CaseStatus,
)
from domain.messages import Command, Event
from domain.reference import Role
from domain.tasks import Transition, table

S = CaseStatus


@dataclass(frozen=True)
class Branch:
    """The target status is read from a field of the event (keys are the field's value as text)."""

    on: str
    targets: Mapping[str, CaseStatus] = field(default_factory=dict)

    def target(self, event: Event) -> CaseStatus | None:
        value = getattr(event, self.on)
        key = value.value if isinstance(value, enum.Enum) else str(value)
        return self.targets.get(key)


@dataclass(frozen=True)
class CaseRow:
    transition: Transition[CaseStatus]
    event: type[Event]
    branch: Branch | None = None


def _row(
    command: type[Command],
    event: type[Event],
    sources: frozenset[CaseStatus],
    target: CaseStatus | Branch | None,
    role: Role,
    article: str | None,
    *,
    field_action: bool = False,
    system_allowed: bool = False,
) -> CaseRow:
    branch = target if isinstance(target, Branch) else None
    status = target if isinstance(target, CaseStatus) else None
    return CaseRow(Transition(command, frozenset(sources), status, role, article, field_action, system_allowed),
                   event, branch)


def _only(*statuses: CaseStatus) -> frozenset[CaseStatus]:
    return frozenset(statuses)


REVIEW_BRANCH = Branch("outcome", {
    LegalReviewOutcome.APPROVED.value: S.REVIEW_APPROVED,
    LegalReviewOutcome.SUPPLEMENT_INVESTIGATION.value: S.INVESTIGATING,
    LegalReviewOutcome.REVISE.value: S.INVESTIGATION_CONCLUDED,
    LegalReviewOutcome.REFER_OUT.value: S.REFERRAL_RECOMMENDED,
    LegalReviewOutcome.NOT_PASSED.value: S.REVIEW_NOT_PASSED,
})
PAYMENT_BRANCH = Branch("settles", {"True": S.PERFORMED})

_REVIEWABLE = AFTER_REPORT - {S.LEGAL_REVIEW, S.REVIEW_NOT_PASSED, S.REFERRAL_RECOMMENDED}
_HEARING_OPEN = _only(S.HEARING_REQUESTED, S.HEARING_NOTIFIED)
_INVESTIGATING_OR_LATER = FILED_UNDECIDED - {S.FILED}

OFF, P, LEAD, LR, HOST = Role.OFFICER, Role.PRINCIPAL, Role.CASE_LEAD, Role.LEGAL_REVIEWER, Role.HEARING_HOST

ROWS: tuple[CaseRow, ...] = (
    # 1–4 lead, verification, refusal, transfer, filing
    _row(c.RegisterLead, e.LeadRegistered, _only(S.NEW), S.LEAD_REGISTERED, OFF, "APL 54"),
    _row(c.StartVerification, e.VerificationStarted, _only(S.LEAD_REGISTERED), S.VERIFYING, OFF, "APL 54",
         field_action=True),
    _row(c.RefuseFiling, e.FilingRefused, BEFORE_FILING, S.NOT_FILED, P, "APL 54"),
    _row(c.TransferToAgency, e.TransferredToAgency, BEFORE_DECISION, S.TRANSFERRED_OUT, P, "APL 22"),
    _row(c.FileCase, e.CaseFiled, BEFORE_FILING, S.FILED, P, "APL 54"),
    # 5 investigation
    _row(c.StartInvestigation, e.InvestigationStarted, _only(S.FILED), S.INVESTIGATING, OFF, "APL 54"),
    _row(c.CollectEvidence, e.EvidenceCollected, _only(S.INVESTIGATING), None, OFF, "APL 55", field_action=True),
    _row(c.RecordInquiry, e.InquiryRecorded, _only(S.INVESTIGATING), None, OFF, "APL 55", field_action=True),
    _row(c.RecordSite, e.SiteRecorded, _only(S.INVESTIGATING), None, OFF, "APL 55", field_action=True),
    _row(c.PreserveEvidence, e.EvidencePreserved, _only(S.INVESTIGATING), None, OFF, "APL 56", field_action=True),
    _row(c.DecidePreservedEvidence, e.PreservedEvidenceDecided, _INVESTIGATING_OR_LATER, None, P, "APL 56"),
    _row(c.ApplyCoerciveMeasure, e.CoerciveMeasureApplied, _only(S.INVESTIGATING), None, OFF, "ACL 18",
         field_action=True),
    _row(c.ReleaseCoerciveMeasure, e.CoerciveMeasureReleased, _INVESTIGATING_OR_LATER | DECIDED_STATUSES, None, OFF,
         "ACL 28", field_action=True),
    _row(c.RequestRecusal, e.RecusalRequested, FILED_UNDECIDED, None, OFF, "APL 43"),
    _row(c.DecideRecusal, e.RecusalDecided, FILED_UNDECIDED, None, P, "APL 43"),
    # 6 report
    _row(c.SubmitInvestigationReport, e.InvestigationReportSubmitted,
         _only(S.INVESTIGATING, S.INVESTIGATION_CONCLUDED, S.REVIEW_NOT_PASSED), S.INVESTIGATION_CONCLUDED, LEAD,
         "APL 57"),
    # 7 legal review
    _row(c.RequestLegalReview, e.LegalReviewRequested, _REVIEWABLE - _HEARING_OPEN, S.LEGAL_REVIEW, LEAD, "APL 58"),
    _row(c.CompleteLegalReview, e.LegalReviewCompleted, _only(S.LEGAL_REVIEW), REVIEW_BRANCH, LR, "APL 58"),
    # 8–9 prior notice, statement
    _row(c.ServePriorNotice, e.PriorNoticeServed,
         _only(S.INVESTIGATION_CONCLUDED, S.REVIEW_APPROVED, S.STATEMENT_REVIEW, S.HEARING_CONCLUDED,
               S.COLLECTIVE_DISCUSSION), S.NOTICE_SERVED, OFF, "APL 44", field_action=True),
    _row(c.ReceiveStatement, e.StatementReceived, _only(S.NOTICE_SERVED, S.STATEMENT_REVIEW, S.REVIEW_APPROVED),
         S.STATEMENT_REVIEW, OFF, "APL 45"),
    _row(c.WaiveStatement, e.StatementWaived, _only(S.NOTICE_SERVED, S.STATEMENT_REVIEW, S.REVIEW_APPROVED),
         S.STATEMENT_REVIEW, OFF, "APL 45"),
    _row(c.RecordStatementWindowExpired, e.StatementWindowExpired,
         _only(S.NOTICE_SERVED, S.STATEMENT_REVIEW, S.REVIEW_APPROVED), S.STATEMENT_REVIEW, OFF, "APL 62",
         system_allowed=True),
    _row(c.ReviewStatement, e.StatementReviewed, _only(S.STATEMENT_REVIEW), None, LEAD, "APL 45"),
    # 10 hearing
    _row(c.RequestHearing, e.HearingRequested, _only(S.NOTICE_SERVED, S.STATEMENT_REVIEW, S.REVIEW_APPROVED),
         S.HEARING_REQUESTED, OFF, "APL 64"),
    _row(c.ServeHearingNotice, e.HearingNoticeServed, _only(S.HEARING_REQUESTED), S.HEARING_NOTIFIED, OFF, "APL 64",
         field_action=True),
    _row(c.HoldHearing, e.HearingHeld, _only(S.HEARING_NOTIFIED), S.HEARING_CONCLUDED, HOST, "APL 64"),
    _row(c.RecordPartyAbsent, e.PartyAbsentFromHearing, _only(S.HEARING_NOTIFIED), S.HEARING_CONCLUDED, HOST,
         "APL 65"),
    # 11 collective discussion; education before a no-penalty decision; extension of the decision deadline
    _row(c.HoldCollectiveDiscussion, e.CollectiveDiscussionHeld, _REVIEWABLE - _HEARING_OPEN,
         S.COLLECTIVE_DISCUSSION, P, "APL 57"),
    _row(c.GiveEducation, e.EducationGiven, _INVESTIGATING_OR_LATER, None, OFF, "APL 33", field_action=True),
    _row(c.ExtendDecisionDeadline, e.DecisionDeadlineExtended, FILED_UNDECIDED, None, P, "APL 60"),
    # 12–13 decision, document, service, disclosure
    _row(c.MakeDecision, e.DecisionMade, AFTER_REPORT - {S.REVIEW_NOT_PASSED, S.REFERRAL_RECOMMENDED}, S.DECIDED, P,
         "APL 57"),
    _row(c.IssueDecisionDocument, e.DecisionDocumentIssued, _only(S.DECIDED), S.DOCUMENT_ISSUED, OFF, "APL 59"),
    _row(c.ServeDecision, e.DecisionServed, _only(S.DOCUMENT_ISSUED), S.SERVED, OFF, "APL 61", field_action=True),
    _row(c.RecordDecisionDisclosure, e.DecisionDisclosureRecorded, DECIDED_STATUSES, None, OFF, "APL 48"),
    # 14–15 payment, enforcement, closure, archive
    _row(c.RecordPaymentDeadlinePassed, e.PaymentDeadlinePassed, _only(S.SERVED), S.PAYMENT_OVERDUE, OFF, "APL 72",
         system_allowed=True),
    _row(c.ApproveDeferral, e.DeferralApproved, _only(S.SERVED), None, P, "APL 66"),
    _row(c.ApproveInstallments, e.InstallmentApproved, _only(S.SERVED), None, P, "APL 66"),
    _row(c.ServeEnforcementDemand, e.EnforcementDemandServed, _only(S.PAYMENT_OVERDUE), S.DEMAND_SERVED, OFF, "ACL 54",
         field_action=True),
    _row(c.ApplyCourtEnforcement, e.CourtEnforcementApplied, _only(S.DEMAND_SERVED), S.COURT_ENFORCEMENT, P,
         "ACL 53"),
    _row(c.ReceivePayment, e.PaymentReceived, EXECUTING, PAYMENT_BRANCH, OFF, "APL 67"),
    _row(c.VerifyObligationPerformed, e.ObligationPerformedVerified, EXECUTING, S.PERFORMED, OFF, "APL 72"),
    _row(c.CloseCase, e.CaseClosed, EXECUTING | {S.DECIDED, S.PERFORMED}, S.CLOSED, P, "APL 57"),
    _row(c.ArchiveCase, e.CaseArchived, _only(S.CLOSED), S.ARCHIVED, OFF, "APL 47"),
    # 16 ending before a decision
    _row(c.WithdrawFiling, e.FilingWithdrawn, FILED_UNDECIDED, S.WITHDRAWN, P, "APL 57"),
    _row(c.ProposeCriminalTransfer, e.CriminalTransferProposed, BEFORE_DECISION, None, OFF, "CTR"),
    _row(c.ApproveCriminalTransfer, e.CriminalTransferApproved, BEFORE_DECISION, S.CRIMINAL_TRANSFER, P, "CTR"),
    _row(c.TransferCaseToPolice, e.CaseTransferredToPolice, _only(S.CRIMINAL_TRANSFER), None, P, "CTR"),
    # reconsideration and litigation against a decided case
    _row(c.FileReconsideration, e.ReconsiderationFiled, DECIDED_STATUSES, None, OFF, "ARL 20"),
    _row(c.DecideReconsideration, e.ReconsiderationDecided, DECIDED_STATUSES, None, OFF, "ARL 68"),
    _row(c.FileLitigation, e.LitigationFiled, DECIDED_STATUSES, None, OFF, "ALL 46"),
    _row(c.JudgeLitigation, e.LitigationJudged, DECIDED_STATUSES, None, OFF, "ALL 69"),
    _row(c.AppealLitigation, e.LitigationAppealed, DECIDED_STATUSES, None, OFF, "ALL 85"),
)

TRANSITIONS = table(*(r.transition for r in ROWS))

_BY_EVENT: dict[type[Event], CaseRow] = {r.event: r for r in ROWS}


def target_of(event: Event) -> CaseStatus | None:
    """The status `event` leads to, or None when it leaves the status as it is (clock events, stays)."""
    row = _BY_EVENT.get(type(event))
    if row is None:
        return None
    if row.branch is not None:
        return row.branch.target(event)
    return row.transition.target
