"""Row 16 and after the decision: withdrawal of the filing, criminal transfer (CTR: decide in 3 days, transfer in
24 hours), and reconsideration and litigation recorded against a decided case."""

from __future__ import annotations

from domain.cases import commands as c
from domain.cases import events as e
from domain.cases.case_clocks import cancel, finish
from domain.cases.dispatch import Handler
from domain.cases.guards import require_text
from domain.cases.review import ReconsiderationOutcome
from domain.cases.state import CaseState
from domain.deadlines.clocks import satisfy, start
from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.errors import RuleViolation, ValidationError
from domain.messages import Event

_ADJUSTING = frozenset({"CHANGED", "MEDIATED"})


def withdraw(state: CaseState, cmd: c.WithdrawFiling, ctx: Context) -> list[Event]:
    require_text(cmd.reason, field="reason", what="the reason for withdrawing the filing")
    return [e.FilingWithdrawn(occurred_at=cmd.occurred_at, actors=cmd.actors, reason=cmd.reason),
            *cancel(state, cmd.occurred_at, "filing withdrawn")]


def propose_criminal(state: CaseState, cmd: c.ProposeCriminalTransfer, ctx: Context) -> list[Event]:
    require_text(cmd.reason, field="reason", what="the suspected crime")
    if state.criminal_transfer_proposed_at is not None:
        raise ValidationError("a criminal transfer is already proposed", rule="PROPOSED_ONCE", field="reason",
                              article="CTR")
    return [e.CriminalTransferProposed(occurred_at=cmd.occurred_at, actors=cmd.actors, reason=cmd.reason),
            start("D28", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                  profile=ctx.profile)]


def approve_criminal(state: CaseState, cmd: c.ApproveCriminalTransfer, ctx: Context) -> list[Event]:
    require_text(cmd.reason, field="reason", what="the suspected crime")
    return [e.CriminalTransferApproved(occurred_at=cmd.occurred_at, actors=cmd.actors, reason=cmd.reason),
            *finish(state, "D28", cmd.occurred_at),
            *cancel(state, cmd.occurred_at, "transferred to the judiciary", keep={"D28"}),
            start("D28T", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                  profile=ctx.profile)]


def transfer_to_police(state: CaseState, cmd: c.TransferCaseToPolice, ctx: Context) -> list[Event]:
    if state.transferred_to_police_at is not None:
        raise ValidationError("the case is already with the police", rule="TRANSFERRED_ONCE", field="police_unit",
                              article="CTR")
    require_text(cmd.police_unit, field="police_unit", what="the receiving public security organ")
    require_text(cmd.letter_no, field="letter_no", what="the transfer letter")
    return [e.CaseTransferredToPolice(occurred_at=cmd.occurred_at, actors=cmd.actors, police_unit=cmd.police_unit,
                                      letter_no=cmd.letter_no), *finish(state, "D28T", cmd.occurred_at)]


def _pending(state: CaseState, kind: str) -> bool:
    return any(ch.kind == kind and ch.outcome is None for ch in state.challenges)


def _check_amount(amount: int | None, outcome: str) -> None:
    if amount is not None and (amount < 0 or outcome not in _ADJUSTING):
        raise ValidationError("a new fine comes only with a CHANGED or MEDIATED outcome, never negative",
                              rule="NEW_FINE", field="new_fine_amount_fen")


def file_reconsideration(state: CaseState, cmd: c.FileReconsideration, ctx: Context) -> list[Event]:
    require_text(cmd.authority, field="authority", what="the reconsideration authority")
    if state.challenge_pending:
        raise RuleViolation("a reconsideration or lawsuit against the decision is already pending",
                            rule="ONE_CHALLENGE_AT_A_TIME", field="occurred_at", article="ARL 29")
    return [e.ReconsiderationFiled(occurred_at=cmd.occurred_at, actors=cmd.actors, authority=cmd.authority),
            *satisfy(state.clocks, "D19", occurred_at=cmd.occurred_at)]


def decide_reconsideration(state: CaseState, cmd: c.DecideReconsideration, ctx: Context) -> list[Event]:
    if not _pending(state, "RECONSIDERATION"):
        raise ValidationError("no reconsideration is pending", rule="RECONSIDERATION_PENDING", field="outcome",
                              article="ARL 68")
    _check_amount(cmd.new_fine_amount_fen, cmd.outcome.value)
    decided = e.ReconsiderationDecided(occurred_at=cmd.occurred_at, actors=cmd.actors, outcome=cmd.outcome,
                                       new_fine_amount_fen=cmd.new_fine_amount_fen)
    if cmd.outcome is ReconsiderationOutcome.TERMINATED:
        return [decided]
    # ALL 45: the party may sue within 15 days of receiving the reconsideration decision.
    return [decided, start("D23R", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                           profile=ctx.profile)]


def file_litigation(state: CaseState, cmd: c.FileLitigation, ctx: Context) -> list[Event]:
    require_text(cmd.court, field="court", what="the court")
    if state.challenge_pending:
        raise RuleViolation("a reconsideration or lawsuit against the decision is pending; the party sues after it",
                            rule="ONE_CHALLENGE_AT_A_TIME", field="occurred_at", article="ARL 29")
    return [e.LitigationFiled(occurred_at=cmd.occurred_at, actors=cmd.actors, court=cmd.court),
            *satisfy(state.clocks, "D23", occurred_at=cmd.occurred_at),
            *satisfy(state.clocks, "D23R", occurred_at=cmd.occurred_at)]


def judge(state: CaseState, cmd: c.JudgeLitigation, ctx: Context) -> list[Event]:
    pending = [ch for ch in state.challenges if ch.kind == "LITIGATION" and ch.outcome is None]
    if not pending:
        raise ValidationError("no lawsuit is pending", rule="LITIGATION_PENDING", field="outcome", article="ALL 69")
    if cmd.instance != pending[-1].instance:
        raise ValidationError(f"the pending lawsuit is at instance {pending[-1].instance}", rule="INSTANCE",
                              field="instance")
    _check_amount(cmd.new_fine_amount_fen, cmd.outcome.value)
    return [e.LitigationJudged(occurred_at=cmd.occurred_at, actors=cmd.actors, outcome=cmd.outcome,
                               instance=cmd.instance, new_fine_amount_fen=cmd.new_fine_amount_fen)]


def appeal(state: CaseState, cmd: c.AppealLitigation, ctx: Context) -> list[Event]:
    judged = [ch for ch in state.challenges if ch.kind == "LITIGATION"]
    if not judged or judged[-1].outcome is None or judged[-1].instance != 1:
        raise ValidationError("an appeal follows a first-instance judgment", rule="FIRST_INSTANCE_JUDGED",
                              field="appellant", article="ALL 85")
    require_text(cmd.appellant, field="appellant", what="the appellant")
    return [e.LitigationAppealed(occurred_at=cmd.occurred_at, actors=cmd.actors, appellant=cmd.appellant)]


HANDLERS: dict[type, Handler] = {
    c.WithdrawFiling: withdraw,
    c.ProposeCriminalTransfer: propose_criminal,
    c.ApproveCriminalTransfer: approve_criminal,
    c.TransferCaseToPolice: transfer_to_police,
    c.FileReconsideration: file_reconsideration,
    c.DecideReconsideration: decide_reconsideration,
    c.FileLitigation: file_litigation,
    c.JudgeLitigation: judge,
    c.AppealLitigation: appeal,
}
