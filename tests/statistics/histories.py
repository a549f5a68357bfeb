"""Random event histories for the statistics property test: envelopes sealed directly (no deciders) from real
event types with realistic typed columns, around the 2023 reporting year of towns with two units."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from domain.cases import events as ce
from domain.cases.lead import LeadSource
from domain.cases.legal_review import LegalReviewOutcome
from domain.cases.proposal import DecisionType
from domain.cases.review import JudgmentOutcome, ReconsiderationOutcome
from domain.construction import events as ke
from domain.deadlines.clock_events import DeadlineBreached, DeadlineStarted
from domain.deadlines.rules import Unit as PeriodUnit
from domain.disclosure.events import DisclosurePublished
from domain.envelope import GENESIS_HASH, EventEnvelope, StreamContext, seal
from domain.inspections.events import InspectionCompleted
from domain.inspections.findings import Finding, FindingKind
from domain.inspections.state import InspectionTrigger
from domain.ledgers import events as le
from domain.ledgers.kinds import LedgerKind, ledger_stream_id
from domain.ledgers.values import (
    ActCategory,
    EquipmentKind,
    EvaluationResult,
    HotlineCategory,
    TrainingAudience,
    TrainingCategory,
    TrainingMode,
)
from domain.messages import Event
from domain.reference import StaffCategory
from domain.simple.events import SimplePenaltyDecided
from domain.simple.state import SimpleDecisionType
from domain.statistics.figures import Qualifier, Unit
from domain.values import Modifier, Party, PartyType, Sanction, SoftOutcome

UNITS = (("dasi", "dasi-bureau"), ("dasi", "dasi-safety"), ("zhangjiawo", "zhangjiawo-bureau"))
ORIGIN = datetime(2022, 11, 1, tzinfo=UTC)
SPAN_HOURS = 24 * 480  # to the end of February 2024
PARTY = Party(name="某某", party_type=PartyType.CITIZEN)
A = ("officer-a",)

CASE_STEPS = ("review", "decision", "disclosure", "published", "clock", "breach", "hearing", "withdrawn",
              "transferred", "reconsideration", "judged", "reconsideration", "judged")

Step = tuple[str | None, Event]  # status after the event, the event


@dataclass(frozen=True)
class Draft:
    stream_id: str
    stream_kind: str
    town: str
    unit: str
    procedure: str | None
    steps: tuple[Step, ...]
    violation_type: str | None = None


def _times(draw: st.DrawFn, n: int) -> list[datetime]:
    start = draw(st.integers(0, SPAN_HOURS))
    gaps = draw(st.lists(st.integers(0, 24 * 60), min_size=n, max_size=n))
    moments, hour = [], start
    for gap in gaps:
        hour += gap
        moments.append(ORIGIN + timedelta(hours=hour, minutes=draw(st.integers(0, 59))))
    return moments


def _decision(draw: st.DrawFn, at: datetime) -> ce.DecisionMade:
    kind = draw(st.sampled_from(DecisionType))
    penalty = kind is DecisionType.PENALTY
    return ce.DecisionMade(
        occurred_at=at, actors=A, decision_type=kind, sanctions=(Sanction.FINE,) if penalty else (),
        fine_fen=draw(st.integers(0, 2_000_000)) if penalty else 0,
        modifier=draw(st.sampled_from(Modifier)) if penalty else Modifier.NONE, mitigating_grounds=(),
        no_penalty_ground=None, soft_list_item_id=None,
        soft_outcome=draw(st.none() | st.sampled_from(SoftOutcome)), proposal_hash="h", party_present=False,
        decision_due_on=None, late=False)


@st.composite
def general_case(draw: st.DrawFn, n: int) -> Draft:
    town, unit = draw(st.sampled_from(UNITS))
    kinds = draw(st.lists(st.sampled_from(CASE_STEPS), max_size=6))
    filed = draw(st.booleans())
    times = _times(draw, 2 + len(kinds))
    case_id = f"case-{n}"
    steps: list[Step] = [("LEAD_REGISTERED", ce.LeadRegistered(
        occurred_at=times[0], actors=A, case_id=case_id, town=town, unit=unit, source=LeadSource.INSPECTION,
        discovered_at=times[0], party=PARTY, violation_type="ILLEGAL_PILING", place="p",
        violation_ended_on=None, harm_to_life_health_or_finance=False, summary="", limitation_ends_on=None,
        time_barred=False))]
    if filed:
        steps.append(("FILED", ce.CaseFiled(occurred_at=times[1], actors=A, case_no=f"no-{n}", enforcement_item="i",
                                            violation_type="ILLEGAL_PILING", officers=A, case_lead="a", party=None)))
    for kind, at in zip(kinds, times[2:], strict=True):
        steps.append(_case_step(draw, kind, at))
    # the typed column varies (and may be missing, as in cases entered before it was kept): the 案由 breakdown
    violation = draw(st.sampled_from(["ILLEGAL_PILING", "ILLEGAL_PILING", "BANNER", None]))
    return Draft(case_id, "CASE", town, unit, "GENERAL", tuple(steps), violation)


def _case_step(draw: st.DrawFn, kind: str, at: datetime) -> Step:
    day = at.date()
    match kind:
        case "review":
            outcome = draw(st.sampled_from(LegalReviewOutcome))
            status = "REVIEW_APPROVED" if outcome is LegalReviewOutcome.APPROVED else "INVESTIGATING"
            return status, ce.LegalReviewCompleted(occurred_at=at, actors=A, outcome=outcome, proposal_hash="h",
                                                   opinion="", reviewer="r")
        case "decision":
            return "DECIDED", _decision(draw, at)
        case "disclosure":
            return "DECIDED", ce.DecisionDisclosureRecorded(occurred_at=at, actors=A, channel="portal")
        case "published":
            return "PUBLISHED", DisclosurePublished(
                occurred_at=at, actors=A, disclosure_id="d", case_id=draw(st.sampled_from(["case-0", "case-1"])),
                decision_no="n", decided_at=at, served_at=at, due_on=None, published_at=at,
                on_time=draw(st.booleans()), receipt_id="r", platform_accepted_at="", channel="portal")
        case "clock":
            due = day + timedelta(days=draw(st.integers(-3, 12)))
            return "DECIDED", DeadlineStarted(occurred_at=at, actors=A, clock_key="D17",
                                              deadline_id=draw(st.sampled_from(["D17", "D17B", "D7"])),
                                              started_on=day, length=7, unit=PeriodUnit.WORKING_DAYS, due_on=due,
                                              warn_on=due, provisional=False, source="Doc118")
        case "breach":
            return "INVESTIGATING", DeadlineBreached(occurred_at=at, actors=(), clock_key="k",
                                                     deadline_id=draw(st.sampled_from(["D7", "D17", "D12"])),
                                                     due_on=day)
        case "hearing":
            if draw(st.booleans()):
                return "HEARING_REQUESTED", ce.HearingRequested(occurred_at=at, actors=A)
            return "HEARING_CONCLUDED", ce.HearingHeld(occurred_at=at, actors=A, host="h", record_ref="")
        case "withdrawn":
            return "WITHDRAWN", ce.FilingWithdrawn(occurred_at=at, actors=A, reason="")
        case "transferred":
            if draw(st.booleans()):
                return "TRANSFERRED_OUT", ce.TransferredToAgency(occurred_at=at, actors=A, receiving_agency="x",
                                                                 letter_no="")
            return "CRIMINAL_TRANSFER", ce.CriminalTransferApproved(occurred_at=at, actors=A, reason="")
        case "reconsideration":
            outcome = draw(st.sampled_from(ReconsiderationOutcome))
            return "DECIDED", ce.ReconsiderationDecided(occurred_at=at, actors=A, outcome=outcome,
                                                        new_fine_amount_fen=_new_fine(draw, outcome))
        case _:
            judged = draw(st.sampled_from(JudgmentOutcome))
            return "DECIDED", ce.LitigationJudged(occurred_at=at, actors=A, outcome=judged,
                                                  instance=draw(st.integers(1, 2)),
                                                  new_fine_amount_fen=_new_fine(draw, judged))


def _new_fine(draw: st.DrawFn, outcome: ReconsiderationOutcome | JudgmentOutcome) -> int | None:
    """A CHANGED outcome mostly sets a new fine (sometimes it changes something else)."""
    if outcome.value != "CHANGED":
        return None
    return draw(st.none() | st.integers(0, 2_000_000))


@st.composite
def simple_case(draw: st.DrawFn, n: int) -> Draft:
    town, unit = draw(st.sampled_from(UNITS))
    at, later = _times(draw, 2)
    fined = draw(st.booleans())
    event = SimplePenaltyDecided(occurred_at=at, actors=A, decision_number=f"s-{n}",
                                 decision_type=SimpleDecisionType.PENALTY,
                                 sanctions=(Sanction.FINE,) if fined else (Sanction.WARNING,),
                                 fine_fen=draw(st.integers(0, 20_000)) if fined else 0,
                                 reconsideration_first_notice="n")
    steps: list[Step] = [("DECIDED", event)]
    if draw(st.booleans()):  # the party applied for reconsideration
        steps.append(_case_step(draw, "reconsideration", later))
    return Draft(f"simple-{n}", "CASE", town, unit, "SIMPLE", tuple(steps), "ROAD_OCCUPATION_VENDING")


@st.composite
def inspection(draw: st.DrawFn, n: int) -> Draft:
    town, unit = draw(st.sampled_from(UNITS))
    (at,) = _times(draw, 1)
    kinds = draw(st.lists(st.sampled_from([FindingKind.NO_VIOLATION, FindingKind.ON_SITE_CORRECTED]), max_size=3))
    findings = tuple(Finding(finding_id=f"i-{n}/{k}", inspection_id=f"i-{n}", index=k, kind=kind, place="p",
                             soft_list_item_id=draw(st.none() | st.just("YLQ-2023-02")),
                             soft_outcome=SoftOutcome.EDUCATION_ONLY if kind is FindingKind.ON_SITE_CORRECTED
                             else None)
                     for k, kind in enumerate(kinds, start=1))
    event = InspectionCompleted(occurred_at=at, actors=A, inspection_id=f"i-{n}", town=town, unit=unit, place="p",
                                trigger=InspectionTrigger.ROUTINE_PATROL, items_checked=(), certificates_shown=True,
                                started_at=at, findings=findings, site_record="", av_evidence=())
    return Draft(f"i-{n}", "INSPECTION", town, unit, None, (("COMPLETED", event),))


@st.composite
def construction(draw: st.DrawFn, n: int) -> Draft:
    town, unit = draw(st.sampled_from(UNITS))
    first, second = _times(draw, 2)
    steps: list[Step] = [("DISCOVERED", ke.IllegalConstructionDiscovered(
        occurred_at=first, actors=A, case_id=f"c-{n}", town=town, unit=unit, party=PARTY,
        violation_type="ILLEGAL_CONSTRUCTION", place="p", description="", item_code="GH", structure_count=1,
        estimated_area_dm2=None, source_finding_id=None, source_order_id=None, av_evidence=()))]
    count, area = draw(st.integers(1, 5)), draw(st.integers(1, 100_000))
    if draw(st.booleans()):
        steps.append(("SELF_DEMOLISHED", ke.SelfDemolitionVerified(occurred_at=second, actors=A, count=count,
                                                                    area_dm2=area, site_record="", av_evidence=())))
    else:
        steps.append(("DEMOLISHED", ke.DemolitionCompleted(occurred_at=second, actors=A, count=count, area_dm2=area,
                                                           started_at=second, av_evidence=(), emergency=False,
                                                           emergency_reason="")))
    return Draft(f"c-{n}", "CASE", town, unit, "ILLEGAL_CONSTRUCTION", tuple(steps), "ILLEGAL_CONSTRUCTION")


def _ledger_entry(draw: st.DrawFn, kind: LedgerKind, at: datetime, k: int) -> le.LedgerEvent:
    base = {"occurred_at": at, "actors": A, "entry_id": f"e{k}"}
    count = draw(st.integers(0, 500))
    match kind:
        case LedgerKind.EQUIPMENT:
            equipment = draw(st.sampled_from(EquipmentKind))
            if draw(st.integers(0, 3)) == 0:
                return le.EquipmentRetired(**base, equipment=equipment, count=count, reason="")
            return le.EquipmentRegistered(**base, equipment=equipment, count=count, description="")
        case LedgerKind.TRAINING:
            return le.TrainingSessionHeld(**base, title="t", mode=draw(st.sampled_from(TrainingMode)),
                                          hours=draw(st.integers(0, 12)),
                                          audience=draw(st.sampled_from(TrainingAudience)),
                                          category=draw(st.sampled_from(TrainingCategory)), organiser="")
        case LedgerKind.HOTLINE:
            return le.HotlineTallyRecorded(**base, category=draw(st.sampled_from(HotlineCategory)), count=count,
                                           period_label="")
        case LedgerKind.CAMPAIGN:
            return le.CampaignTallyRecorded(**base, violation_type=draw(st.sampled_from(
                ["ILLEGAL_PILING", "ILLEGAL_LAND_USE", "ALL"])), count=count, count_unit=draw(st.sampled_from(
                    [Unit.PLACES, Unit.CASES, Unit.MU_TENTHS])), qualifier=draw(st.sampled_from(Qualifier)),
                label=draw(st.sampled_from(["", "沿街", "小区"])))
        case LedgerKind.EVALUATION:
            result = draw(st.sampled_from(EvaluationResult))
            return le.CaseFileEvaluated(**base, case_ref="x", result=result,
                                        problems=("p",) if result is EvaluationResult.PROBLEMS else (),
                                        session=draw(st.sampled_from(["", "Q3", "Q4"])))
        case LedgerKind.PLATFORM:
            choice = draw(st.integers(0, 2))
            if choice == 0:
                return le.PatrolRecordsUploaded(**base, count=count + 1, period_label="",
                                                qualifier=draw(st.sampled_from(Qualifier)))
            if choice == 1:
                return le.PlatformWarningResolved(**base, warning_no=f"w{k}", resolution="")
            return le.PlatformWarningRaised(**base, warning_no=f"w{k}", subject_ref="", reason="")
        case LedgerKind.PUBLICITY:
            return le.PublicityRecorded(**base, events=draw(st.integers(0, 3)), materials=count,
                                        qualifier=draw(st.sampled_from(Qualifier)), description="")
        case _:
            return le.AdministrativeActsRecorded(**base, category=draw(st.sampled_from(ActCategory)), count=count,
                                                 label="")


@st.composite
def ledger(draw: st.DrawFn, n: int) -> Draft:
    town, unit = draw(st.sampled_from(UNITS))
    kind = draw(st.sampled_from([k for k in LedgerKind if k is not LedgerKind.ROSTER]))
    times = sorted(_times(draw, draw(st.integers(1, 4))), key=lambda _: draw(st.integers(0, 9)))
    steps = tuple((None, _ledger_entry(draw, kind, at, k)) for k, at in enumerate(times))
    return Draft(f"{ledger_stream_id(kind, unit)}-{n}", kind.stream_kind, town, unit, None, steps)


@st.composite
def roster(draw: st.DrawFn, n: int) -> Draft:
    town, unit = draw(st.sampled_from(UNITS))
    people = draw(st.integers(1, 5))
    steps: list[Step] = []
    k = 0
    for person in range(people):
        times = _times(draw, 4)
        k += 1
        steps.append((None, le.StaffMemberJoined(occurred_at=times[0], actors=A, entry_id=f"e{k}",
                                                 person_id=f"p{person}", name="n",
                                                 category=draw(st.sampled_from(StaffCategory)),
                                                 legal_reviewer=draw(st.booleans()),
                                                 supervisor=draw(st.booleans()))))
        if draw(st.booleans()):
            k += 1
            expires = draw(st.none() | st.dates(date(2023, 1, 1), date(2024, 2, 1)))
            steps.append((None, le.CertificateIssued(occurred_at=times[1], actors=A, entry_id=f"e{k}",
                                                     person_id=f"p{person}", number=f"c{person}", expires_on=expires)))
            if draw(st.booleans()):
                k += 1
                steps.append((None, le.CertificateCancelled(occurred_at=times[2], actors=A, entry_id=f"e{k}",
                                                            person_id=f"p{person}", number=f"c{person}", reason="")))
        if draw(st.booleans()):
            k += 1
            steps.append((None, le.StaffMemberLeft(occurred_at=times[3], actors=A, entry_id=f"e{k}",
                                                   person_id=f"p{person}", reason="")))
    return Draft(f"{ledger_stream_id(LedgerKind.ROSTER, unit)}-{n}", LedgerKind.ROSTER.stream_kind, town, unit, None,
                 tuple(steps))


MAKERS: tuple[Callable[[int], st.SearchStrategy[Draft]], ...] = (
    general_case, general_case, general_case, simple_case, inspection, construction, ledger, ledger, roster)


@st.composite
def histories(draw: st.DrawFn) -> list[EventEnvelope]:
    drafts = [draw(draw(st.sampled_from(MAKERS))(n)) for n in range(draw(st.integers(1, 18)))]
    return [env for draft in drafts for env in _sealed(draft)]


def _sealed(draft: Draft) -> list[EventEnvelope]:
    pairs = [(StreamContext(stream_id=draft.stream_id, stream_kind=draft.stream_kind, town=draft.town,
                            unit=draft.unit, procedure=draft.procedure,
                            violation_type=_typed_violation(draft, event), status=status), event)
             for status, event in draft.steps]
    recorded = max(event.occurred_at for _, event in draft.steps) + timedelta(days=1)
    return seal(pairs, first_seq=1, prev_hash=GENESIS_HASH, recorded_at=recorded)


def _typed_violation(draft: Draft, event: Event) -> str | None:
    if isinstance(event, le.CampaignTallyRecorded):
        return event.violation_type
    return draft.violation_type
