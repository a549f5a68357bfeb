"""A case under test and a builder that drives a case along the standard path to any status.

Standard path (dates 2025, Asia/Shanghai): lead 09-01 → verification 09-02 → filing 09-03 (D7 due 12-02) →
investigation 09-04/05 → report 09-10 → legal review 09-11/12 → prior notice 09-29 (statement window ends 10-13,
across National Day) → statement 09-30 → statement reviewed 10-09 → decision 10-14 → document 10-14 →
service 10-15 (pay by 10-30) → payment 10-20 → closure 10-21 → archive 10-22.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import pytest

from domain.cases import commands as c
from domain.cases.decider import GeneralCaseDecider
from domain.cases.lead import LeadSource
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.proposal import DecisionType, Proposal
from domain.cases.state import CaseState
from domain.cases.status import CaseStatus
from domain.decider import Context, apply
from domain.errors import DomainError
from domain.messages import Command, Event
from domain.profile import RuleProfile
from domain.reference import ReferenceData
from domain.values import Modifier, Party, Sanction, ServiceMethod, yuan
from tests.domain.cases.fixtures import (
    BENCHMARK,
    CALENDAR,
    CASE_LEAD,
    CITIZEN,
    ITEM,
    OFFICER_2,
    PRINCIPAL,
    PROFILE,
    REFERENCE,
    REVIEWER,
    TOWN,
    UNIT,
    at,
    sha,
)

PAIR = (CASE_LEAD, OFFICER_2)

PENALTY = Proposal(decision_type=DecisionType.PENALTY, sanctions=(Sanction.WARNING, Sanction.FINE),
                   fine_amount_fen=yuan(500), modifier=Modifier.NONE, benchmark_id=BENCHMARK,
                   grounds="占道经营，责令改正并罚款")


@dataclass
class CaseUnderTest:
    profile: RuleProfile = PROFILE
    reference: ReferenceData = REFERENCE
    decider: GeneralCaseDecider = field(default_factory=GeneralCaseDecider)
    state: CaseState = field(default_factory=CaseState)
    events: list[Event] = field(default_factory=list)

    def context(self, recorded_at: datetime) -> Context:
        return Context(recorded_at=recorded_at, reference=self.reference, calendar=CALENDAR, profile=self.profile)

    def do(self, cmd: Command, *, recorded_at: datetime | None = None) -> tuple[Event, ...]:
        ctx = self.context(recorded_at or cmd.occurred_at + timedelta(minutes=5))
        self.state, events = apply(self.decider, self.state, cmd, ctx)
        self.events.extend(events)
        return events

    def reject(self, cmd: Command, *, recorded_at: datetime | None = None) -> DomainError:
        before = self.state
        with pytest.raises(DomainError) as info:
            self.do(cmd, recorded_at=recorded_at)
        assert self.state is before
        return info.value

    def feed(self, *events: Event) -> None:
        """Fold events the workflow produced (timers) as it would."""
        for event in events:
            self.state = self.decider.evolve(self.state, event)
            self.events.append(event)

    @property
    def hash(self) -> str:
        assert self.state.proposal_hash is not None
        return self.state.proposal_hash


LEAD_AT = at(9, 1, 9)
FILED_AT = at(9, 3)


def lead(moment: datetime = LEAD_AT, *, party: Party | None = CITIZEN, **overrides: object) -> c.RegisterLead:
    fields: dict[str, object] = dict(
        occurred_at=moment, actors=(CASE_LEAD,), case_id="case-1", town=TOWN, unit=UNIT,
        source=LeadSource.INSPECTION, discovered_at=moment - timedelta(minutes=30), party=party,
        violation_type="ROAD_OCCUPATION_VENDING", place="张家窝镇京福公路辅路", violation_ended_on=at(8, 30).date())
    fields.update(overrides)
    return c.RegisterLead(**fields)  # type: ignore[arg-type]


def filing(moment: datetime = FILED_AT, **overrides: object) -> c.FileCase:
    fields: dict[str, object] = dict(occurred_at=moment, actors=(PRINCIPAL,), case_no="津西青张综执立〔2025〕12号",
                                     enforcement_item=ITEM, officers=PAIR, case_lead=CASE_LEAD)
    fields.update(overrides)
    return c.FileCase(**fields)  # type: ignore[arg-type]


Step = Callable[[CaseUnderTest], Command]


def standard_steps(proposal: Proposal) -> list[Step]:
    def decide(case: CaseUnderTest) -> Command:
        p = case.state.proposal
        assert p is not None
        return c.MakeDecision(occurred_at=at(10, 14), actors=(PRINCIPAL,), decision_type=p.decision_type,
                              sanctions=p.sanctions, fine_amount_fen=p.fine_amount_fen, modifier=p.modifier,
                              no_penalty_ground=p.no_penalty_ground, soft_list_item_id=p.soft_list_item_id,
                              soft_outcome=p.soft_outcome)

    return [
        lambda case: lead(),
        lambda case: c.StartVerification(occurred_at=at(9, 2), actors=PAIR, findings="现场核实属实"),
        lambda case: filing(),
        lambda case: c.StartInvestigation(occurred_at=at(9, 4), actors=(CASE_LEAD,)),
        lambda case: c.CollectEvidence(occurred_at=at(9, 4, 11), actors=PAIR, evidence_id="ev-1", kind="PHOTO",
                                       description="占道摊位照片", evidence_hash=sha("photo-1"),
                                       av_ref="av/body-cam/0904-1"),
        lambda case: c.RecordInquiry(occurred_at=at(9, 5), actors=PAIR, record_id="inq-1", person="张三",
                                     record_hash=sha("inquiry-1")),
        lambda case: c.RecordSite(occurred_at=at(9, 5, 11), actors=PAIR, record_id="site-1", place="京福公路辅路",
                                  record_hash=sha("site-1"), av_ref="av/body-cam/0905-1"),
        lambda case: c.SubmitInvestigationReport(occurred_at=at(9, 10), actors=(CASE_LEAD,), proposal=proposal,
                                                 findings="事实清楚，证据确凿"),
        lambda case: c.RequestLegalReview(occurred_at=at(9, 11), actors=(CASE_LEAD,)),
        lambda case: c.CompleteLegalReview(occurred_at=at(9, 12), actors=(REVIEWER,),
                                           outcome=LegalReviewOutcome.APPROVED, proposal_hash=case.hash,
                                           opinion="事实清楚，适用法律正确，同意"),
        lambda case: c.ServePriorNotice(occurred_at=at(9, 29, 9), actors=PAIR, notice_no="告〔2025〕12号"),
        lambda case: c.ReceiveStatement(occurred_at=at(9, 30), actors=(CASE_LEAD,), points=("经营困难，请求从轻",)),
        lambda case: c.ReviewStatement(occurred_at=at(10, 9), actors=(CASE_LEAD,), reviews=(
            c.PointReview("经营困难，请求从轻", adopted=False, reason="罚款已在基准下限附近"),)),
        decide,
        lambda case: c.IssueDecisionDocument(occurred_at=at(10, 14, 15), actors=(CASE_LEAD,),
                                             document_no="津西青张综执罚〔2025〕12号"),
        lambda case: c.ServeDecision(occurred_at=at(10, 15), actors=PAIR, method=ServiceMethod.DIRECT,
                                     recipient="张三"),
        lambda case: c.ReceivePayment(occurred_at=at(10, 20), actors=(CASE_LEAD,), amount_fen=case.state.fine_fen,
                                      channel=c.PaymentChannel.BANK, receipt_no="bank-1"),
        lambda case: c.CloseCase(occurred_at=at(10, 21), actors=(PRINCIPAL,), summary="罚款已缴清"),
        lambda case: c.ArchiveCase(occurred_at=at(10, 22), actors=(CASE_LEAD,), archive_no="档〔2025〕12号"),
    ]


def drive(to: CaseStatus, *, proposal: Proposal = PENALTY, profile: RuleProfile = PROFILE,
          party: Party | None = CITIZEN, stop_after: int | None = None) -> CaseUnderTest:
    """A case driven along the standard path until it first reaches `to` (or after `stop_after` steps)."""
    case = CaseUnderTest(profile=profile)
    steps = standard_steps(proposal)
    steps[0] = lambda _: lead(party=party)
    for index, step in enumerate(steps, start=1):
        case.do(step(case))
        if (case.state.status is to and stop_after is None) or stop_after == index:
            return case
    raise AssertionError(f"the standard path never reached {to}")


def proposal(**overrides: object) -> Proposal:
    return replace(PENALTY, **overrides)  # type: ignore[arg-type]
