"""What a case is waiting for and from whom: the officers' task list entries of a general-procedure case."""

from __future__ import annotations

from datetime import date

from domain.cases.guards import decision_blockers
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.state import CaseState
from domain.cases.status import AFTER_REPORT, CaseStatus
from domain.deadlines.clock_events import ACTIVE
from domain.reference import Role
from domain.tasks import NextStep

S = CaseStatus
OFF, P, LEAD, LR, HOST = Role.OFFICER, Role.PRINCIPAL, Role.CASE_LEAD, Role.LEGAL_REVIEWER, Role.HEARING_HOST


def _due(state: CaseState, key: str) -> date | None:
    clock = state.clocks.get(key)
    return clock.due_on if clock is not None and clock.status in ACTIVE else None


def _step(state: CaseState, step: str, role: Role, key: str | None) -> NextStep:
    """The step, answering clock `key` (its due date while the clock runs)."""
    return NextStep(step, role, _due(state, key) if key else None, key)


# What the first unmet decision guard asks for.
_FOR_BLOCKER: dict[str, tuple[str, Role, str | None]] = {
    "PRIOR_NOTICE": ("ServePriorNotice", OFF, None),
    "RENOTICE_REQUIRED": ("ServePriorNotice", OFF, None),
    "STATEMENT_WINDOW": ("RecordStatementWindowExpired", OFF, "D9"),
    "STATEMENT_REVIEWED": ("ReviewStatement", LEAD, None),
    "COLLECTIVE_DISCUSSION": ("HoldCollectiveDiscussion", P, "D7"),
    "EDUCATION_GIVEN": ("GiveEducation", OFF, None),
}

_SIMPLE: dict[CaseStatus, tuple[tuple[str, Role, str | None], ...]] = {
    S.LEAD_REGISTERED: (("StartVerification", OFF, "D2"), ("FileCase", P, "D2")),
    S.VERIFYING: (("FileCase", P, "D2"),),
    S.FILED: (("StartInvestigation", OFF, "D7"),),
    S.INVESTIGATING: (("SubmitInvestigationReport", LEAD, "D7"),),
    S.LEGAL_REVIEW: (("CompleteLegalReview", LR, "D8"),),
    S.REVIEW_NOT_PASSED: (("SubmitInvestigationReport", LEAD, "D7"), ("WithdrawFiling", P, None)),
    S.REFERRAL_RECOMMENDED: (("TransferToAgency", P, None), ("ApproveCriminalTransfer", P, None)),
    S.HEARING_REQUESTED: (("ServeHearingNotice", OFF, None),),
    S.HEARING_NOTIFIED: (("HoldHearing", HOST, None),),
    S.DECIDED: (("IssueDecisionDocument", OFF, "D12"),),
    S.DOCUMENT_ISSUED: (("ServeDecision", OFF, "D12"),),
    S.PAYMENT_OVERDUE: (("ServeEnforcementDemand", OFF, None),),
    S.DEMAND_SERVED: (("ApplyCourtEnforcement", P, "D24"),),
    S.COURT_ENFORCEMENT: (("VerifyObligationPerformed", OFF, None),),
    S.PERFORMED: (("CloseCase", P, None),),
    S.CLOSED: (("ArchiveCase", OFF, None),),
}


def next_steps(state: CaseState) -> tuple[NextStep, ...]:
    """The steps waiting on the case, each with the role that takes it and its due date where a clock runs."""
    simple = _SIMPLE.get(state.status, ())
    steps = [_step(state, step, role, key) for step, role, key in simple]
    if state.status in AFTER_REPORT and state.status not in _SIMPLE:
        steps.extend(_towards_decision(state))
    if state.status in (S.SERVED,):
        steps.extend(_while_served(state))
    if state.status is S.CRIMINAL_TRANSFER and state.transferred_to_police_at is None:
        steps.append(_step(state, "TransferCaseToPolice", P, "D28T"))
    if state.criminal_transfer_proposed_at is not None and state.status not in (S.CRIMINAL_TRANSFER,):
        steps.append(_step(state, "ApproveCriminalTransfer", P, "D28"))
    steps.extend(_side_tasks(state))
    return tuple(steps)


def _towards_decision(state: CaseState) -> list[NextStep]:
    """One step per unmet decision guard (they may be met in the order the town practises); the decision itself
    once none is left."""
    assessment = state.assessment
    if assessment is None:
        return []
    found: list[NextStep] = []
    for blocker in decision_blockers(state, date.min):
        rule = blocker.rule or ""
        if rule == "LEGAL_REVIEW_APPROVED":
            review = state.legal_review
            if review is None or review.proposal_hash != assessment.proposal_hash \
                    or review.outcome is LegalReviewOutcome.APPROVED:
                found.append(NextStep("RequestLegalReview", LEAD, None))
        elif rule in _FOR_BLOCKER:
            step, role, key = _FOR_BLOCKER[rule]
            found.append(_step(state, step, role, key))
    unique = list(dict.fromkeys(found))
    return unique or [_step(state, "MakeDecision", P, "D7")]


def _while_served(state: CaseState) -> list[NextStep]:
    if state.fine_fen > 0 and not state.performed:
        return [NextStep("ReceivePayment", OFF, state.payment_due_on, "D15")]
    return [NextStep("CloseCase", P, None)]


def _side_tasks(state: CaseState) -> list[NextStep]:
    steps = [_step(state, "DecidePreservedEvidence", P, f"D4:{p}") for p in sorted(state.open_preservations)]
    steps += [NextStep("DecideRecusal", P, None) for _ in sorted(state.pending_recusals)][:1]
    for key in ("D17", "D17B"):
        if _due(state, key) is not None and not state.disclosed:
            steps.append(_step(state, "RecordDecisionDisclosure", OFF, key))
    if state.disclosure_withdrawal_due:
        steps.append(NextStep("WithdrawDisclosure", OFF, None))
    return steps
