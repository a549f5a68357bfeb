"""The simple procedure's transitions as data. No legal review and no collective discussion (APL 51–53)."""

from __future__ import annotations

from domain.reference import Role
from domain.simple.commands import (
    CloseSimpleCase,
    CollectFineOnTheSpot,
    DecideOnTheSpot,
    DecideSimplePenalty,
    DeliverDecision,
    FileWithAgency,
    HandOverCash,
    HearStatement,
    IdentifyOfficers,
    InformParty,
    RecordBankPayment,
)
from domain.simple.state import SimpleStatus as S
from domain.tasks import Transition, table

AFTER_DELIVERY = frozenset({S.DELIVERED, S.FILED_WITH_AGENCY})

TRANSITIONS = table(
    Transition(IdentifyOfficers, frozenset({S.NEW}), S.IDENTIFIED, Role.OFFICER, "APL 52", field_action=True),
    Transition(InformParty, frozenset({S.IDENTIFIED}), S.INFORMED, Role.OFFICER, "APL 44", field_action=True),
    Transition(HearStatement, frozenset({S.INFORMED}), S.STATEMENT_HEARD, Role.OFFICER, "APL 45",
               field_action=True),
    Transition(DecideSimplePenalty, frozenset({S.STATEMENT_HEARD}), S.DECIDED, Role.OFFICER, "APL 51",
               field_action=True),
    Transition(DeliverDecision, frozenset({S.DECIDED}), S.DELIVERED, Role.OFFICER, "APL 52", field_action=True),
    Transition(DecideOnTheSpot, frozenset({S.NEW}), S.DELIVERED, Role.OFFICER, "APL 51", field_action=True),
    Transition(CollectFineOnTheSpot, AFTER_DELIVERY, None, Role.OFFICER, "APL 68", field_action=True),
    Transition(HandOverCash, AFTER_DELIVERY, None, Role.OFFICER, "APL 71"),
    Transition(RecordBankPayment, AFTER_DELIVERY, None, Role.OFFICER, "APL 67", system_allowed=True),
    Transition(FileWithAgency, frozenset({S.DELIVERED}), S.FILED_WITH_AGENCY, Role.OFFICER, "APL 52"),
    Transition(CloseSimpleCase, frozenset({S.FILED_WITH_AGENCY}), S.CLOSED, Role.PRINCIPAL),
)
