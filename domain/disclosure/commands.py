"""Steps of a disclosure stream. The system opens it (a follow-up of the served case), records the platform's
receipts and asks for withdrawal (a follow-up of an adverse outcome); officers withhold or retry."""

from __future__ import annotations

from dataclasses import dataclass

from domain.disclosure.content import DecisionContent
from domain.disclosure.state import DeliveryAction, NotPublishedReason
from domain.messages import Command


@dataclass(frozen=True, kw_only=True)
class OpenDisclosure(Command):
    disclosure_id: str
    content: DecisionContent
    case_officers: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RecordPublication(Command):
    receipt_id: str
    platform_accepted_at: str
    channel: str


@dataclass(frozen=True, kw_only=True)
class RecordDeliveryFailure(Command):
    action: DeliveryAction
    reason: str


@dataclass(frozen=True, kw_only=True)
class RetryDelivery(Command):
    pass


@dataclass(frozen=True, kw_only=True)
class WithholdDisclosure(Command):
    reason: NotPublishedReason
    explanation: str


@dataclass(frozen=True, kw_only=True)
class RequireWithdrawal(Command):
    outcome: str  # the reconsideration or judgment outcome
    standing: str  # the decision's standing after it (CHANGED, REVOKED, CONFIRMED_ILLEGAL, CONFIRMED_VOID)


@dataclass(frozen=True, kw_only=True)
class RecordWithdrawal(Command):
    receipt_id: str
