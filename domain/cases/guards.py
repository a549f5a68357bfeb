"""The rules a general-procedure case checks besides its transition table: the decision guards (invariant 2),
the people rules (invariant 8), recusal, and what may be decided at all (invariants 5 and 6).

Every rejection names its rule, the field at fault and the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.cases.commands import MakeDecision
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.proposal import DecisionType, Proposal, is_heavier
from domain.cases.state import CaseState
from domain.errors import DomainError, RuleViolation, ValidationError
from domain.reference import ReferenceData, Role


def decision_blockers(state: CaseState, on: date) -> tuple[RuleViolation, ...]:
    """Everything that still stands between the case and a decision made on `on`, in procedural order."""
    proposal, assessment = state.proposal, state.assessment
    if proposal is None or assessment is None:
        return (RuleViolation("no decision before the investigation report", rule="INVESTIGATION_REPORT",
                              field="proposal", article="APL 57"),)
    found: list[RuleViolation] = []
    if proposal.decision_type is DecisionType.PENALTY:
        found.extend(_notice_blockers(state, proposal, on))
    found.extend(_review_blockers(state, assessment.legal_review_required, assessment.proposal_hash))
    if assessment.collective_required and state.discussion_hash != assessment.proposal_hash:
        held = " (held on an earlier proposal)" if state.discussion_hash else ""
        found.append(RuleViolation(f"the principals' collective discussion of this proposal is required{held}",
                                   rule="COLLECTIVE_DISCUSSION", field="proposal_hash", article="APL 57"))
    ground = proposal.no_penalty_ground
    if proposal.decision_type is DecisionType.NO_PENALTY and ground is not None and ground.requires_education \
            and state.education_given_at is None:
        found.append(RuleViolation(f"no penalty on ground {ground.value} requires the party to be educated first",
                                   rule="EDUCATION_GIVEN", field="no_penalty_ground", article="APL 33"))
    return tuple(found)


def _notice_blockers(state: CaseState, proposal: Proposal, on: date) -> list[RuleViolation]:
    notice = state.notice
    if notice is None:
        return [RuleViolation("no penalty decision before the prior notice is served", rule="PRIOR_NOTICE",
                              field="notice", article="APL 44")]
    found: list[RuleViolation] = []
    if is_heavier(proposal, notice.proposal):
        found.append(RuleViolation("the proposal is heavier than the one the party was notified of; serve a new "
                                   "prior notice", rule="RENOTICE_REQUIRED", field="proposal", article="APL 45"))
    window = state.clocks.get("D9")
    closed = state.statement_waived or state.statement_window_expired or (window is not None and on > window.due_on)
    if not closed:
        ends = f"; window ends {window.due_on.isoformat()}" if window else ""
        found.append(RuleViolation(f"no decision before the statement window closes or is waived{ends}",
                                   rule="STATEMENT_WINDOW", field="occurred_at", article="APL 62"))
    if state.statement_points_pending:
        found.append(RuleViolation("the party's statement is not yet reviewed point by point",
                                   rule="STATEMENT_REVIEWED", field="statement", article="APL 45"))
    if state.hearing is not None and state.hearing.ended_at is None:
        found.append(RuleViolation("no decision while a requested hearing has not ended", rule="HEARING_ENDED",
                                   field="hearing", article="APL 65"))
    return found


def _review_blockers(state: CaseState, required: bool, current: str) -> list[RuleViolation]:
    review = state.legal_review
    if review is not None and review.proposal_hash == current and review.outcome is not LegalReviewOutcome.APPROVED:
        return [RuleViolation(f"the legal review of this proposal ended {review.outcome.value}",
                              rule="LEGAL_REVIEW_APPROVED", field="proposal_hash", article="APL 58")]
    if not required or (review is not None and review.proposal_hash == current):
        return []
    if review is not None and review.outcome is LegalReviewOutcome.APPROVED:
        reason = (f"the legal review approved proposal {review.proposal_hash[:12]}…, not the current proposal "
                  f"{current[:12]}…")
    else:
        reason = "the required legal review has not approved the proposal"
    return [RuleViolation(reason, rule="LEGAL_REVIEW_APPROVED", field="proposal_hash", article="APL 58")]


def require_decision_allowed(state: CaseState, on: date) -> None:
    blockers = decision_blockers(state, on)
    if blockers:
        raise blockers[0]


_COMPARED = ("decision_type", "fine_amount_fen", "modifier", "no_penalty_ground", "soft_list_item_id",
             "soft_outcome")


def require_decision_follows_proposal(state: CaseState, cmd: MakeDecision) -> None:
    """The principal decides on the proposal the review, the notice and the discussion saw (its hash)."""
    proposal = state.proposal
    if proposal is None:
        return
    differences = [f"{name}: {_text(getattr(cmd, name))} ≠ proposed {_text(getattr(proposal, name))}"
                   for name in _COMPARED if getattr(cmd, name) != getattr(proposal, name)]
    if sorted(cmd.sanctions) != sorted(proposal.sanctions):
        differences.append(f"sanctions: {_text(sorted(cmd.sanctions))} ≠ proposed {_text(sorted(proposal.sanctions))}")
    if differences:
        raise RuleViolation(f"the decision differs from the proposal ({'; '.join(differences)}); revise the report "
                            "first", rule="DECISION_FOLLOWS_PROPOSAL", field="decision", article="APL 57")


def _text(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(getattr(value, "value", value))


def require_not_case_lead(state: CaseState, reviewer: str) -> None:
    """Invariant 8: the legal reviewer is never the case lead."""
    if reviewer == state.case_lead:
        raise RuleViolation(f"the legal reviewer {reviewer} is the case lead", rule="REVIEWER_NOT_CASE_LEAD",
                            field="actors", article="APL 58")


def require_independent_reviewer(state: CaseState, reviewer: str) -> None:
    """Invariant 8 (APL 58): the legal review is independent of the investigation, so no one of the case team —
    an officer the filing names or anyone who acted in the verification or investigation — reviews the case."""
    if reviewer in state.officers or reviewer in state.investigators:
        raise RuleViolation(f"the legal reviewer {reviewer} is on this case's team (named in the filing or acting "
                            "in its investigation)", rule="REVIEWER_INDEPENDENT", field="actors", article="APL 58")


def require_not_investigator(state: CaseState, host: str, *, field: str) -> None:
    """Invariant 8: the hearing host never investigated the case."""
    if host in state.investigators:
        raise RuleViolation(f"the hearing host {host} investigated this case", rule="HOST_NOT_INVESTIGATOR",
                            field=field, article="APL 64")


def require_not_recused(state: CaseState, actors: Sequence[str]) -> None:
    recused = [a for a in actors if a in state.recused]
    if recused:
        raise RuleViolation(f"recused officers may not act on the case: {', '.join(recused)}",
                            rule="RECUSED_OFFICER", field="actors", article="APL 43")


def require_principals(actors: Sequence[str], reference: ReferenceData, *, at_least: int) -> None:
    others = [a for a in actors if (o := reference.officer(a)) is None or not o.has_role(Role.PRINCIPAL)]
    if others or len(set(actors)) < at_least:
        detail = f"; not principals: {', '.join(others)}" if others else ""
        raise RuleViolation(f"a collective discussion is held by at least {at_least} principals{detail}",
                            rule="COLLECTIVE_PRINCIPALS", field="actors", article="APL 57")


def refield(error: DomainError, field: str) -> DomainError:
    """The same rejection, naming the command's own field (shared checks name `actors`)."""
    return type(error)(error.reason, rule=error.rule, field=field, article=error.article)


def require_text(value: str, *, field: str, what: str) -> None:
    if not value.strip():
        raise ValidationError(f"{what} is required", rule="REQUIRED", field=field)
