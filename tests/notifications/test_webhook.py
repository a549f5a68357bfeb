"""The webhook: a warning reaches a receiver on 127.0.0.1 exactly once in effect, although the receiver fails its
first attempts (with 500, and once after taking the request in); every request is signed and carries the same
Idempotency-Key on every retry. Time is the test's clock: retries come when it says, not after real waiting."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from infra.db.engine import create_engine
from infra.db.models_notifications import notifications
from infra.notifications.webhook import (
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    WebhookSettings,
    backoff,
    deliver_due,
    idempotency_key,
    verify,
)
from tests.api.client import RecordingStreams, asgi_client, build_app, services_for, token_for
from tests.notifications.support import case_with_d7, notifying_store

SECRET = "shared-with-the-gateway"


@dataclass
class Receiver:
    """A gateway that answers 500 to its first `failures` requests — the last of them after recording it as
    accepted, as a gateway that sent the SMS and then crashed would — and dedupes on Idempotency-Key."""

    failures: int
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    effective: dict[str, int] = field(default_factory=dict)  # key -> times acted on

    async def receive(self, request: Request) -> JSONResponse:
        body = await request.body()
        self.requests.append((dict(request.headers), body))
        key = request.headers[IDEMPOTENCY_HEADER]
        if len(self.requests) < self.failures:
            return JSONResponse({"error": "gateway down"}, status_code=500)
        if key not in self.effective:
            self.effective[key] = self.effective.get(key, 0) + 1  # the SMS goes out once per key
        if len(self.requests) == self.failures:
            return JSONResponse({"error": "crashed after sending"}, status_code=500)
        return JSONResponse({"ok": True})


@asynccontextmanager
async def served(receiver: Receiver) -> AsyncIterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    app = Starlette(routes=[Route("/hook", receiver.receive, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn did not start"
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/hook"
    finally:
        server.should_exit = True
        await task


async def test_a_warning_reaches_the_inbox_and_the_receiver_exactly_once_despite_failures(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    receiver = Receiver(failures=3)
    client = asgi_client(build_app(services_for(engine, RecordingStreams())))
    try:
        case = await case_with_d7(notifying_store(engine), "zhangjiawo", "张甲")
        async with served(receiver) as url, httpx.AsyncClient() as http:
            settings = WebhookSettings(url=url, secret=SECRET)
            now, passes = datetime(2030, 1, 1, tzinfo=UTC), 0
            while await _undelivered(engine):
                await deliver_due(engine, settings, http, now)
                now, passes = now + backoff(20), passes + 1  # past any back-off: each pass retries what failed
                assert passes < 10
            assert (await deliver_due(engine, settings, http, now + timedelta(days=1))).delivered == 0
        keys = {idempotency_key(f"{case.stream_id}#{case.warning_seq}/{who}")
                for who in ("zjw-lead-1", "zjw-officer-1", "zjw-principal-1", "zjw-principal-2")}
        assert receiver.effective == dict.fromkeys(keys, 1)  # one SMS per recipient, none twice
        sent = [headers[IDEMPOTENCY_HEADER.lower()] for headers, _ in receiver.requests]
        assert len(sent) == len(keys) + 3  # each of the three failed attempts was retried
        assert sent.count(sent[2]) == 2  # the one taken in before the crash too, under the same key
        for headers, body in receiver.requests:
            assert verify(SECRET, headers[TIMESTAMP_HEADER.lower()], body, headers[SIGNATURE_HEADER.lower()])
            message = json.loads(body)
            assert message["idempotencyKey"] == headers[IDEMPOTENCY_HEADER.lower()]
            assert message["caseNo"] == "张甲号" and message["text"].startswith("【预警】案件张甲号")
        assert not verify("another-secret", *_signed(receiver.requests[0]))
        lead = (await client.run(token_for("zjw-lead-1"), "{ myNotifications { totalCount edges { node { kind } } } }"))
        assert lead["data"]["myNotifications"] == {"totalCount": 1, "edges": [{"node": {"kind": "WARNING"}}]}
    finally:
        await client.http.aclose()
        await engine.dispose()


async def test_an_unreachable_receiver_puts_the_next_attempt_off_and_marks_nothing_delivered(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    try:
        await case_with_d7(notifying_store(engine), "dasi", "李乙")
        now = datetime(2030, 1, 1, tzinfo=UTC)
        settings = WebhookSettings(url="http://127.0.0.1:9/hook", secret=SECRET)  # discard port: refused
        async with httpx.AsyncClient() as http:
            first = await deliver_due(engine, settings, http, now)
            soon = await deliver_due(engine, settings, http, now + timedelta(seconds=30))
        assert first.delivered == 0 and first.failed > 0 and soon.failed == 0  # not yet due again
        rows = await _rows(engine)
        assert all(r["delivered_at"] is None and r["attempts"] == 1 and r["next_attempt_at"] == now + backoff(1)
                   and r["last_error"] for r in rows)
    finally:
        await engine.dispose()


def test_the_back_off_doubles_up_to_an_hour() -> None:
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert backoff(30) == timedelta(hours=1)


def test_a_webhook_url_without_its_secret_is_refused() -> None:
    assert WebhookSettings.from_env({}) is None
    with pytest.raises(ValueError, match="ZHIFA_NOTIFY_WEBHOOK_SECRET"):
        WebhookSettings.from_env({"ZHIFA_NOTIFY_WEBHOOK_URL": "https://sms.example/hook"})


def _signed(request: tuple[dict[str, str], bytes]) -> tuple[str, bytes, str]:
    headers, body = request
    return headers[TIMESTAMP_HEADER.lower()], body, headers[SIGNATURE_HEADER.lower()]


async def _rows(engine: Any) -> list[dict[str, Any]]:
    async with engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(select(notifications))).mappings()]


async def _undelivered(engine: Any) -> int:
    return sum(1 for r in await _rows(engine) if r["delivered_at"] is None)
