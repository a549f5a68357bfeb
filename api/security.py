"""The API's side of the security event log: where a request comes from, and what happens when an entry cannot
be stored.

A security log write is never silently lost. The policy depends on what is being recorded:
- a refusal (a token refused, a permission denied): the refusal goes out regardless — refusing is already the safe
  answer — but the entry is written to the process log at CRITICAL, in full, and /readyz reports `securityLog`
  failing until an entry is stored again (the operator restores the lost entries from the process log);
- an administrative change or an export: fail closed — the entry is written first and, if it cannot be, the
  change is not made and nothing is exported ("no record, no change").
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import dataclass

from starlette.types import Scope

from domain.codec import to_primitive
from domain.security_log import SecurityRecord
from infra.securitylog import SecurityLogStore

log = logging.getLogger("zhifa.security")
REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class SecurityLogUnavailable(Exception):
    """The security log could not record an administrative change or export, so it was not carried out."""


@dataclass(frozen=True)
class Origin:
    """Where a request comes from: the client's address and the request id (the client's, or a new one)."""

    client_ip: str | None
    request_id: str

    @classmethod
    def of(cls, scope: Scope) -> Origin:
        given = dict(scope.get("headers") or ()).get(REQUEST_ID_HEADER.encode(), b"").decode("latin-1").strip()
        client = scope.get("client")
        return cls(client_ip=client[0] if client else None,
                   request_id=given if _REQUEST_ID.match(given) else uuid.uuid4().hex)


class SecurityLog:
    def __init__(self, store: SecurityLogStore) -> None:
        self.store = store
        self.failures = 0  # entries not stored since the process started
        self.last_failure: str | None = None  # None once an entry is stored again

    async def refusal(self, record: SecurityRecord) -> None:
        """Record a refusal; never raises (the refusal is answered either way)."""
        try:
            await self.store.append(record)
        except Exception as error:
            self._failed(record, error)
        else:
            self.last_failure = None

    async def require(self, record: SecurityRecord) -> None:
        """Record a change or an export before it is carried out; `SecurityLogUnavailable` if that fails."""
        try:
            await self.store.append(record)
        except Exception as error:
            self._failed(record, error)
            raise SecurityLogUnavailable("the security log cannot record this operation, so it was not carried "
                                         "out; try again later") from error
        self.last_failure = None

    async def check(self) -> None:
        """/readyz: fails while the last security log write failed."""
        if self.last_failure is not None:
            raise RuntimeError(f"{self.failures} security log entr{'y' if self.failures == 1 else 'ies'} not "
                               f"stored since start; last failure: {self.last_failure}")

    def _failed(self, record: SecurityRecord, error: Exception) -> None:
        self.failures += 1
        self.last_failure = f"{type(error).__name__}: {error}"
        log.critical("security log entry NOT STORED (%s); the entry: %s", self.last_failure,
                     json.dumps(to_primitive(record), ensure_ascii=False))
