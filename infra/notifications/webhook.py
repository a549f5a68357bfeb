"""The outgoing webhook a town points at its SMS or WeChat Work gateway, sent from the `notifications` outbox.

Each notification is POSTed once per attempt as JSON with the headers a receiver needs to trust and dedupe it:
`X-Zhifa-Timestamp` (Unix seconds), `X-Zhifa-Signature: sha256=<hex>` (HMAC-SHA256 with the shared secret over
`"{timestamp}." + body`, so a captured request cannot be replayed with another time) and `Idempotency-Key` (from the
notification's key, the same on every retry). A row is marked delivered only after a 2xx; anything else (an
error status, a refused connection, a timeout) counts an attempt and puts the next one off, doubling each time
up to an hour. Delivery is at least once: a receiver that answered 2xx too late for us to see is sent the
notification again, under the same Idempotency-Key, which is what the receiver dedupes on.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.models_notifications import notifications

log = logging.getLogger("zhifa.notifications")

SIGNATURE_HEADER = "X-Zhifa-Signature"
TIMESTAMP_HEADER = "X-Zhifa-Timestamp"
IDEMPOTENCY_HEADER = "Idempotency-Key"
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
BATCH = 100
KIND_ZH = {"WARNING": "预警", "BREACHED": "超期"}


@dataclass(frozen=True)
class WebhookSettings:
    url: str
    secret: str
    timeout_seconds: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WebhookSettings | None:
        """`ZHIFA_NOTIFY_WEBHOOK_URL` and `ZHIFA_NOTIFY_WEBHOOK_SECRET`; None when no URL is set (inbox only)."""
        url = env.get("ZHIFA_NOTIFY_WEBHOOK_URL", "").strip()
        if not url:
            return None
        secret = env.get("ZHIFA_NOTIFY_WEBHOOK_SECRET", "")
        if not secret:
            raise ValueError("ZHIFA_NOTIFY_WEBHOOK_URL is set without ZHIFA_NOTIFY_WEBHOOK_SECRET: "
                             "a receiver could not tell our requests from anyone's")
        return cls(url=url, secret=secret)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, signed: str) -> bool:
    """What a receiver checks (constant time); it should also refuse timestamps far from its own clock."""
    return hmac.compare_digest(signature(secret, timestamp, body), signed)


def idempotency_key(key: str) -> str:
    """The header's ASCII form of a notification's key (stream ids may be Chinese; headers are bytes of ASCII)."""
    return "zhifa-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4 … minutes, at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def message_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The body: the facts, and a ready-made Chinese text for a gateway that only forwards text."""
    text = (f"【{KIND_ZH.get(row['kind'], row['kind'])}】案件{row['case_no'] or row['stream_id']}的"
            f"「{row['deadline_name']}」期限{'将于' if row['kind'] == 'WARNING' else '已于'}"
            f"{row['due_on'].isoformat()}{'届满' if row['kind'] == 'WARNING' else '届满未办结'}")
    return {"id": row["id"], "idempotencyKey": idempotency_key(row["key"]),
            "key": row["key"], "kind": row["kind"], "recipient": row["recipient"],
            "town": row["town"], "caseId": row["stream_id"], "caseNo": row["case_no"],
            "deadlineId": row["deadline_id"], "deadlineName": row["deadline_name"],
            "dueOn": row["due_on"].isoformat(), "occurredAt": row["occurred_at"].isoformat(), "text": text}


@dataclass(frozen=True)
class DeliveryReport:
    delivered: int
    failed: int


async def deliver_due(engine: AsyncEngine, settings: WebhookSettings, http: httpx.AsyncClient,
                      now: datetime) -> DeliveryReport:
    """One pass over the outbox: every undelivered notification whose next attempt is due, oldest first."""
    N = notifications.c
    async with engine.connect() as conn:
        rows = (await conn.execute(
            select(notifications).where(N.delivered_at.is_(None),
                                        or_(N.next_attempt_at.is_(None), N.next_attempt_at <= now))
            .order_by(N.id).limit(BATCH))).mappings().all()
    delivered = failed = 0
    for row in rows:
        error = await _send(settings, http, row, now)
        attempts = int(row["attempts"]) + 1
        values: dict[str, Any] = (
            {"delivered_at": now, "attempts": attempts, "last_error": None} if error is None else
            {"attempts": attempts, "next_attempt_at": now + backoff(attempts), "last_error": error[:500]})
        async with engine.begin() as conn:
            await conn.execute(update(notifications).where(N.id == row["id"], N.delivered_at.is_(None))
                               .values(**values))
        delivered, failed = (delivered + 1, failed) if error is None else (delivered, failed + 1)
    return DeliveryReport(delivered, failed)


async def _send(settings: WebhookSettings, http: httpx.AsyncClient, row: Mapping[str, Any],
                now: datetime) -> str | None:
    """None after a 2xx, else what went wrong."""
    body = json.dumps(message_of(row), ensure_ascii=False, sort_keys=True).encode("utf-8")
    timestamp = str(int(now.timestamp()))
    headers = {"Content-Type": "application/json; charset=utf-8", TIMESTAMP_HEADER: timestamp,
               SIGNATURE_HEADER: signature(settings.secret, timestamp, body),
               IDEMPOTENCY_HEADER: idempotency_key(str(row["key"]))}
    try:
        response = await http.post(settings.url, content=body, headers=headers, timeout=settings.timeout_seconds)
    except httpx.HTTPError as error:
        log.warning("notification %s not delivered: %s", row["key"], error)
        return f"{type(error).__name__}: {error}"
    if 200 <= response.status_code < 300:
        return None
    log.warning("notification %s refused by the receiver: HTTP %s", row["key"], response.status_code)
    return f"HTTP {response.status_code}"


async def run_delivery(engine: AsyncEngine, settings: WebhookSettings, clock: Callable[[], datetime], *,
                       every: float = 60.0) -> None:
    """The worker's background loop: a pass every `every` seconds until cancelled. A pass that fails (the
    database is down) is logged and tried again on the next round; the outbox keeps what was not sent."""
    async with httpx.AsyncClient() as http:
        while True:
            try:
                report = await deliver_due(engine, settings, http, clock())
                if report.delivered or report.failed:
                    log.info("notifications: %d delivered, %d to retry", report.delivered, report.failed)
            except Exception:
                log.exception("notification delivery pass failed; retrying next round")
            await asyncio.sleep(every)
