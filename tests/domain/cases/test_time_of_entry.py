"""Every command is dated when it happened: never in the future, never before the step it follows; late entry
(补录) is accepted."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.cases import commands as c
from domain.cases.status import CaseStatus
from domain.errors import ValidationError
from tests.domain.cases.builder import PAIR, CaseUnderTest, drive, lead
from tests.domain.cases.fixtures import CASE_LEAD, at


def test_a_command_dated_in_the_future_is_rejected() -> None:
    case = CaseUnderTest()
    error = case.reject(lead(at(9, 1, 9)), recorded_at=at(9, 1, 8))
    assert isinstance(error, ValidationError) and (error.rule, error.field) == ("NO_FUTURE_ENTRY", "occurred_at")


def test_a_step_dated_before_the_previous_one_is_rejected() -> None:
    case = drive(CaseStatus.FILED)
    error = case.reject(c.StartInvestigation(occurred_at=at(9, 2), actors=(CASE_LEAD,)))
    assert (error.rule, error.field) == ("STEP_ORDER", "occurred_at")


def test_a_naive_time_is_rejected() -> None:
    case = drive(CaseStatus.FILED)
    error = case.reject(c.StartInvestigation(occurred_at=datetime(2025, 9, 4, 10), actors=(CASE_LEAD,)),
                        recorded_at=at(9, 5))
    assert error.rule == "TIME_ZONE"


def test_a_late_entry_is_accepted_and_keeps_its_real_date() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    months_later = at(12, 1)
    case.do(c.RecordInquiry(occurred_at=at(9, 6), actors=PAIR, record_id="inq-late", person="证人李四",
                            record_hash="c" * 64), recorded_at=months_later)
    assert case.state.last_occurred_at == at(9, 6)
    assert case.events[-1].occurred_at == at(9, 6)


def test_clock_events_from_timers_do_not_block_late_entry_of_earlier_acts() -> None:
    from domain.deadlines.timers import on_timer, pending_timers

    case = drive(CaseStatus.INVESTIGATING)
    warning = next(t for t in pending_timers(case.state.clocks) if t.clock_key == "D7")
    case.feed(*on_timer(case.state.clocks, warning, now=warning.fire_at + timedelta(minutes=1)))
    case.do(c.RecordInquiry(occurred_at=at(9, 6), actors=PAIR, record_id="inq-2", person="证人",
                            record_hash="d" * 64), recorded_at=at(11, 30))
    assert case.state.clocks["D7"].status.value == "WARNED"
