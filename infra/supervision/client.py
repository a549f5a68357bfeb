"""The supervision platform's client (httpx, async).

Bodies arrive as bytes built by the domain (canonical JSON), so a retry sends exactly what the first attempt
sent, under the same Idempotency-Key. Errors are typed: `PlatformUnavailable` (timeouts, connection failures,
408/425/429/5xx — retrying may succeed) and `PlatformRejected` (any other 4xx — retrying cannot help).
Where the platform does not deduplicate (`deduplicates=False`), the client first asks whether the record is
already there (by decision number and client reference, by inspection id) and sends only what is missing, so a
retry after a lost response never stores a second record.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

RETRYABLE_STATUS = frozenset({408, 425, 429})


class PlatformError(Exception):
    """A delivery to the supervision platform did not succeed."""


class PlatformUnavailable(PlatformError):
    """Retryable: the platform did not answer in time or answered with a temporary failure."""


class PlatformRejected(PlatformError):
    """Final: the platform refused the request; sending it again cannot succeed."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code


@dataclass(frozen=True)
class PlatformReceipt:
    record_id: str
    accepted_at: str
    replayed: bool = False  # the platform (or the client's query) returned an earlier delivery's receipt


@dataclass(frozen=True)
class InspectionReceipt:
    inspection_id: str
    record_id: str


@dataclass(frozen=True)
class PlatformWarning:
    seq: int
    warning_id: str
    town: str
    case_id: str
    decision_no: str
    category: str
    message: str
    raised_at: str


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        data = {}
    return data if isinstance(data, dict) else {}


def _check(response: httpx.Response) -> None:
    if response.status_code < 300:
        return
    data = _json(response)
    code, message = str(data.get("error", "")), str(data.get("message", response.reason_phrase))
    if response.status_code >= 500 or response.status_code in RETRYABLE_STATUS:
        raise PlatformUnavailable(f"{response.status_code} {code}: {message}")
    raise PlatformRejected(response.status_code, code, message)


class SupervisionClient:
    def __init__(self, base_url: str, *, timeout: float = 10.0, deduplicates: bool = True,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.deduplicates = deduplicates
        self._http = httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=httpx.Timeout(timeout),
                                       transport=transport, headers={"User-Agent": "zhifa"})

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _send(self, method: str, url: str, *, body: bytes | None = None, key: str | None = None,
                    params: Mapping[str, str] | None = None) -> httpx.Response:
        headers = {"Content-Type": "application/json; charset=utf-8"} if body is not None else {}
        if key:
            headers["Idempotency-Key"] = key
        try:
            response = await self._http.request(method, url, content=body, headers=headers, params=params)
        except httpx.TransportError as error:  # connect/read timeouts, refused or reset connections
            raise PlatformUnavailable(f"{type(error).__name__}: {error}") from error
        _check(response)
        return response

    # --- disclosures ---------------------------------------------------------------------------------------

    async def disclosure_records(self, decision_no: str, client_ref: str | None = None) -> list[dict[str, Any]]:
        params = {"decision_no": decision_no, **({"client_ref": client_ref} if client_ref else {})}
        data = _json(await self._send("GET", "/api/v1/disclosures", params=params))
        records = data.get("records", [])
        return [r for r in records if isinstance(r, dict)]

    async def publish(self, idempotency_key: str, decision_no: str, body: bytes) -> PlatformReceipt:
        """Publish a decision (body: the domain's canonical JSON, whose `client_ref` is the idempotency key)."""
        if not self.deduplicates:
            for record in await self.disclosure_records(decision_no, idempotency_key):
                if record.get("client_ref") == idempotency_key:
                    return PlatformReceipt(str(record["record_id"]), str(record["accepted_at"]), replayed=True)
        response = await self._send("POST", "/api/v1/disclosures", body=body, key=idempotency_key)
        data = _json(response)
        return PlatformReceipt(str(data["record_id"]), str(data["accepted_at"]),
                               replayed=response.headers.get("Idempotent-Replay") == "true")

    async def withdraw(self, idempotency_key: str, body: bytes) -> PlatformReceipt:
        """Withdraw a publication (body names its `client_ref`); withdrawing twice returns the first withdrawal."""
        data = _json(await self._send("POST", "/api/v1/withdrawals", body=body, key=idempotency_key))
        return PlatformReceipt(str(data["withdrawal_id"]), str(data["withdrawn_at"]))

    # --- inspections ---------------------------------------------------------------------------------------

    async def submit_inspections(self, idempotency_key: str, batch_id: str,
                                 records: Sequence[Mapping[str, Any]]) -> list[InspectionReceipt]:
        """Upload a batch; one receipt per record. Without deduplication, records already stored are not sent."""
        known: dict[str, str] = {}
        if not self.deduplicates:
            for record in records:
                iid = str(record["inspection_id"])
                found = _json(await self._send("GET", "/api/v1/inspections", params={"inspection_id": iid}))
                stored = [r for r in found.get("records", []) if isinstance(r, dict)]
                if stored:
                    known[iid] = str(stored[0]["record_id"])
        missing = [dict(r) for r in records if str(r["inspection_id"]) not in known]
        if missing:
            body = json.dumps({"batch_id": batch_id, "records": missing}, ensure_ascii=False, sort_keys=True,
                              separators=(",", ":")).encode("utf-8")
            data = _json(await self._send("POST", "/api/v1/inspections/batches", body=body, key=idempotency_key))
            for receipt in data.get("receipts", []):
                known.setdefault(str(receipt["inspection_id"]), str(receipt["record_id"]))
        return [InspectionReceipt(str(r["inspection_id"]), known[str(r["inspection_id"])]) for r in records]

    # --- warnings ------------------------------------------------------------------------------------------

    async def warnings(self, after: int = 0, town: str | None = None) -> list[PlatformWarning]:
        params = {"after": str(after), **({"town": town} if town else {})}
        data = _json(await self._send("GET", "/api/v1/warnings", params=params))
        return [PlatformWarning(**{k: w[k] for k in PlatformWarning.__dataclass_fields__})
                for w in data.get("warnings", []) if isinstance(w, dict)]
