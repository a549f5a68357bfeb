"""Events of a disclosure stream. `DisclosurePublished` is what statistics count: it carries the decision's
moment, the due date and the publication moment, so disclosure rate and on-time rate need nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.cases.proposal import DecisionType
from domain.deadlines.clock_events import CLOCK_EVENTS
from domain.disclosure.content import Publication
from domain.disclosure.state import DeliveryAction, NotPublishedReason
from domain.messages import Event, EventRegistry


@dataclass(frozen=True, kw_only=True)
class DisclosureOpened(Event):
    disclosure_id: str
    case_id: str
    town: str
    unit: str
    decision_no: str
    decision_version: str
    decision_type: DecisionType
    decided_at: datetime
    served_at: datetime
    case_officers: tuple[str, ...]
    publication: Publication  # masked: what will be published, byte for byte
    idempotency_key: str
    withdrawal_key: str


@dataclass(frozen=True, kw_only=True)
class DisclosureNotPublished(Event):
    disclosure_id: str
    case_id: str
    decided_at: datetime
    reason: NotPublishedReason
    explanation: str


@dataclass(frozen=True, kw_only=True)
class DisclosurePublished(Event):
    disclosure_id: str
    case_id: str
    decision_no: str
    decided_at: datetime  # the decision's occurred_at
    served_at: datetime
    due_on: date | None  # D17 as it stood
    published_at: datetime  # = occurred_at
    on_time: bool
    receipt_id: str
    platform_accepted_at: str
    channel: str


@dataclass(frozen=True, kw_only=True)
class DisclosureDeliveryFailed(Event):
    action: DeliveryAction
    reason: str


@dataclass(frozen=True, kw_only=True)
class DisclosureDeliveryRetried(Event):
    action: DeliveryAction


@dataclass(frozen=True, kw_only=True)
class DisclosureWithdrawalDue(Event):
    disclosure_id: str
    case_id: str
    outcome: str
    standing: str


@dataclass(frozen=True, kw_only=True)
class DisclosureWithdrawn(Event):
    disclosure_id: str
    case_id: str
    decision_no: str
    due_on: date | None  # D18 as it stood
    on_time: bool
    receipt_id: str


DISCLOSURE_EVENTS: tuple[type[Event], ...] = (
    DisclosureOpened, DisclosureNotPublished, DisclosurePublished, DisclosureDeliveryFailed,
    DisclosureDeliveryRetried, DisclosureWithdrawalDue, DisclosureWithdrawn,
)
EVENTS = EventRegistry((*DISCLOSURE_EVENTS, *CLOCK_EVENTS))
