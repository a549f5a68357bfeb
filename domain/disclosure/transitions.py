"""The disclosure stream's transitions as data (the folders set the status the event makes true)."""

from __future__ import annotations

from domain.disclosure.commands import (
    OpenDisclosure,
    RecordDeliveryFailure,
    RecordPublication,
    RecordWithdrawal,
    RequireWithdrawal,
    RetryDelivery,
    WithholdDisclosure,
)
from domain.disclosure.state import DisclosureStatus as S
from domain.reference import Role
from domain.tasks import Transition, table

UNPUBLISHED = frozenset({S.DUE, S.DELIVERY_FAILED})
DELIVERING = frozenset({S.DUE, S.WITHDRAWAL_DUE})
FAILED = frozenset({S.DELIVERY_FAILED, S.WITHDRAWAL_FAILED})

TRANSITIONS = table(
    Transition(OpenDisclosure, frozenset({S.NEW}), None, Role.OFFICER, "APL 48", system_allowed=True),
    Transition(RecordPublication, frozenset({S.DUE}), S.PUBLISHED, Role.OFFICER, "APL 48", system_allowed=True),
    Transition(RecordDeliveryFailure, DELIVERING, None, Role.OFFICER, system_allowed=True),
    Transition(RetryDelivery, FAILED, None, Role.OFFICER),
    Transition(WithholdDisclosure, UNPUBLISHED, S.NOT_PUBLISHED, Role.OFFICER, "APL 48"),
    Transition(RequireWithdrawal, UNPUBLISHED | {S.PUBLISHED}, None, Role.OFFICER, "APL 48", system_allowed=True),
    Transition(RecordWithdrawal, frozenset({S.WITHDRAWAL_DUE}), S.WITHDRAWN, Role.OFFICER, "APL 48",
               system_allowed=True),
)
