"""The transition table is data: every command has a row, a handler and an event; a command outside its source
statuses is rejected naming the command, the current status and the statuses that allow it."""

from __future__ import annotations

from datetime import date

import pytest

from domain.cases import commands as c
from domain.cases.decider import HANDLERS, GeneralCaseDecider
from domain.cases.events import EVENTS, LegalReviewCompleted, PaymentReceived
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.payments import Installment, PaymentChannel
from domain.cases.proposal import DecisionType
from domain.cases.review import JudgmentOutcome, ReconsiderationOutcome
from domain.cases.status import CaseStatus
from domain.cases.transitions import ROWS, TRANSITIONS, target_of
from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.errors import InvalidTransition
from domain.messages import Command
from domain.values import ServiceMethod
from tests.domain.cases.builder import PAIR, PENALTY, CaseUnderTest, drive, filing, lead
from tests.domain.cases.fixtures import CASE_LEAD, PRINCIPAL, at

T = at(10, 23)
ONE = (CASE_LEAD,)

SAMPLES: list[Command] = [
    lead(T), c.StartVerification(occurred_at=T, actors=PAIR),
    c.RefuseFiling(occurred_at=T, actors=ONE, ground=c.FilingRefusalGround.NO_VIOLATION),
    c.TransferToAgency(occurred_at=T, actors=ONE, receiving_agency="a", letter_no="l"), filing(T),
    c.StartInvestigation(occurred_at=T, actors=ONE),
    c.CollectEvidence(occurred_at=T, actors=PAIR, evidence_id="e", kind="k", description="d", evidence_hash="a" * 64,
                      av_ref="av"),
    c.RecordInquiry(occurred_at=T, actors=PAIR, record_id="r", person="p", record_hash="a" * 64),
    c.RecordSite(occurred_at=T, actors=PAIR, record_id="s", place="p", record_hash="a" * 64, av_ref="av"),
    c.PreserveEvidence(occurred_at=T, actors=PAIR, preservation_id="p", items=("i",), approved_by=PRINCIPAL),
    c.DecidePreservedEvidence(occurred_at=T, actors=ONE, preservation_id="p", disposition="d"),
    c.ApplyCoerciveMeasure(occurred_at=T, actors=PAIR, measure_id="m", measure="SEIZURE", items=("i",),
                           approved_by=PRINCIPAL),
    c.ReleaseCoerciveMeasure(occurred_at=T, actors=PAIR, measure_id="m"),
    c.RequestRecusal(occurred_at=T, actors=ONE, officer_id="o2", reason="r"),
    c.DecideRecusal(occurred_at=T, actors=ONE, officer_id="o2", granted=False),
    c.SubmitInvestigationReport(occurred_at=T, actors=ONE, proposal=PENALTY),
    c.RequestLegalReview(occurred_at=T, actors=ONE),
    c.CompleteLegalReview(occurred_at=T, actors=ONE, outcome=LegalReviewOutcome.APPROVED, proposal_hash="h",
                          opinion="o"),
    c.ServePriorNotice(occurred_at=T, actors=PAIR), c.ReceiveStatement(occurred_at=T, actors=ONE, points=("p",)),
    c.WaiveStatement(occurred_at=T, actors=ONE), c.RecordStatementWindowExpired(occurred_at=T, actors=("system",)),
    c.ReviewStatement(occurred_at=T, actors=ONE, reviews=()), c.RequestHearing(occurred_at=T, actors=ONE),
    c.ServeHearingNotice(occurred_at=T, actors=PAIR, hearing_on=date(2025, 11, 20), host="host1", place="p"),
    c.HoldHearing(occurred_at=T, actors=ONE), c.RecordPartyAbsent(occurred_at=T, actors=ONE),
    c.HoldCollectiveDiscussion(occurred_at=T, actors=ONE, proposal_hash="h", conclusion="c"),
    c.GiveEducation(occurred_at=T, actors=PAIR, content="c"),
    c.ExtendDecisionDeadline(occurred_at=T, actors=ONE, extra_days=30, reason="r"),
    c.MakeDecision(occurred_at=T, actors=ONE, decision_type=DecisionType.PENALTY),
    c.IssueDecisionDocument(occurred_at=T, actors=ONE, document_no="d"),
    c.ServeDecision(occurred_at=T, actors=PAIR, method=ServiceMethod.DIRECT),
    c.RecordDecisionDisclosure(occurred_at=T, actors=ONE, channel="c"),
    c.RecordPaymentDeadlinePassed(occurred_at=T, actors=("system",)),
    c.ApproveDeferral(occurred_at=T, actors=ONE, new_due_on=date(2025, 12, 1), reason="r"),
    c.ApproveInstallments(occurred_at=T, actors=ONE, reason="r",
                          installments=(Installment(date(2025, 12, 1), 1), Installment(date(2026, 1, 5), 1))),
    c.ServeEnforcementDemand(occurred_at=T, actors=PAIR), c.ApplyCourtEnforcement(occurred_at=T, actors=ONE, court="c"),
    c.ReceivePayment(occurred_at=T, actors=ONE, amount_fen=1, channel=PaymentChannel.BANK),
    c.VerifyObligationPerformed(occurred_at=T, actors=ONE, obligation="o"), c.CloseCase(occurred_at=T, actors=ONE),
    c.ArchiveCase(occurred_at=T, actors=ONE, archive_no="a"), c.WithdrawFiling(occurred_at=T, actors=ONE, reason="r"),
    c.ProposeCriminalTransfer(occurred_at=T, actors=ONE, reason="r"),
    c.ApproveCriminalTransfer(occurred_at=T, actors=ONE, reason="r"),
    c.TransferCaseToPolice(occurred_at=T, actors=ONE, police_unit="p", letter_no="l"),
    c.FileReconsideration(occurred_at=T, actors=ONE, authority="a"),
    c.DecideReconsideration(occurred_at=T, actors=ONE, outcome=ReconsiderationOutcome.MAINTAINED),
    c.FileLitigation(occurred_at=T, actors=ONE, court="c"),
    c.JudgeLitigation(occurred_at=T, actors=ONE, outcome=JudgmentOutcome.DISMISSED),
    c.AppealLitigation(occurred_at=T, actors=ONE, appellant="a"),
]


def test_every_command_has_exactly_one_row_one_handler_and_a_registered_event() -> None:
    commands = {type(s) for s in SAMPLES}
    assert set(TRANSITIONS) == commands == set(HANDLERS)
    assert len(ROWS) == len(TRANSITIONS)
    assert all(row.event.type_name() in EVENTS for row in ROWS)
    assert all(cls.type_name() in EVENTS for cls in CLOCK_EVENTS)


@pytest.fixture(scope="module")
def archived() -> CaseUnderTest:
    return drive(CaseStatus.ARCHIVED)


@pytest.mark.parametrize("command", [s for s in SAMPLES if not isinstance(s, c.RegisterLead)],
                         ids=lambda s: type(s).__name__)
def test_a_command_from_a_status_outside_its_sources_is_an_invalid_transition(command: Command) -> None:
    row = TRANSITIONS[type(command)]
    error = CaseUnderTest().reject(command)
    assert isinstance(error, InvalidTransition)
    allowed = ", ".join(sorted(s.value for s in row.sources))
    assert error.message == (f"{row.article}: {type(command).__name__} is not allowed in GENERAL status NEW; "
                             f"allowed from {allowed}")
    assert (error.rule, error.field) == ("TRANSITION", "status")


@pytest.mark.parametrize("command", [s for s in SAMPLES if CaseStatus.ARCHIVED not in TRANSITIONS[type(s)].sources],
                         ids=lambda s: type(s).__name__)
def test_an_archived_case_rejects_every_step_of_the_procedure_itself(archived: CaseUnderTest,
                                                                      command: Command) -> None:
    with pytest.raises(InvalidTransition, match="status ARCHIVED"):
        GeneralCaseDecider().decide(archived.state, command, archived.context(at(10, 24)))


def test_an_archived_case_still_records_challenges_disclosure_and_releases() -> None:
    assert {type(s).__name__ for s in SAMPLES if CaseStatus.ARCHIVED in TRANSITIONS[type(s)].sources} == {
        "FileReconsideration", "DecideReconsideration", "FileLitigation", "JudgeLitigation", "AppealLitigation",
        "RecordDecisionDisclosure", "ReleaseCoerciveMeasure"}


def test_branching_rows_take_their_target_from_the_event() -> None:
    review = LegalReviewCompleted(occurred_at=T, actors=ONE, outcome=LegalReviewOutcome.REVISE, proposal_hash="h",
                                  opinion="o", reviewer="lr1")
    assert target_of(review) is CaseStatus.INVESTIGATION_CONCLUDED
    partial = PaymentReceived(occurred_at=T, actors=ONE, amount_fen=1, channel=PaymentChannel.BANK, receipt_no="",
                              surcharge_fen=0, settles=False)
    assert target_of(partial) is None
    from dataclasses import replace

    assert target_of(replace(partial, settles=True)) is CaseStatus.PERFORMED
