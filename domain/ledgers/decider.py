"""The ledger decider: one per ledger kind, each stream one enforcement unit's ledger. Entries may be entered
in any order of `occurred_at` (a spreadsheet is not chronological), never in the future, never twice."""

from __future__ import annotations

from typing import Any

from domain.decider import Context
from domain.envelope import StreamContext
from domain.errors import ValidationError
from domain.frozen import replace
from domain.ledgers import events as e
from domain.ledgers.checks import required, town_of_unit
from domain.ledgers.commands import LedgerCommand
from domain.ledgers.handlers import HANDLERS
from domain.ledgers.kinds import LedgerKind, ledger_stream_id
from domain.ledgers.state import Certificate, LedgerState
from domain.messages import Event, check_occurred_at


class LedgerDecider:
    def __init__(self, kind: LedgerKind) -> None:
        self.kind = kind
        self._handlers = HANDLERS[kind]

    def initial(self) -> LedgerState:
        return LedgerState()

    def decide(self, state: LedgerState, command: LedgerCommand, ctx: Context) -> list[Event]:
        handler = self._handlers.get(type(command))
        if handler is None:
            raise ValidationError(f"{type(command).__name__} is not an entry of the {self.kind.value} ledger",
                                  rule="LEDGER_KIND", field="command")
        check_occurred_at(command.occurred_at, ctx.recorded_at)
        required(command.entry_id, "entry_id")
        town_of_unit(ctx.reference, command.unit)
        if state.unit and command.unit != state.unit:
            raise ValidationError(f"this is the ledger of {state.unit}, not of {command.unit}", rule="LEDGER_UNIT",
                                  field="unit")
        if command.entry_id in state.entry_ids:
            raise ValidationError(f"entry {command.entry_id} is already in the ledger", rule="DUPLICATE_ENTRY",
                                  field="entry_id")
        return [handler(state, command, ctx)]

    def evolve(self, state: LedgerState, event: Event) -> LedgerState:
        if not isinstance(event, e.LedgerEvent):
            return state
        state = replace(state, entry_ids=state.entry_ids | {event.entry_id})
        return _fold(state, event)

    def bind(self, state: LedgerState, command: LedgerCommand, ctx: Context) -> LedgerState:
        """The stream's town and unit, set by its first entry."""
        if state.unit:
            return state
        return replace(state, town=town_of_unit(ctx.reference, command.unit), unit=command.unit)

    def stream_context(self, state: LedgerState) -> StreamContext:
        return StreamContext(stream_id=ledger_stream_id(self.kind, state.unit), stream_kind=self.kind.stream_kind,
                             town=state.town, unit=state.unit,
                             violation_type=state.last_violation_type if self.kind is LedgerKind.CAMPAIGN else None)


def _fold(state: LedgerState, event: Any) -> LedgerState:
    match event:
        case e.StaffMemberJoined():
            return replace(state, in_post={**state.in_post, event.person_id: event.category})
        case e.StaffMemberLeft():
            return replace(state, in_post={k: v for k, v in state.in_post.items() if k != event.person_id})
        case e.CertificateIssued():
            return replace(state, certificates={**state.certificates, event.number: Certificate(event.person_id)})
        case e.CertificateCancelled():
            return replace(state, certificates={**state.certificates,
                                                event.number: Certificate(event.person_id, cancelled=True)})
        case e.EquipmentRegistered():
            count = state.equipment.get(event.equipment, 0) + event.count
            return replace(state, equipment={**state.equipment, event.equipment: count})
        case e.EquipmentRetired():
            count = state.equipment.get(event.equipment, 0) - event.count
            return replace(state, equipment={**state.equipment, event.equipment: count})
        case e.PlatformWarningRaised():
            return replace(state, open_warnings=state.open_warnings | {event.warning_no})
        case e.PlatformWarningResolved():
            return replace(state, open_warnings=state.open_warnings - {event.warning_no})
        case e.CampaignTallyRecorded():
            return replace(state, last_violation_type=event.violation_type)
        case _:
            return state


DECIDERS: dict[LedgerKind, LedgerDecider] = {kind: LedgerDecider(kind) for kind in LedgerKind}
