"""Disclosure (公示) of one decision: DUE → PUBLISHED | NOT_PUBLISHED; PUBLISHED → WITHDRAWAL_DUE → WITHDRAWN.

Clock D17 (D17B for decisions other than penalties) runs from service of the decision until publication; D18
(3 WD, APL 48) from an outcome that changed, revoked or found the decision illegal or void until withdrawal.
A delivery the platform refused for good waits for an officer (DELIVERY_FAILED / WITHDRAWAL_FAILED).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from domain.deadlines.clocks import Clocks
from domain.disclosure.content import Publication


class DisclosureStatus(enum.StrEnum):
    NEW = "NEW"
    DUE = "DUE"
    DELIVERY_FAILED = "DELIVERY_FAILED"
    PUBLISHED = "PUBLISHED"
    NOT_PUBLISHED = "NOT_PUBLISHED"
    WITHDRAWAL_DUE = "WITHDRAWAL_DUE"
    WITHDRAWAL_FAILED = "WITHDRAWAL_FAILED"
    WITHDRAWN = "WITHDRAWN"


class NotPublishedReason(enum.StrEnum):
    MINOR = "MINOR"  # the party is a minor (未成年人保护法 / APL 48: not published)
    PRIVATE_FACTS = "PRIVATE_FACTS"  # personal privacy or business secrets (政府信息公开条例 15)
    OUT_OF_SCOPE = "OUT_OF_SCOPE"  # the town's scope policy (social-impact decisions only) leaves it out
    DECISION_CHANGED = "DECISION_CHANGED"  # changed or revoked before it was published
    WITHHELD = "WITHHELD"  # an officer withheld it, with reasons


class DeliveryAction(enum.StrEnum):
    PUBLISH = "PUBLISH"
    WITHDRAW = "WITHDRAW"


FINISHED = frozenset({DisclosureStatus.NOT_PUBLISHED, DisclosureStatus.WITHDRAWN})
PUBLISH_CLOCK = "D17"  # the key of the publication clock (deadline D17 or D17B)
WITHDRAW_CLOCK = "D18"


@dataclass(frozen=True)
class DisclosureState:
    status: DisclosureStatus = DisclosureStatus.NEW
    disclosure_id: str = ""
    case_id: str = ""
    town: str = ""
    unit: str = ""
    violation_type: str = ""
    case_officers: tuple[str, ...] = ()
    decided_at: datetime | None = None
    served_at: datetime | None = None
    publication: Publication | None = None
    idempotency_key: str = ""
    withdrawal_key: str = ""
    receipt_id: str | None = None
    published_at: datetime | None = None
    withdrawal_reason: str = ""
    withdrawal_receipt_id: str | None = None
    not_published_reason: NotPublishedReason | None = None
    delivery_failure: str = ""
    clocks: Clocks = field(default_factory=dict)
    last_occurred_at: datetime | None = None

    @property
    def delivery_due(self) -> DeliveryAction | None:
        """What the workflow must deliver to the platform now, if anything."""
        if self.status is DisclosureStatus.DUE:
            return DeliveryAction.PUBLISH
        if self.status is DisclosureStatus.WITHDRAWAL_DUE:
            return DeliveryAction.WITHDRAW
        return None
