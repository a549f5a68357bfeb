"""Row 16: withdrawal and criminal transfer before a decision (CTR: decide in 3 days, transfer in 24 hours)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.cases import commands as c
from domain.cases.events import CaseTransferredToPolice, CriminalTransferApproved, FilingWithdrawn
from domain.cases.status import BEFORE_DECISION, FILED_UNDECIDED, CaseStatus
from domain.deadlines.clock_events import ClockStatus, DeadlineBreached
from domain.errors import InvalidTransition
from tests.domain.cases.builder import drive
from tests.domain.cases.fixtures import CASE_LEAD, PRINCIPAL, at

PRE_DECISION_STOPS = [CaseStatus.FILED, CaseStatus.INVESTIGATING, CaseStatus.INVESTIGATION_CONCLUDED,
                      CaseStatus.LEGAL_REVIEW, CaseStatus.REVIEW_APPROVED, CaseStatus.NOTICE_SERVED,
                      CaseStatus.STATEMENT_REVIEW]


@pytest.mark.parametrize("status", PRE_DECISION_STOPS)
def test_a_filing_is_withdrawn_from_any_status_before_the_decision(status: CaseStatus) -> None:
    case = drive(status)
    events = case.do(c.WithdrawFiling(occurred_at=at(10, 10), actors=(PRINCIPAL,), reason="不构成违法"))
    assert isinstance(events[0], FilingWithdrawn)
    assert case.state.status is CaseStatus.WITHDRAWN
    assert all(clock.status is not ClockStatus.RUNNING for clock in case.state.clocks.values())


@pytest.mark.parametrize("status", [CaseStatus.DECIDED, CaseStatus.SERVED, CaseStatus.CLOSED])
def test_a_filing_cannot_be_withdrawn_after_the_decision(status: CaseStatus) -> None:
    case = drive(status)
    error = case.reject(c.WithdrawFiling(occurred_at=at(10, 25), actors=(PRINCIPAL,), reason="x"))
    assert isinstance(error, InvalidTransition) and error.rule == "TRANSITION"
    assert f"WithdrawFiling is not allowed in GENERAL status {status.value}; allowed from" in error.message
    assert all(s.value in error.message for s in FILED_UNDECIDED)


def test_a_criminal_transfer_is_decided_within_three_days_and_handed_to_the_police_within_24_hours() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    case.do(c.ProposeCriminalTransfer(occurred_at=at(9, 8), actors=(CASE_LEAD,), reason="涉嫌非法经营罪"))
    assert case.state.clocks["D28"].due_on == date(2025, 9, 11)
    events = case.do(c.ApproveCriminalTransfer(occurred_at=at(9, 10), actors=(PRINCIPAL,), reason="涉嫌非法经营罪"))
    assert isinstance(events[0], CriminalTransferApproved)
    assert case.state.status is CaseStatus.CRIMINAL_TRANSFER
    assert case.state.clocks["D28"].status is ClockStatus.SATISFIED
    assert case.state.clocks["D7"].status is ClockStatus.CANCELLED
    assert case.state.clocks["D28T"].due_on == date(2025, 9, 11)
    done = case.do(c.TransferCaseToPolice(occurred_at=at(9, 11), actors=(PRINCIPAL,), police_unit="西青公安分局",
                                          letter_no="移〔2025〕1号"))
    assert isinstance(done[0], CaseTransferredToPolice)
    assert case.state.clocks["D28T"].status is ClockStatus.SATISFIED
    assert case.state.status is CaseStatus.CRIMINAL_TRANSFER and case.state.transferred_to_police_at == at(9, 11)


def test_a_late_criminal_transfer_decision_breaches_d28() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    case.do(c.ProposeCriminalTransfer(occurred_at=at(9, 8), actors=(CASE_LEAD,), reason="涉嫌犯罪"))
    events = case.do(c.ApproveCriminalTransfer(occurred_at=at(9, 15), actors=(PRINCIPAL,), reason="涉嫌犯罪"))
    assert [e.clock_key for e in events if isinstance(e, DeadlineBreached)] == ["D28"]


def test_a_lead_may_go_to_the_police_before_it_is_filed() -> None:
    case = drive(CaseStatus.VERIFYING)
    case.do(c.ApproveCriminalTransfer(occurred_at=at(9, 3), actors=(PRINCIPAL,), reason="涉嫌犯罪"))
    assert case.state.status is CaseStatus.CRIMINAL_TRANSFER
    assert CaseStatus.VERIFYING in BEFORE_DECISION


def test_a_criminal_transfer_after_the_decision_is_not_this_route() -> None:
    case = drive(CaseStatus.DECIDED)
    error = case.reject(c.ApproveCriminalTransfer(occurred_at=at(10, 15), actors=(PRINCIPAL,), reason="x"))
    assert isinstance(error, InvalidTransition) and error.article == "CTR"
