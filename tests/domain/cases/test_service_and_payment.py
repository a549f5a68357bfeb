"""Rows 13–15: decision document, service (D12; starts D15, D17, D19, D23), disclosure, payment, late payment,
deferral and instalments (APL 66), demand and court enforcement (ACL 53/54), closure and archive."""

from __future__ import annotations

from datetime import date

from domain.cases import commands as c
from domain.cases.events import DecisionServed, PaymentDeadlinePassed, PaymentReceived
from domain.cases.payments import Installment, PaymentChannel
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import ClockStatus, DeadlineBreached, DeadlineStarted
from domain.errors import InvalidTransition, RuleViolation, ValidationError
from domain.messages import SYSTEM_ACTOR
from domain.values import ServiceMethod, yuan
from tests.domain.cases.builder import PAIR, CaseUnderTest, drive
from tests.domain.cases.fixtures import AUXILIARY, CASE_LEAD, PRINCIPAL, at


def pay(amount: int, when: tuple[int, int] | tuple[int, int, int], *, year: int = 2025) -> c.ReceivePayment:
    return c.ReceivePayment(occurred_at=at(*when, year=year), actors=(CASE_LEAD,), amount_fen=amount,
                            channel=PaymentChannel.BANK)


def overdue() -> CaseUnderTest:
    case = drive(CaseStatus.SERVED)
    case.do(c.RecordPaymentDeadlinePassed(occurred_at=at(10, 31, 0, 5), actors=(SYSTEM_ACTOR,)))
    return case


def test_the_decision_not_handed_over_on_the_spot_is_served_within_seven_working_days() -> None:
    case = drive(CaseStatus.DECIDED)
    assert case.state.clocks["D12"].due_on == date(2025, 10, 23)
    case.do(c.IssueDecisionDocument(occurred_at=at(10, 24), actors=(CASE_LEAD,), document_no="罚〔2025〕12号"))
    events = case.do(c.ServeDecision(occurred_at=at(10, 24, 11), actors=PAIR, method=ServiceMethod.MAIL))
    assert [e.clock_key for e in events if isinstance(e, DeadlineBreached)] == ["D12"]
    assert case.state.status is CaseStatus.SERVED


def test_service_starts_payment_disclosure_reconsideration_and_litigation_windows() -> None:
    case = drive(CaseStatus.SERVED)
    served = next(e for e in case.events if isinstance(e, DecisionServed))
    assert served.payment_due_on == date(2025, 10, 30) and served.method is ServiceMethod.DIRECT
    started = {e.deadline_id: e.due_on for e in case.events if isinstance(e, DeadlineStarted)
               and e.occurred_at == served.occurred_at}
    assert started == {"D15": date(2025, 10, 30), "D17": date(2025, 10, 24), "D19": date(2025, 12, 15),
                       "D23": date(2026, 4, 15)}
    assert case.state.clocks["D12"].status is ClockStatus.SATISFIED


def test_service_needs_two_certified_officers_and_an_issued_document() -> None:
    case = drive(CaseStatus.DECIDED)
    early = c.ServeDecision(occurred_at=at(10, 15), actors=PAIR, method=ServiceMethod.DIRECT)
    assert isinstance(case.reject(early), InvalidTransition)
    case.do(c.IssueDecisionDocument(occurred_at=at(10, 14, 15), actors=(CASE_LEAD,), document_no="罚〔2025〕12号"))
    error = case.reject(c.ServeDecision(occurred_at=at(10, 15), actors=(CASE_LEAD, AUXILIARY),
                                        method=ServiceMethod.DIRECT))
    assert (error.rule, error.article) == ("TWO_CERTIFIED_OFFICERS", "APL 42")


def test_a_decision_handed_over_on_the_spot_starts_no_service_clock() -> None:
    case = drive(CaseStatus.STATEMENT_REVIEW, stop_after=13)
    p = case.state.proposal
    assert p is not None
    case.do(c.MakeDecision(occurred_at=at(10, 14), actors=(PRINCIPAL,), decision_type=p.decision_type,
                           sanctions=p.sanctions, fine_amount_fen=p.fine_amount_fen, party_present=True))
    assert "D12" not in case.state.clocks


def test_disclosure_is_recorded_once_and_satisfies_d17() -> None:
    case = drive(CaseStatus.SERVED)
    case.do(c.RecordDecisionDisclosure(occurred_at=at(10, 20), actors=(CASE_LEAD,), channel="区政府网站"))
    assert case.state.disclosed and case.state.clocks["D17"].status is ClockStatus.SATISFIED
    again = c.RecordDecisionDisclosure(occurred_at=at(10, 21), actors=(CASE_LEAD,), channel="信用平台")
    assert case.reject(again).rule == "DISCLOSED_ONCE"


def test_a_partial_payment_leaves_the_case_executing_and_the_rest_settles_it() -> None:
    case = drive(CaseStatus.SERVED)
    first = case.do(pay(yuan(200), (10, 20)))
    assert isinstance(first[0], PaymentReceived) and not first[0].settles
    assert case.state.status is CaseStatus.SERVED
    assert case.reject(pay(yuan(400), (10, 21))).rule == "OVERPAYMENT"
    case.do(pay(yuan(300), (10, 21)))
    assert case.state.status is CaseStatus.PERFORMED and case.state.paid_fen == yuan(500)


def test_the_payment_deadline_passes_only_after_its_last_day() -> None:
    case = drive(CaseStatus.SERVED)
    error = case.reject(c.RecordPaymentDeadlinePassed(occurred_at=at(10, 30, 23), actors=(SYSTEM_ACTOR,)))
    assert (error.rule, error.field, error.article) == ("PAYMENT_NOT_DUE", "occurred_at", "APL 72")
    events = case.do(c.RecordPaymentDeadlinePassed(occurred_at=at(10, 31, 0, 5), actors=(SYSTEM_ACTOR,)))
    assert isinstance(events[0], PaymentDeadlinePassed) and events[0].due_on == date(2025, 10, 30)
    assert case.state.status is CaseStatus.PAYMENT_OVERDUE
    assert case.state.clocks["D15"].status is ClockStatus.BREACHED


def test_a_late_payment_must_include_the_surcharge() -> None:
    case = overdue()
    assert case.state.outstanding_fen(date(2025, 11, 9)) == yuan(650)
    events = case.do(pay(yuan(650), (11, 9)))
    assert isinstance(events[0], PaymentReceived) and events[0].surcharge_fen == yuan(150) and events[0].settles
    assert case.state.status is CaseStatus.PERFORMED


def test_the_surcharge_is_frozen_while_a_reconsideration_is_pending() -> None:
    case = overdue()
    case.do(c.FileReconsideration(occurred_at=at(11, 3), actors=(CASE_LEAD,), authority="西青区人民政府"))
    case.do(c.DecideReconsideration(occurred_at=at(11, 7), actors=(CASE_LEAD,),
                                    outcome=c.ReconsiderationOutcome.MAINTAINED))
    assert case.state.surcharge_fen(date(2025, 11, 9)) == yuan(75)


def test_a_deferral_moves_the_due_date() -> None:
    case = drive(CaseStatus.SERVED)
    bad = c.ApproveDeferral(occurred_at=at(10, 20), actors=(PRINCIPAL,), new_due_on=date(2025, 10, 29), reason="困难")
    assert (case.reject(bad).rule, case.reject(bad).article) == ("DEFERRAL_DATE", "APL 66")
    case.do(c.ApproveDeferral(occurred_at=at(10, 20), actors=(PRINCIPAL,), new_due_on=date(2025, 12, 1),
                              reason="家庭困难"))
    assert case.state.payment_due_on == date(2025, 12, 1) and case.state.clocks["D15"].due_on == date(2025, 12, 1)
    assert case.state.surcharge_fen(date(2025, 11, 20)) == 0


def test_instalments_sum_to_the_fine_and_the_last_one_sets_the_due_date() -> None:
    case = drive(CaseStatus.SERVED)
    wrong = c.ApproveInstallments(occurred_at=at(10, 20), actors=(PRINCIPAL,), reason="困难", installments=(
        Installment(date(2025, 11, 10), yuan(200)), Installment(date(2025, 12, 10), yuan(200))))
    error = case.reject(wrong)
    assert isinstance(error, ValidationError) and (error.rule, error.article) == ("INSTALMENTS_SUM", "APL 66")
    case.do(c.ApproveInstallments(occurred_at=at(10, 20), actors=(PRINCIPAL,), reason="困难", installments=(
        Installment(date(2025, 11, 10), yuan(200)), Installment(date(2025, 12, 10), yuan(300)))))
    assert case.state.payment_due_on == date(2025, 12, 10)


def test_court_enforcement_waits_ten_working_days_after_the_demand_and_for_the_party_windows() -> None:
    case = overdue()
    case.do(c.ServeEnforcementDemand(occurred_at=at(11, 3), actors=PAIR))
    assert case.state.status is CaseStatus.DEMAND_SERVED
    assert case.state.clocks["D24"].due_on == date(2026, 7, 15)
    soon = case.reject(c.ApplyCourtEnforcement(occurred_at=at(11, 14), actors=(PRINCIPAL,), court="西青区人民法院"))
    assert (soon.rule, soon.field, soon.article) == ("DEMAND_WAIT", "occurred_at", "ACL 54")
    assert "earliest 2025-11-17" in soon.message
    open_windows = case.reject(c.ApplyCourtEnforcement(occurred_at=at(11, 17), actors=(PRINCIPAL,), court="西青区法院"))
    assert (open_windows.rule, open_windows.article) == ("PARTY_WINDOWS_OPEN", "ACL 53")
    assert "until 2026-04-15" in open_windows.message
    case.do(c.ApplyCourtEnforcement(occurred_at=at(4, 16, year=2026), actors=(PRINCIPAL,), court="西青区人民法院"))
    assert case.state.status is CaseStatus.COURT_ENFORCEMENT
    case.do(c.VerifyObligationPerformed(occurred_at=at(5, 20, year=2026), actors=(CASE_LEAD,),
                                        obligation="法院强制执行到位"))
    case.do(c.CloseCase(occurred_at=at(5, 21, year=2026), actors=(PRINCIPAL,)))
    assert case.state.status is CaseStatus.CLOSED


def test_a_case_with_an_unpaid_fine_cannot_close() -> None:
    case = drive(CaseStatus.SERVED)
    error = case.reject(c.CloseCase(occurred_at=at(10, 20), actors=(PRINCIPAL,)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("OBLIGATION_PERFORMED", "status", "APL 72")
    assert "50000 fen" in error.message


def test_closing_keeps_the_party_windows_and_disclosure_running() -> None:
    case = drive(CaseStatus.CLOSED)
    running = {k for k, clock in case.state.clocks.items() if clock.status is ClockStatus.RUNNING}
    assert running == {"D17", "D19", "D23"}


def test_archive_follows_closure_only() -> None:
    case = drive(CaseStatus.PERFORMED)
    error = case.reject(c.ArchiveCase(occurred_at=at(10, 21), actors=(CASE_LEAD,), archive_no="档1"))
    assert isinstance(error, InvalidTransition)
    assert error.message == "APL 47: ArchiveCase is not allowed in GENERAL status PERFORMED; allowed from CLOSED"
