"""The illegal-construction decider."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.construction.commands import (
    AnnounceDemolition,
    CompleteDemolition,
    DecideCorrectionOrDemolition,
    DecideForcedDemolition,
    IssueStopOrder,
    RecordChallenge,
    RecordChallengeOutcome,
    RecordDeadlineLapsed,
    RecordIllegalConstruction,
    ServeConstructionDecision,
    ServeDemand,
    VerifyCorrection,
    VerifySelfDemolition,
)
from domain.construction.events import (
    ChallengeConcluded,
    ChallengeRecorded,
    ConstructionDecisionServed,
    CorrectionOrDemolitionDecided,
    CorrectionVerified,
    DemolitionAnnounced,
    DemolitionCompleted,
    DemolitionDemandServed,
    ForcedDemolitionDecided,
    IllegalConstructionDiscovered,
    SelfDemolitionDeadlineLapsed,
    SelfDemolitionVerified,
    StopOrderIssued,
)
from domain.construction.state import (
    ANNOUNCEMENT_CLOCK,
    DEMAND_CLOCK,
    LITIGATION_CLOCK,
    RECONSIDERATION_CLOCK,
    SELF_DEMOLITION_CLOCK,
    WINDOW_CLOCKS,
    ConstructionState,
    ConstructionStatus,
    DecisionKind,
)
from domain.construction.timing import require_daytime_on_working_days
from domain.construction.transitions import TRANSITIONS
from domain.deadlines.clocks import cancel_all, start
from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.errors import RuleViolation, ValidationError
from domain.frozen import replace
from domain.inspections.evidence import require_hashed
from domain.inspections.guards import (
    require_item,
    require_positive,
    require_text,
    require_town_unit,
    require_violation_type,
)
from domain.messages import Event
from domain.reference import ProcedureProfile
from domain.table_decider import TableDecider

LEGAL_BASES = frozenset({"URPL 64", "URPL 65"})
S = ConstructionStatus


def _require_lapsed(state: ConstructionState, key: str, on: datetime, *, rule: str, what: str, article: str) -> None:
    due_on = state.due_on(key)
    if due_on is not None and local_date(on) <= due_on:
        raise RuleViolation(f"{what} runs until {due_on.isoformat()}", rule=rule, field="occurred_at",
                            article=article)


def _require_no_pending_challenge(state: ConstructionState, article: str) -> None:
    if state.pending_challenges:
        kinds = ", ".join(sorted(k.value.lower() for k in state.pending_challenges))
        raise RuleViolation(f"the party's {kinds} is pending", rule="CHALLENGE_PENDING", field="status",
                            article=article)


def _require_area(count: int, area_dm2: int) -> None:
    require_positive(count, field="count", rule="STRUCTURE_COUNT", what="the number of structures")
    require_positive(area_dm2, field="area_dm2", rule="AREA", what="the area in square decimetres")


class ConstructionDecider(TableDecider[ConstructionState]):
    def __init__(self) -> None:
        super().__init__(procedure="illegal-construction procedure", transitions=TRANSITIONS, handlers={
            RecordIllegalConstruction: self._discover,
            IssueStopOrder: self._stop,
            DecideCorrectionOrDemolition: self._decide,
            ServeConstructionDecision: self._serve,
            RecordDeadlineLapsed: self._lapsed,
            AnnounceDemolition: self._announce,
            ServeDemand: self._demand,
            DecideForcedDemolition: self._forced,
            CompleteDemolition: self._demolish,
            VerifySelfDemolition: self._self_demolished,
            VerifyCorrection: self._corrected,
            RecordChallenge: self._challenge,
            RecordChallengeOutcome: self._challenge_outcome,
        }, folders={
            IllegalConstructionDiscovered: _discovered,
            StopOrderIssued: lambda s, e: replace(s, status=S.STOP_ORDER, stop_order_number=e.order_number),
            CorrectionOrDemolitionDecided: lambda s, e: replace(
                s, status=S.CORRECTION_OR_DEMOLITION_DECISION, decision_number=e.decision_number,
                decision_kind=e.kind, legal_basis=e.legal_basis, deadline_days=e.deadline_days),
            ConstructionDecisionServed: lambda s, e: replace(s, status=S.SERVED, served_at=e.occurred_at),
            SelfDemolitionDeadlineLapsed: lambda s, e: replace(s, status=S.SELF_DEMOLITION_DEADLINE),
            DemolitionAnnounced: lambda s, e: replace(s, status=S.ANNOUNCED,
                                                      announcement_number=e.announcement_number),
            DemolitionDemandServed: lambda s, e: replace(s, status=S.DEMAND, demand_number=e.demand_number),
            ForcedDemolitionDecided: lambda s, e: replace(s, status=S.FORCED_DEMOLITION_DECISION,
                                                          forced_decision_number=e.decision_number),
            DemolitionCompleted: lambda s, e: replace(s, status=S.DEMOLISHED, demolished_count=e.count,
                                                      demolished_area_dm2=e.area_dm2),
            SelfDemolitionVerified: lambda s, e: replace(s, status=S.SELF_DEMOLISHED, demolished_count=e.count,
                                                         demolished_area_dm2=e.area_dm2),
            CorrectionVerified: lambda s, e: replace(s, status=S.CORRECTED),
            ChallengeRecorded: lambda s, e: replace(s, pending_challenges=s.pending_challenges | {e.kind}),
            ChallengeConcluded: _concluded,
        })

    def initial(self) -> ConstructionState:
        return ConstructionState()

    def _clock(self, deadline_id: str, key: str, cmd: Any, ctx: Context, length: int | None = None) -> Event:
        return start(deadline_id, local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                     profile=ctx.profile, key=key, length=length)

    # --- handlers ------------------------------------------------------------------------------------------

    def _discover(self, state: ConstructionState, cmd: RecordIllegalConstruction, ctx: Context) -> list[Event]:
        require_text(cmd.case_id, field="case_id", rule="CASE_ID", what="a case id")
        require_town_unit(cmd.town, cmd.unit, ctx.reference)
        require_violation_type(cmd.violation_type, ctx.reference)
        item = require_item(cmd.item_code, ctx.reference)
        if item.procedure_profile is not ProcedureProfile.ILLEGAL_CONSTRUCTION:
            raise ValidationError(f"item {item.code} is not handled by the illegal-construction procedure",
                                  rule="CONSTRUCTION_ITEM", field="item_code", article="URPL 64")
        require_text(cmd.place, field="place", rule="PLACE", what="the place of the construction")
        require_text(cmd.description, field="description", rule="FACTS", what="a description of the construction")
        require_positive(cmd.structure_count, field="structure_count", rule="STRUCTURE_COUNT",
                         what="the number of structures")
        if cmd.estimated_area_dm2 is not None:
            require_positive(cmd.estimated_area_dm2, field="estimated_area_dm2", rule="AREA", what="the area")
        require_hashed(cmd.av_evidence)
        return [IllegalConstructionDiscovered(
            occurred_at=cmd.occurred_at, actors=cmd.actors, case_id=cmd.case_id, town=cmd.town, unit=cmd.unit,
            party=cmd.party, violation_type=cmd.violation_type, place=cmd.place, description=cmd.description,
            item_code=cmd.item_code, structure_count=cmd.structure_count, estimated_area_dm2=cmd.estimated_area_dm2,
            source_finding_id=cmd.source_finding_id, source_order_id=cmd.source_order_id,
            av_evidence=cmd.av_evidence)]

    def _stop(self, state: ConstructionState, cmd: IssueStopOrder, ctx: Context) -> list[Event]:
        require_text(cmd.order_number, field="order_number", rule="DOCUMENT_NUMBER", what="the stop order's number")
        return [StopOrderIssued(occurred_at=cmd.occurred_at, actors=cmd.actors, order_number=cmd.order_number)]

    def _decide(self, state: ConstructionState, cmd: DecideCorrectionOrDemolition, ctx: Context) -> list[Event]:
        if state.status is S.SELF_DEMOLITION_DEADLINE and not (
                state.decision_kind is DecisionKind.CORRECT and cmd.kind is DecisionKind.DEMOLISH):
            raise RuleViolation("after a lapsed period only an uncorrected correction order leads to a new "
                                "decision, and that decision is demolition", rule="DEMOLITION_AFTER_CORRECTION",
                                field="kind", article="URPL 64")
        require_text(cmd.decision_number, field="decision_number", rule="DOCUMENT_NUMBER",
                     what="the decision's number")
        if cmd.legal_basis not in LEGAL_BASES:
            raise ValidationError(f"the basis is URPL 64 or URPL 65, not {cmd.legal_basis!r}", rule="LEGAL_BASIS",
                                  field="legal_basis", article="URPL 64")
        require_positive(cmd.deadline_days, field="deadline_days", rule="DEADLINE_DAYS", what="the period")
        return [CorrectionOrDemolitionDecided(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                              decision_number=cmd.decision_number, kind=cmd.kind,
                                              legal_basis=cmd.legal_basis, deadline_days=cmd.deadline_days)]

    def _serve(self, state: ConstructionState, cmd: ServeConstructionDecision, ctx: Context) -> list[Event]:
        return [
            ConstructionDecisionServed(occurred_at=cmd.occurred_at, actors=cmd.actors, method=cmd.method),
            self._clock("D30", SELF_DEMOLITION_CLOCK, cmd, ctx, state.deadline_days),
            self._clock("D19", RECONSIDERATION_CLOCK, cmd, ctx),
            self._clock("D23", LITIGATION_CLOCK, cmd, ctx),
        ]

    def _lapsed(self, state: ConstructionState, cmd: RecordDeadlineLapsed, ctx: Context) -> list[Event]:
        _require_lapsed(state, SELF_DEMOLITION_CLOCK, cmd.occurred_at, rule="SELF_DEMOLITION_PERIOD_RUNNING",
                        what="the party's period to demolish or correct", article="URPL 64")
        require_text(cmd.site_record, field="site_record", rule="SITE_RECORD", article="APL 47",
                     what="a site record showing the structure still stands")
        require_hashed(cmd.av_evidence)
        return [SelfDemolitionDeadlineLapsed(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                             site_record=cmd.site_record, av_evidence=cmd.av_evidence)]

    def _announce(self, state: ConstructionState, cmd: AnnounceDemolition, ctx: Context) -> list[Event]:
        if state.decision_kind is not DecisionKind.DEMOLISH:
            raise RuleViolation("only a demolition decision is announced for forced demolition",
                                rule="ANNOUNCE_ONLY_DEMOLITION", field="status", article="ACL 44")
        require_text(cmd.announcement_number, field="announcement_number", rule="DOCUMENT_NUMBER",
                     what="the announcement's number")
        require_positive(cmd.deadline_days, field="deadline_days", rule="DEADLINE_DAYS", what="the period")
        return [DemolitionAnnounced(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                    announcement_number=cmd.announcement_number, deadline_days=cmd.deadline_days),
                self._clock("D30", ANNOUNCEMENT_CLOCK, cmd, ctx, cmd.deadline_days)]

    def _demand(self, state: ConstructionState, cmd: ServeDemand, ctx: Context) -> list[Event]:
        _require_lapsed(state, ANNOUNCEMENT_CLOCK, cmd.occurred_at, rule="ANNOUNCEMENT_PERIOD_RUNNING",
                        what="the period set in the announcement", article="ACL 44")
        _require_no_pending_challenge(state, "ACL 44")
        for kind, key in WINDOW_CLOCKS.items():
            if kind in state.upheld_challenges:
                continue
            _require_lapsed(state, key, cmd.occurred_at, rule=f"{kind.value}_WINDOW_OPEN",
                            what=f"the party's {kind.value.lower()} window", article="ACL 44")
        require_text(cmd.demand_number, field="demand_number", rule="DOCUMENT_NUMBER", what="the demand's number")
        require_positive(cmd.deadline_days, field="deadline_days", rule="DEADLINE_DAYS", what="the period")
        return [DemolitionDemandServed(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                       demand_number=cmd.demand_number, deadline_days=cmd.deadline_days),
                self._clock("D30", DEMAND_CLOCK, cmd, ctx, cmd.deadline_days)]

    def _forced(self, state: ConstructionState, cmd: DecideForcedDemolition, ctx: Context) -> list[Event]:
        _require_lapsed(state, DEMAND_CLOCK, cmd.occurred_at, rule="DEMAND_PERIOD_RUNNING",
                        what="the period set in the demand", article="ACL 37")
        _require_no_pending_challenge(state, "ACL 44")
        require_text(cmd.decision_number, field="decision_number", rule="DOCUMENT_NUMBER",
                     what="the decision's number")
        return [ForcedDemolitionDecided(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                        decision_number=cmd.decision_number)]

    def _demolish(self, state: ConstructionState, cmd: CompleteDemolition, ctx: Context) -> list[Event]:
        if cmd.started_at.tzinfo is None or cmd.started_at > cmd.occurred_at:
            raise ValidationError("the demolition starts before it ends", rule="STEP_ORDER", field="started_at")
        if state.last_occurred_at is not None and cmd.started_at < state.last_occurred_at:
            raise ValidationError("the demolition cannot start before the forced-demolition decision",
                                  rule="STEP_ORDER", field="started_at")
        if cmd.emergency:
            require_text(cmd.emergency_reason, field="emergency_reason", rule="EMERGENCY_REASON",
                         article="ACL 43", what="the emergency that justifies execution at night or on a day off")
        else:
            require_daytime_on_working_days(cmd.started_at, cmd.occurred_at, ctx.calendar)
        _require_area(cmd.count, cmd.area_dm2)
        require_hashed(cmd.av_evidence)
        return [DemolitionCompleted(occurred_at=cmd.occurred_at, actors=cmd.actors, count=cmd.count,
                                    area_dm2=cmd.area_dm2, started_at=cmd.started_at, av_evidence=cmd.av_evidence,
                                    emergency=cmd.emergency, emergency_reason=cmd.emergency_reason),
                *cancel_all(state.clocks, occurred_at=cmd.occurred_at, reason="demolished")]

    def _self_demolished(self, state: ConstructionState, cmd: VerifySelfDemolition, ctx: Context) -> list[Event]:
        _require_area(cmd.count, cmd.area_dm2)
        require_text(cmd.site_record, field="site_record", rule="SITE_RECORD", article="APL 47",
                     what="a site record of the verification")
        require_hashed(cmd.av_evidence)
        return [SelfDemolitionVerified(occurred_at=cmd.occurred_at, actors=cmd.actors, count=cmd.count,
                                       area_dm2=cmd.area_dm2, site_record=cmd.site_record,
                                       av_evidence=cmd.av_evidence),
                *cancel_all(state.clocks, occurred_at=cmd.occurred_at, reason="demolished by the party")]

    def _corrected(self, state: ConstructionState, cmd: VerifyCorrection, ctx: Context) -> list[Event]:
        if state.decision_kind is not DecisionKind.CORRECT:
            raise RuleViolation("a demolition decision is not discharged by a correction; verify the demolition",
                                rule="CORRECTION_ONLY_FOR_CORRECT", field="status", article="URPL 64")
        require_text(cmd.site_record, field="site_record", rule="SITE_RECORD", article="APL 47",
                     what="a site record of the verification")
        require_hashed(cmd.av_evidence)
        return [CorrectionVerified(occurred_at=cmd.occurred_at, actors=cmd.actors, site_record=cmd.site_record,
                                   av_evidence=cmd.av_evidence),
                *cancel_all(state.clocks, occurred_at=cmd.occurred_at, reason="corrected")]

    def _challenge(self, state: ConstructionState, cmd: RecordChallenge, ctx: Context) -> list[Event]:
        if cmd.kind in state.pending_challenges:
            raise ValidationError(f"a {cmd.kind.value.lower()} is already pending", rule="CHALLENGE_ALREADY_PENDING",
                                  field="kind")
        require_text(cmd.reference, field="reference", rule="CHALLENGE_REFERENCE", what="the case number")
        return [ChallengeRecorded(occurred_at=cmd.occurred_at, actors=cmd.actors, kind=cmd.kind,
                                  reference=cmd.reference)]

    def _challenge_outcome(self, state: ConstructionState, cmd: RecordChallengeOutcome, ctx: Context) -> list[Event]:
        if cmd.kind not in state.pending_challenges:
            raise ValidationError(f"no {cmd.kind.value.lower()} is pending", rule="NO_PENDING_CHALLENGE",
                                  field="kind")
        require_text(cmd.reference, field="reference", rule="CHALLENGE_REFERENCE", what="the case number")
        events: list[Event] = [ChallengeConcluded(occurred_at=cmd.occurred_at, actors=cmd.actors, kind=cmd.kind,
                                                  upheld=cmd.upheld, reference=cmd.reference)]
        if not cmd.upheld:
            events += cancel_all(state.clocks, occurred_at=cmd.occurred_at, reason="decision set aside")
        return events


def _discovered(state: ConstructionState, e: IllegalConstructionDiscovered) -> ConstructionState:
    return replace(state, status=S.DISCOVERED, case_id=e.case_id, town=e.town, unit=e.unit, party=e.party,
                   violation_type=e.violation_type, place=e.place, description=e.description, item_code=e.item_code,
                   structure_count=e.structure_count, estimated_area_dm2=e.estimated_area_dm2,
                   source_finding_id=e.source_finding_id, source_order_id=e.source_order_id)


def _concluded(state: ConstructionState, e: ChallengeConcluded) -> ConstructionState:
    pending = state.pending_challenges - {e.kind}
    if not e.upheld:
        return replace(state, status=S.QUASHED, pending_challenges=pending)
    return replace(state, pending_challenges=pending, upheld_challenges=state.upheld_challenges | {e.kind})


DECIDER = ConstructionDecider()
