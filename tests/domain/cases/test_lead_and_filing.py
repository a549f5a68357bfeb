"""Rows 1–4: lead registration, verification, refusal to file, transfer to another agency, filing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain.cases import commands as c
from domain.cases.events import CaseFiled, FilingRefused, LeadRegistered, TransferredToAgency
from domain.cases.lead import FilingRefusalGround, LeadSource
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import ClockStatus, DeadlineBreached, DeadlineCancelled, DeadlineStarted
from domain.errors import InvalidTransition, RuleViolation, ValidationError
from domain.reference import ReferenceData
from tests.domain.cases.builder import PAIR, CaseUnderTest, drive, filing, lead
from tests.domain.cases.fixtures import (
    AUXILIARY,
    CASE_LEAD,
    CITIZEN,
    EXPIRED,
    OFFICER_2,
    OFFICER_3,
    PRINCIPAL,
    REFERENCE,
    TOWN,
    at,
)


@pytest.mark.parametrize("source", list(LeadSource))
def test_a_lead_from_any_source_is_registered_and_starts_the_filing_clock(source: LeadSource) -> None:
    case = CaseUnderTest()
    events = case.do(lead(source=source))
    assert isinstance(events[0], LeadRegistered) and events[0].source is source
    assert case.state.status is CaseStatus.LEAD_REGISTERED
    assert (case.state.case_id, case.state.town, case.state.unit) == ("case-1", "ZJW", "ZJW-ZFJ")
    assert case.state.clocks["D2"].due_on == date(2025, 9, 22)  # 15 working days after discovery


def test_a_lead_discovered_within_two_years_satisfies_the_limitation_check() -> None:
    case = CaseUnderTest()
    case.do(lead(violation_ended_on=date(2023, 9, 5)))
    assert case.state.lead is not None and case.state.lead.time_barred is False
    assert case.state.clocks["D1"].status is ClockStatus.SATISFIED


def test_a_lead_discovered_after_two_years_is_time_barred_and_cannot_be_filed() -> None:
    case = CaseUnderTest()
    events = case.do(lead(violation_ended_on=date(2023, 8, 1)))
    assert any(isinstance(e, DeadlineBreached) and e.clock_key == "D1" for e in events)
    assert case.state.lead is not None and case.state.lead.time_barred
    error = case.reject(filing())
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("LIMITATION", "violation_ended_on", "APL 36")
    assert "2025-08-01" in error.message
    case.do(c.RefuseFiling(occurred_at=at(9, 3), actors=(PRINCIPAL,), ground=FilingRefusalGround.TIME_BARRED))
    assert case.state.status is CaseStatus.NOT_FILED


def test_harm_to_life_or_health_extends_the_limitation_to_five_years() -> None:
    case = CaseUnderTest()
    case.do(lead(violation_ended_on=date(2023, 8, 1), harm_to_life_health_or_finance=True))
    assert case.state.lead is not None and not case.state.lead.time_barred
    assert case.state.clocks["D1"].deadline_id == "D1H"


def test_a_lead_in_an_unknown_town_is_rejected() -> None:
    error = CaseUnderTest().reject(lead(town="XXX"))
    assert isinstance(error, ValidationError) and (error.rule, error.field) == ("KNOWN_TOWN", "town")


def test_a_lead_cannot_be_registered_by_an_auxiliary() -> None:
    error = CaseUnderTest().reject(lead(actors=(AUXILIARY,)))
    assert isinstance(error, RuleViolation) and error.rule == "ROLE_OFFICER"


def test_verification_is_a_field_action_of_two_certified_officers() -> None:
    case = drive(CaseStatus.LEAD_REGISTERED)
    error = case.reject(c.StartVerification(occurred_at=at(9, 2), actors=(CASE_LEAD, AUXILIARY)))
    assert isinstance(error, RuleViolation) and (error.rule, error.article) == ("TWO_CERTIFIED_OFFICERS", "APL 42")
    case.do(c.StartVerification(occurred_at=at(9, 2), actors=PAIR))
    assert case.state.status is CaseStatus.VERIFYING


@pytest.mark.parametrize("ground", list(FilingRefusalGround))
def test_a_principal_refuses_filing_on_any_ground_and_the_clocks_end(ground: FilingRefusalGround) -> None:
    case = drive(CaseStatus.VERIFYING)
    events = case.do(c.RefuseFiling(occurred_at=at(9, 3), actors=(PRINCIPAL,), ground=ground, reason="核查"))
    assert isinstance(events[0], FilingRefused) and events[0].ground is ground
    assert case.state.status is CaseStatus.NOT_FILED
    assert case.state.clocks["D2"].status is ClockStatus.SATISFIED


def test_an_officer_without_the_principal_role_cannot_refuse_filing() -> None:
    case = drive(CaseStatus.VERIFYING)
    error = case.reject(c.RefuseFiling(occurred_at=at(9, 3), actors=(CASE_LEAD,),
                                       ground=FilingRefusalGround.NO_VIOLATION))
    assert isinstance(error, RuleViolation) and (error.rule, error.field) == ("ROLE_PRINCIPAL", "actors")


def test_a_lead_outside_our_powers_is_transferred_to_the_competent_agency() -> None:
    case = drive(CaseStatus.VERIFYING)
    events = case.do(c.TransferToAgency(occurred_at=at(9, 3), actors=(PRINCIPAL,), receiving_agency="区市场监管局",
                                        letter_no="移〔2025〕3号"))
    assert isinstance(events[0], TransferredToAgency)
    assert case.state.status is CaseStatus.TRANSFERRED_OUT
    with pytest.raises(InvalidTransition):
        case.do(filing(at(9, 4)))


def test_filing_names_the_case_number_item_officers_and_lead_and_starts_the_90_day_clock() -> None:
    case = drive(CaseStatus.VERIFYING)
    events = case.do(filing())
    filed = events[0]
    assert isinstance(filed, CaseFiled) and filed.violation_type == "ROAD_OCCUPATION_VENDING"
    assert filed.party == CITIZEN and filed.case_lead == CASE_LEAD
    d7 = next(e for e in events if isinstance(e, DeadlineStarted) and e.deadline_id == "D7")
    assert (d7.started_on, d7.due_on, d7.source) == (date(2025, 9, 3), date(2025, 12, 2), "APL 60")
    assert case.state.status is CaseStatus.FILED and case.state.clocks["D2"].status is ClockStatus.SATISFIED


def test_filing_straight_from_the_lead_is_allowed() -> None:
    case = drive(CaseStatus.LEAD_REGISTERED)
    case.do(filing())
    assert case.state.status is CaseStatus.FILED


def test_filing_with_an_auxiliary_as_the_second_officer_is_rejected() -> None:
    case = drive(CaseStatus.VERIFYING)
    error = case.reject(filing(officers=(CASE_LEAD, AUXILIARY)))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("TWO_CERTIFIED_OFFICERS", "officers", "APL 42")
    assert error.message.startswith("APL 42: at least two certified officers") and AUXILIARY in error.message


def test_filing_with_an_officer_whose_certificate_expired_is_rejected() -> None:
    case = drive(CaseStatus.VERIFYING)
    error = case.reject(filing(officers=(CASE_LEAD, EXPIRED)))
    assert error.article == "APL 42" and "2025-09-03" in error.message


def test_the_case_lead_must_be_one_of_the_case_officers() -> None:
    case = drive(CaseStatus.VERIFYING)
    error = case.reject(filing(case_lead=OFFICER_3))
    assert isinstance(error, ValidationError) and (error.rule, error.field) == ("CASE_LEAD_ASSIGNED", "case_lead")


def test_filing_requires_a_principal() -> None:
    case = drive(CaseStatus.VERIFYING)
    error = case.reject(filing(actors=(OFFICER_2,)))
    assert error.rule == "ROLE_PRINCIPAL"


def test_filing_an_item_that_does_not_cover_the_violation_is_rejected() -> None:
    case = CaseUnderTest()
    case.do(lead(violation_type="ILLEGAL_CONSTRUCTION"))
    error = case.reject(filing())
    assert (error.rule, error.field) == ("ITEM_COVERS_VIOLATION", "enforcement_item")


def test_filing_against_an_unknown_party_is_rejected_until_the_party_is_identified() -> None:
    case = CaseUnderTest()
    case.do(lead(party=None))
    error = case.reject(filing())
    assert (error.rule, error.field, error.article) == ("PARTY_IDENTIFIED", "party", "APL 54")
    case.do(filing(party=CITIZEN))
    assert case.state.party == CITIZEN


def test_withdrawing_a_filing_cancels_every_running_clock() -> None:
    case = drive(CaseStatus.INVESTIGATING)
    events = case.do(c.WithdrawFiling(occurred_at=at(9, 6), actors=(PRINCIPAL,), reason="违法事实不能成立"))
    assert {e.clock_key for e in events if isinstance(e, DeadlineCancelled)} == {"D7"}
    assert case.state.status is CaseStatus.WITHDRAWN


def _with_officer_of(town: str) -> ReferenceData:
    """The roster with a certified officer of another town."""
    stranger = replace(REFERENCE.officers[OFFICER_2], id="dasi-1", name="外镇甲", town=town)
    return replace(REFERENCE, officers={**REFERENCE.officers, stranger.id: stranger})


def test_a_field_action_naming_a_certified_officer_of_another_town_is_rejected() -> None:
    case = drive(CaseStatus.LEAD_REGISTERED)
    case.reference = _with_officer_of("DASI")
    error = case.reject(c.StartVerification(occurred_at=at(9, 2), actors=(CASE_LEAD, "dasi-1")))
    assert isinstance(error, RuleViolation)
    assert (error.rule, error.field, error.article) == ("OFFICERS_OF_TOWN", "actors", "APL 42")
    assert "dasi-1" in error.message and TOWN in error.message


def test_a_filing_naming_an_officer_of_another_town_as_case_officer_is_rejected() -> None:
    case = drive(CaseStatus.VERIFYING)
    case.reference = _with_officer_of("DASI")
    error = case.reject(filing(officers=(CASE_LEAD, "dasi-1")))
    assert (error.rule, error.field, error.article) == ("OFFICERS_OF_TOWN", "officers", "APL 42")
