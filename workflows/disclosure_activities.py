"""Activities that deliver disclosures to the supervision platform, through a port the composition root fills
with the platform client (workflows never import infra).

The body is built in the workflow from the stream's state (the domain's canonical JSON), so every retry sends the
same bytes under the same Idempotency-Key. A refusal the platform gives for good raises an error whose class is
named in `NON_RETRYABLE_DELIVERY_ERRORS`; anything else (timeouts, 5xx, connection failures) is retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from temporalio import activity

# Matched by exception class name (the client's `PlatformRejected`), so workflows need not import infra.
NON_RETRYABLE_DELIVERY_ERRORS = ["PlatformRejected"]


@dataclass
class PublishRequest:
    disclosure_id: str
    idempotency_key: str
    decision_no: str
    body: str  # canonical JSON, sent as UTF-8 bytes


@dataclass
class WithdrawRequest:
    disclosure_id: str
    idempotency_key: str
    body: str


@dataclass
class DeliveryReceipt:
    receipt_id: str
    accepted_at: str
    replayed: bool


class ReceiptPort(Protocol):
    @property
    def record_id(self) -> str: ...

    @property
    def accepted_at(self) -> str: ...

    @property
    def replayed(self) -> bool: ...


class SupervisionPort(Protocol):
    async def publish(self, idempotency_key: str, decision_no: str, body: bytes) -> ReceiptPort: ...

    async def withdraw(self, idempotency_key: str, body: bytes) -> ReceiptPort: ...


class DisclosureActivities:
    def __init__(self, platform: SupervisionPort) -> None:
        self._platform = platform

    @activity.defn(name="publish_disclosure")
    async def publish(self, request: PublishRequest) -> DeliveryReceipt:
        receipt = await self._platform.publish(request.idempotency_key, request.decision_no,
                                               request.body.encode("utf-8"))
        return DeliveryReceipt(receipt.record_id, receipt.accepted_at, receipt.replayed)

    @activity.defn(name="withdraw_disclosure")
    async def withdraw(self, request: WithdrawRequest) -> DeliveryReceipt:
        receipt = await self._platform.withdraw(request.idempotency_key, request.body.encode("utf-8"))
        return DeliveryReceipt(receipt.record_id, receipt.accepted_at, receipt.replayed)
