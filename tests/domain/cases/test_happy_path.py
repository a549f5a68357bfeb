"""The standard general-procedure path, lead to archive, with the events it records and the stream columns."""

from __future__ import annotations

from datetime import date

from domain.cases.context import stream_context
from domain.cases.decider import GeneralCaseDecider
from domain.cases.events import EVENTS, CaseFiled, DecisionMade, LeadRegistered, PaymentReceived
from domain.cases.lead import LeadSource
from domain.cases.status import CaseStatus
from domain.deadlines.clock_events import ClockStatus, DeadlineStarted
from domain.decider import fold
from domain.envelope import GENESIS_HASH, verify_chain
from domain.recording import record
from domain.values import yuan
from tests.domain.cases.builder import drive
from tests.domain.cases.fixtures import CASE_LEAD, CITIZEN, OFFICER_2, PRINCIPAL, at

STANDARD_PATH = [
    ("LeadRegistered", CaseStatus.LEAD_REGISTERED),
    ("VerificationStarted", CaseStatus.VERIFYING),
    ("CaseFiled", CaseStatus.FILED),
    ("InvestigationStarted", CaseStatus.INVESTIGATING),
    ("EvidenceCollected", CaseStatus.INVESTIGATING),
    ("InquiryRecorded", CaseStatus.INVESTIGATING),
    ("SiteRecorded", CaseStatus.INVESTIGATING),
    ("InvestigationReportSubmitted", CaseStatus.INVESTIGATION_CONCLUDED),
    ("LegalReviewRequested", CaseStatus.LEGAL_REVIEW),
    ("LegalReviewCompleted", CaseStatus.REVIEW_APPROVED),
    ("PriorNoticeServed", CaseStatus.NOTICE_SERVED),
    ("StatementReceived", CaseStatus.STATEMENT_REVIEW),
    ("StatementReviewed", CaseStatus.STATEMENT_REVIEW),
    ("DecisionMade", CaseStatus.DECIDED),
    ("DecisionDocumentIssued", CaseStatus.DOCUMENT_ISSUED),
    ("DecisionServed", CaseStatus.SERVED),
    ("PaymentReceived", CaseStatus.PERFORMED),
    ("CaseClosed", CaseStatus.CLOSED),
    ("CaseArchived", CaseStatus.ARCHIVED),
]


def _case_events_with_status() -> list[tuple[str, CaseStatus]]:
    case = drive(CaseStatus.ARCHIVED)
    decider = GeneralCaseDecider()
    state = decider.initial()
    seen = []
    for event in case.events:
        state = decider.evolve(state, event)
        if type(event) in EVENTS_OF_CASE:
            seen.append((type(event).__name__, state.status))
    return seen


EVENTS_OF_CASE = {EVENTS.class_of(name) for name, _ in STANDARD_PATH}


def test_the_standard_path_runs_from_lead_to_archive_through_every_status() -> None:
    assert _case_events_with_status() == STANDARD_PATH


def test_the_standard_path_records_the_facts_read_models_depend_on() -> None:
    case = drive(CaseStatus.ARCHIVED)
    lead = next(e for e in case.events if isinstance(e, LeadRegistered))
    filed = next(e for e in case.events if isinstance(e, CaseFiled))
    decided = next(e for e in case.events if isinstance(e, DecisionMade))
    paid = next(e for e in case.events if isinstance(e, PaymentReceived))
    assert (lead.source, lead.party, lead.violation_type) == (LeadSource.INSPECTION, CITIZEN, "ROAD_OCCUPATION_VENDING")
    assert (filed.case_no, filed.enforcement_item, filed.officers) == ("津西青张综执立〔2025〕12号", "ITEM-ROAD",
                                                                     (CASE_LEAD, OFFICER_2))
    assert decided.fine_amount_fen() == yuan(500) and decided.late is False
    assert decided.actors == (PRINCIPAL,) and decided.proposal_hash == case.state.decision.proposal_hash  # type: ignore[union-attr]
    assert (paid.amount_fen, paid.surcharge_fen, paid.settles) == (yuan(500), 0, True)
    assert case.state.archived_at == at(10, 22) and case.state.closed_at == at(10, 21)


def test_the_standard_path_starts_and_satisfies_its_deadlines() -> None:
    case = drive(CaseStatus.ARCHIVED)
    started = {e.clock_key: e.due_on for e in case.events if isinstance(e, DeadlineStarted)}
    assert started == {
        "D1": date(2027, 8, 30), "D2": date(2025, 9, 22), "D7": date(2025, 12, 2), "D8": date(2025, 9, 25),
        "D9": date(2025, 10, 13), "D12": date(2025, 10, 23), "D15": date(2025, 10, 30), "D17": date(2025, 10, 24),
        "D19": date(2025, 12, 15), "D23": date(2026, 4, 15),
    }
    statuses = {key: clock.status for key, clock in case.state.clocks.items()}
    assert statuses == {
        "D1": ClockStatus.SATISFIED, "D2": ClockStatus.SATISFIED, "D7": ClockStatus.SATISFIED,
        "D8": ClockStatus.SATISFIED, "D9": ClockStatus.CANCELLED, "D12": ClockStatus.SATISFIED,
        "D15": ClockStatus.SATISFIED, "D17": ClockStatus.RUNNING, "D19": ClockStatus.RUNNING,
        "D23": ClockStatus.RUNNING,
    }
    assert case.state.breached_deadlines == frozenset()


def test_every_event_round_trips_through_the_registry_and_replays_to_the_same_state() -> None:
    case = drive(CaseStatus.ARCHIVED)
    decoded = [EVENTS.decode(e.type_name(), e.EVENT_VERSION, EVENTS.encode(e)) for e in case.events]
    assert decoded == case.events
    assert fold(GeneralCaseDecider(), decoded) == case.state


def test_sealed_events_carry_the_case_columns_and_form_an_intact_chain() -> None:
    case = drive(CaseStatus.ARCHIVED)
    decider = GeneralCaseDecider()
    _, envelopes = record(decider, decider.initial(), case.events, context_of=stream_context, first_seq=1,
                          prev_hash=GENESIS_HASH, recorded_at=at(10, 23))
    assert verify_chain(envelopes) is None
    decided = next(env for env in envelopes if env.event_type == "DecisionMade")
    assert (decided.stream_kind, decided.procedure, decided.status, decided.town, decided.unit) == (
        "CASE", "GENERAL", "DECIDED", "ZJW", "ZJW-ZFJ")
    assert (decided.violation_type, decided.fine_amount_fen) == ("ROAD_OCCUPATION_VENDING", yuan(500))
    assert envelopes[-1].status == "ARCHIVED"
    assert {env.fine_amount_fen for env in envelopes if env.event_type != "DecisionMade"} == {None}
