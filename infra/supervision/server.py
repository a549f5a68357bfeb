"""The reference supervision platform: a small Starlette app implementing the project's contract.

Contract (JSON over HTTP, UTF-8):
- ``POST /api/v1/disclosures`` — publish a decision. Header ``Idempotency-Key`` (required while the platform
  deduplicates): the same key with the same body returns the original receipt (200, ``Idempotent-Replay: true``);
  the same key with a different body is refused (422 ``IDEMPOTENCY_KEY_REUSED``). 201 ``{record_id, decision_no,
  client_ref, accepted_at, …}``; 422 ``INVALID_PAYLOAD`` for a body missing a required field.
- ``GET /api/v1/disclosures?decision_no=…[&client_ref=…]`` — the records of a decision (with ``withdrawn_at``).
- ``POST /api/v1/withdrawals`` — withdraw a disclosure: body ``{client_ref, decision_no, reason}``, its own
  ``Idempotency-Key``; 201 ``{withdrawal_id, record_ids, withdrawn_at}``; 404 ``NOT_FOUND`` if nothing was published.
- ``POST /api/v1/inspections/batches`` — the day's inspections: body ``{batch_id, records: [{inspection_id, …}]}``,
  ``Idempotency-Key``; 201 ``{batch_id, receipts: [{inspection_id, record_id}]}``.
- ``GET /api/v1/inspections?inspection_id=…`` — stored inspection records.
- ``GET /api/v1/warnings?after=SEQ[&town=…]`` — platform warnings (预警) after a sequence number, oldest first;
  ``POST /api/v1/warnings`` raises one (operators; tests). A disclosure accepted more than ``late_after_days``
  after service raises ``LATE_DISCLOSURE`` itself.
- ``GET /healthz``; ``POST /admin/outage {"seconds": n}`` starts an outage now (fault injection).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from infra.supervision.faults import Fault, Faults
from infra.supervision.storage import PlatformStorage, payload_sha

REQUIRED_DISCLOSURE_FIELDS = ("client_ref", "decision_no", "town", "case_no", "served_on")
Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status)


class Platform:
    def __init__(self, storage: PlatformStorage, faults: Faults, *, clock: Clock = _now,
                 late_after_days: int = 9) -> None:
        self.storage = storage
        self.faults = faults
        self.clock = clock
        self.late_after_days = late_after_days

    async def faulty(self, request: Request, handle: Callable[[Request, bytes], Response]) -> Response:
        """Run a request through the fault injector: `handle` stores and answers; faults surround it."""
        body = await request.body()
        fault = self.faults.draw()
        hang = self.faults.config.hang_seconds
        if fault is Fault.ERROR:
            return _error(500, "INTERNAL_ERROR", "injected fault")
        if fault is Fault.HANG:
            await asyncio.sleep(hang)
            return _error(503, "UNAVAILABLE", "injected hang")
        response = handle(request, body)
        if fault is Fault.COMMIT_THEN_504:
            return _error(504, "GATEWAY_TIMEOUT", "injected fault after commit")
        if fault is Fault.COMMIT_THEN_HANG:
            await asyncio.sleep(hang)
        return response

    def _idempotent(self, scope: str, request: Request, body: bytes,
                    store: Callable[[Any, dict[str, Any]], tuple[int, dict[str, Any]]]) -> Response:
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _error(422, "INVALID_PAYLOAD", "the body is not UTF-8 JSON")
        if not isinstance(data, dict):
            return _error(422, "INVALID_PAYLOAD", "the body is a JSON object")
        key = request.headers.get("idempotency-key", "")
        dedup = self.faults.config.deduplicate
        if dedup and not key:
            return _error(400, "IDEMPOTENCY_KEY_REQUIRED", "send an Idempotency-Key header")
        sha = payload_sha(body)
        with self.storage.transaction() as conn:
            if dedup:
                seen = self.storage.remembered(conn, scope, key)
                if seen is not None:
                    if seen.payload_sha != sha:
                        return _error(422, "IDEMPOTENCY_KEY_REUSED",
                                      "this Idempotency-Key was used with a different payload")
                    return JSONResponse(seen.body, status_code=200, headers={"Idempotent-Replay": "true"})
            status, answer = store(conn, data)
            if dedup and status < 300:
                self.storage.remember(conn, scope, key, sha, status, answer)
        return JSONResponse(answer, status_code=status)

    # --- disclosures ---------------------------------------------------------------------------------------

    async def submit_disclosure(self, request: Request) -> Response:
        return await self.faulty(request, lambda r, body: self._idempotent(
            "disclosure", r, body, lambda conn, data: self._store_disclosure(conn, data, body)))

    def _store_disclosure(self, conn: Any, data: dict[str, Any], body: bytes) -> tuple[int, dict[str, Any]]:
        missing = [f for f in REQUIRED_DISCLOSURE_FIELDS if not isinstance(data.get(f), str) or not data[f]]
        if missing:
            return 422, {"error": "INVALID_PAYLOAD", "message": f"missing: {', '.join(missing)}"}
        accepted = self.clock()
        record = self.storage.insert_disclosure(
            conn, decision_no=data["decision_no"], client_ref=data["client_ref"], town=data["town"],
            case_no=data["case_no"], served_on=data["served_on"], payload=body, accepted_at=accepted.isoformat())
        try:
            late = (accepted.date() - date.fromisoformat(data["served_on"])).days > self.late_after_days
        except ValueError:
            late = False
        if late:
            self.storage.raise_warning(
                conn, town=data["town"], case_id=data.get("case_no", ""), decision_no=data["decision_no"],
                category="LATE_DISCLOSURE", message=f"处罚决定{data['decision_no']}超期公示",
                raised_at=accepted.isoformat())
        return 201, record.as_json()

    async def list_disclosures(self, request: Request) -> Response:
        decision_no = request.query_params.get("decision_no")
        client_ref = request.query_params.get("client_ref")
        if decision_no is None and client_ref is None:
            return _error(400, "QUERY_REQUIRED", "give decision_no or client_ref")
        return await self.faulty(request, lambda r, body: JSONResponse({"records": [
            rec.as_json() for rec in self.storage.disclosures(decision_no=decision_no, client_ref=client_ref)]}))

    async def withdraw(self, request: Request) -> Response:
        return await self.faulty(request, lambda r, body: self._idempotent("withdrawal", r, body, self._withdraw))

    def _withdraw(self, conn: Any, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        client_ref, reason = data.get("client_ref"), data.get("reason")
        if not isinstance(client_ref, str) or not client_ref or not isinstance(reason, str) or not reason:
            return 422, {"error": "INVALID_PAYLOAD", "message": "client_ref and reason are required"}
        records = self.storage.published_under(conn, client_ref)
        if not records:
            return 404, {"error": "NOT_FOUND", "message": f"nothing published under {client_ref}"}
        at = self.clock().isoformat()
        done = [self.storage.withdraw(conn, rec.record_id, reason, at) for rec in records]
        return 201, {"withdrawal_id": done[0].withdrawal_id, "record_ids": [d.record_id for d in done],
                     "withdrawn_at": done[0].withdrawn_at}

    # --- inspections ---------------------------------------------------------------------------------------

    async def submit_inspections(self, request: Request) -> Response:
        return await self.faulty(request, lambda r, body: self._idempotent("inspections", r, body,
                                                                           self._store_inspections))

    def _store_inspections(self, conn: Any, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        batch_id, records = data.get("batch_id"), data.get("records")
        if not isinstance(batch_id, str) or not isinstance(records, list) or not all(
                isinstance(r, dict) and isinstance(r.get("inspection_id"), str) and isinstance(r.get("town"), str)
                for r in records):
            return 422, {"error": "INVALID_PAYLOAD", "message": "batch_id and records[{inspection_id, town}]"}
        at = self.clock().isoformat()
        receipts = [{"inspection_id": r["inspection_id"], "record_id": self.storage.insert_inspection(
            conn, inspection_id=r["inspection_id"], batch_id=batch_id, town=r["town"], payload=r, accepted_at=at)}
            for r in records]
        return 201, {"batch_id": batch_id, "receipts": receipts, "accepted_at": at}

    async def list_inspections(self, request: Request) -> Response:
        inspection_id = request.query_params.get("inspection_id")
        return await self.faulty(request, lambda r, body: JSONResponse({"records": [
            {"record_id": rid, "inspection_id": iid, "batch_id": bid}
            for rid, iid, bid in self.storage.inspections(inspection_id)]}))

    # --- warnings ------------------------------------------------------------------------------------------

    async def list_warnings(self, request: Request) -> Response:
        try:
            after = int(request.query_params.get("after", "0"))
        except ValueError:
            return _error(400, "BAD_QUERY", "after is a sequence number")
        town = request.query_params.get("town")
        return await self.faulty(request, lambda r, body: JSONResponse(
            {"warnings": self.storage.warnings(after_seq=after, town=town)}))

    async def raise_warning(self, request: Request) -> Response:
        data = json.loads(await request.body() or b"{}")
        fields = ("town", "case_id", "decision_no", "category", "message")
        if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in fields):
            return _error(422, "INVALID_PAYLOAD", f"required: {', '.join(fields)}")
        with self.storage.transaction() as conn:
            warning = self.storage.raise_warning(conn, **{f: data[f] for f in fields},
                                                 raised_at=self.clock().isoformat())
        return JSONResponse(warning, status_code=201)

    # --- operations ----------------------------------------------------------------------------------------

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "deduplicate": self.faults.config.deduplicate,
                             "outage_remaining": self.faults.outage_remaining()})

    async def start_outage(self, request: Request) -> Response:
        data = json.loads(await request.body() or b"{}")
        seconds = float(data.get("seconds", 60)) if isinstance(data, dict) else 60.0
        self.faults.start_outage(seconds)
        return JSONResponse({"outage_seconds": seconds})


def platform_app(storage: PlatformStorage, faults: Faults, *, clock: Clock = _now, late_after_days: int = 9
                 ) -> Starlette:
    platform = Platform(storage, faults, clock=clock, late_after_days=late_after_days)
    routes: list[tuple[str, Callable[[Request], Awaitable[Response]], list[str]]] = [
        ("/api/v1/disclosures", platform.submit_disclosure, ["POST"]),
        ("/api/v1/disclosures", platform.list_disclosures, ["GET"]),
        ("/api/v1/withdrawals", platform.withdraw, ["POST"]),
        ("/api/v1/inspections/batches", platform.submit_inspections, ["POST"]),
        ("/api/v1/inspections", platform.list_inspections, ["GET"]),
        ("/api/v1/warnings", platform.list_warnings, ["GET"]),
        ("/api/v1/warnings", platform.raise_warning, ["POST"]),
        ("/healthz", platform.health, ["GET"]),
        ("/admin/outage", platform.start_outage, ["POST"]),
    ]
    app = Starlette(routes=[Route(path, endpoint, methods=methods) for path, endpoint, methods in routes])
    app.state.platform = platform
    return app
