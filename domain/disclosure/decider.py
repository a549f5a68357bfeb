"""The disclosure stream's decider: publication on the supervision platform within D17, withdrawal within D18."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.cases.proposal import DecisionType
from domain.deadlines.clock_events import ACTIVE, ClockStatus, DeadlineBreached
from domain.deadlines.clocks import cancel_all, satisfy, start
from domain.deadlines.local_time import local_date
from domain.decider import Context
from domain.disclosure import commands as c
from domain.disclosure import events as e
from domain.disclosure.content import idempotency_key, publication
from domain.disclosure.scope import not_published
from domain.disclosure.state import (
    PUBLISH_CLOCK,
    WITHDRAW_CLOCK,
    DeliveryAction,
    DisclosureState,
    DisclosureStatus,
    NotPublishedReason,
)
from domain.disclosure.transitions import TRANSITIONS
from domain.errors import ValidationError
from domain.frozen import replace
from domain.messages import SYSTEM_ACTOR, Event
from domain.table_decider import TableDecider

S = DisclosureStatus


def _finish(state: DisclosureState, key: str, event_at: datetime) -> tuple[list[Event], bool]:
    """The act the clock waits for happened: satisfied in time, or breached if late (a clock already breached
    stays breached: DOMAIN.md invariant 3). Returns the clock events and whether the act was on time."""
    clock = state.clocks.get(key)
    if clock is None:
        return [], True
    if clock.status is ClockStatus.BREACHED:
        return [], False
    if clock.status in ACTIVE and local_date(event_at) > clock.due_on:
        return [DeadlineBreached(occurred_at=event_at, actors=(SYSTEM_ACTOR,), clock_key=key,
                                 deadline_id=clock.deadline_id, due_on=clock.due_on)], False
    return satisfy(state.clocks, key, occurred_at=event_at), True


class DisclosureDecider(TableDecider[DisclosureState]):
    def __init__(self) -> None:
        super().__init__(procedure="disclosure", transitions=TRANSITIONS, handlers={
            c.OpenDisclosure: self._open,
            c.RecordPublication: self._published,
            c.RecordDeliveryFailure: self._failed,
            c.RetryDelivery: self._retry,
            c.WithholdDisclosure: self._withhold,
            c.RequireWithdrawal: self._require_withdrawal,
            c.RecordWithdrawal: self._withdrawn,
        }, folders={
            e.DisclosureOpened: _opened,
            e.DisclosureNotPublished: lambda s, ev: replace(s, status=S.NOT_PUBLISHED,
                                                            not_published_reason=ev.reason),
            e.DisclosurePublished: lambda s, ev: replace(s, status=S.PUBLISHED, receipt_id=ev.receipt_id,
                                                         published_at=ev.published_at),
            e.DisclosureDeliveryFailed: lambda s, ev: replace(
                s, status=S.DELIVERY_FAILED if ev.action is DeliveryAction.PUBLISH else S.WITHDRAWAL_FAILED,
                delivery_failure=ev.reason),
            e.DisclosureDeliveryRetried: lambda s, ev: replace(
                s, status=S.DUE if ev.action is DeliveryAction.PUBLISH else S.WITHDRAWAL_DUE, delivery_failure=""),
            e.DisclosureWithdrawalDue: lambda s, ev: replace(s, status=S.WITHDRAWAL_DUE,
                                                             withdrawal_reason=ev.outcome),
            e.DisclosureWithdrawn: lambda s, ev: replace(s, status=S.WITHDRAWN, withdrawal_receipt_id=ev.receipt_id),
        })

    def initial(self) -> DisclosureState:
        return DisclosureState()

    def decide(self, state: DisclosureState, command: Any, ctx: Context) -> list[Event]:
        """An outcome that predates the stream's last step (it was entered late, or reached the stream after a
        publication) asks for withdrawal from that step on: D18 counts from when the stream can act on it."""
        last = state.last_occurred_at
        if isinstance(command, c.RequireWithdrawal) and last is not None and command.occurred_at < last:
            command = replace(command, occurred_at=last)
        return super().decide(state, command, ctx)

    def _open(self, state: DisclosureState, cmd: c.OpenDisclosure, ctx: Context) -> list[Event]:
        content = cmd.content
        for name, value in (("disclosure_id", cmd.disclosure_id), ("content.decision_no", content.decision_no),
                            ("content.case_id", content.case_id)):
            if not value.strip():
                raise ValidationError(f"{name} must be given", rule="REQUIRED_FIELD", field=name.rsplit(".")[-1])
        if content.served_at > cmd.occurred_at:
            raise ValidationError("a disclosure opens once the decision is served", rule="SERVED_FIRST",
                                  field="occurred_at", article="APL 48")
        opened = e.DisclosureOpened(
            occurred_at=cmd.occurred_at, actors=cmd.actors, disclosure_id=cmd.disclosure_id,
            case_id=content.case_id, town=content.town, unit=content.unit, decision_no=content.decision_no,
            decision_version=content.version, decision_type=content.decision_type, decided_at=content.decided_at,
            served_at=content.served_at, case_officers=cmd.case_officers, publication=publication(content),
            idempotency_key=idempotency_key(content.case_id, content.version),
            withdrawal_key=idempotency_key(content.case_id, content.version, "withdraw"))
        withheld = not_published(content, ctx.profile)
        if withheld is not None:
            reason, explanation = withheld
            return [opened, e.DisclosureNotPublished(
                occurred_at=cmd.occurred_at, actors=cmd.actors, disclosure_id=cmd.disclosure_id,
                case_id=content.case_id, decided_at=content.decided_at, reason=reason, explanation=explanation)]
        deadline = "D17" if content.decision_type is DecisionType.PENALTY else "D17B"
        return [opened, start(deadline, local_date(content.served_at), occurred_at=cmd.occurred_at,
                              cal=ctx.calendar, profile=ctx.profile, key=PUBLISH_CLOCK)]

    def _published(self, state: DisclosureState, cmd: c.RecordPublication, ctx: Context) -> list[Event]:
        assert state.publication is not None and state.decided_at is not None and state.served_at is not None
        clock = state.clocks.get(PUBLISH_CLOCK)
        clock_events, on_time = _finish(state, PUBLISH_CLOCK, cmd.occurred_at)
        return [e.DisclosurePublished(
            occurred_at=cmd.occurred_at, actors=cmd.actors, disclosure_id=state.disclosure_id,
            case_id=state.case_id, decision_no=state.publication.decision_no, decided_at=state.decided_at,
            served_at=state.served_at, due_on=clock.due_on if clock else None, published_at=cmd.occurred_at,
            on_time=on_time, receipt_id=cmd.receipt_id, platform_accepted_at=cmd.platform_accepted_at,
            channel=cmd.channel), *clock_events]

    def _failed(self, state: DisclosureState, cmd: c.RecordDeliveryFailure, ctx: Context) -> list[Event]:
        if cmd.action is not state.delivery_due:
            raise ValidationError(f"no {cmd.action.value} delivery is under way", rule="DELIVERY_DUE",
                                  field="action")
        return [e.DisclosureDeliveryFailed(occurred_at=cmd.occurred_at, actors=cmd.actors, action=cmd.action,
                                           reason=cmd.reason)]

    def _retry(self, state: DisclosureState, cmd: c.RetryDelivery, ctx: Context) -> list[Event]:
        action = DeliveryAction.PUBLISH if state.status is S.DELIVERY_FAILED else DeliveryAction.WITHDRAW
        return [e.DisclosureDeliveryRetried(occurred_at=cmd.occurred_at, actors=cmd.actors, action=action)]

    def _withhold(self, state: DisclosureState, cmd: c.WithholdDisclosure, ctx: Context) -> list[Event]:
        if not cmd.explanation.strip():
            raise ValidationError("the reasons for not publishing must be given", rule="REASONS_REQUIRED",
                                  field="explanation", article="APL 48")
        return self._not_published(state, cmd, cmd.reason, cmd.explanation)

    def _not_published(self, state: DisclosureState, cmd: c.WithholdDisclosure | c.RequireWithdrawal,
                       reason: NotPublishedReason, explanation: str) -> list[Event]:
        assert state.decided_at is not None
        return [e.DisclosureNotPublished(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                         disclosure_id=state.disclosure_id, case_id=state.case_id,
                                         decided_at=state.decided_at, reason=reason, explanation=explanation),
                *cancel_all(state.clocks, occurred_at=cmd.occurred_at, reason=f"not published: {reason.value}")]

    def _require_withdrawal(self, state: DisclosureState, cmd: c.RequireWithdrawal, ctx: Context) -> list[Event]:
        if state.status is not S.PUBLISHED:
            return self._not_published(state, cmd, NotPublishedReason.DECISION_CHANGED,
                                       f"决定在公示前已被变更或撤销（{cmd.outcome}）")
        return [e.DisclosureWithdrawalDue(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                          disclosure_id=state.disclosure_id, case_id=state.case_id,
                                          outcome=cmd.outcome, standing=cmd.standing),
                start("D18", local_date(cmd.occurred_at), occurred_at=cmd.occurred_at, cal=ctx.calendar,
                      profile=ctx.profile, key=WITHDRAW_CLOCK)]

    def _withdrawn(self, state: DisclosureState, cmd: c.RecordWithdrawal, ctx: Context) -> list[Event]:
        assert state.publication is not None
        clock = state.clocks.get(WITHDRAW_CLOCK)
        clock_events, on_time = _finish(state, WITHDRAW_CLOCK, cmd.occurred_at)
        return [e.DisclosureWithdrawn(occurred_at=cmd.occurred_at, actors=cmd.actors,
                                      disclosure_id=state.disclosure_id, case_id=state.case_id,
                                      decision_no=state.publication.decision_no,
                                      due_on=clock.due_on if clock else None, on_time=on_time,
                                      receipt_id=cmd.receipt_id), *clock_events]


def _opened(state: DisclosureState, ev: e.DisclosureOpened) -> DisclosureState:
    return replace(state, status=S.DUE, disclosure_id=ev.disclosure_id, case_id=ev.case_id, town=ev.town,
                   unit=ev.unit, violation_type=ev.publication.violation_type, case_officers=ev.case_officers,
                   decided_at=ev.decided_at, served_at=ev.served_at, publication=ev.publication,
                   idempotency_key=ev.idempotency_key, withdrawal_key=ev.withdrawal_key)


DECIDER = DisclosureDecider()
