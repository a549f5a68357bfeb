"""Payloads that repeat, stored once by their content (Temporal's claim-check pattern) and named in histories by
their SHA-256.

A stream workflow decides with its town's decision context — reference data, calendar and rule profile, ~35 KB —
and every stream of the town starts with the same one until those data change. Carried in each start input, it was
the bulk of every history (the server writing, keeping and sending it back; the worker decrypting and parsing it on
every start), for content the database already has. A payload converter marks the values worth claiming (a
`payload_claimable` class attribute; `infra.temporal.json_payloads`); this codec, applied before encryption,
replaces a marked payload by a claim (``zhifa/claim``: the SHA-256 of the serialised payload), stores the payload in
`payload_claims` once (insert-only; a claim is written before any history can name it) and redeems claims on
decoding, from memory or the table, checking the digest. The claim is then encrypted like any payload. Unmarked
payloads pass through untouched, so only content that repeats is stored here.

A claim whose row is missing (a database restored from before the run started) cannot be redeemed: the decoding
fails with `PayloadClaimMissing`, and the workflow task is retried, visibly, until the row is back.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

from infra.db.models_claims import payload_claims
from infra.temporal.json_payloads import CLAIMABLE

ENCODING = b"zhifa/claim"
KEPT = 64  # payloads kept in memory by digest (contexts: one per town and kind and data version, ~35 KB each)


class PayloadClaimMissing(ValueError):
    """A history names a claim that `payload_claims` does not hold (or holds altered)."""


def _now() -> datetime:
    return datetime.now(UTC)


class PayloadClaims:
    """The `payload_claims` table: serialised payloads by the hex SHA-256 of their bytes."""

    def __init__(self, engine: AsyncEngine, *, clock: Callable[[], datetime] = _now) -> None:
        self._engine = engine
        self._clock = clock

    async def keep(self, digest: str, serialised: bytes) -> None:
        """Store once; a claim already stored (by this process or another) is left as it is."""
        dialect = postgresql if self._engine.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(payload_claims).values(
            digest=digest, payload=serialised, stored_at=self._clock()).on_conflict_do_nothing()
        async with self._engine.begin() as conn:
            await conn.execute(statement)

    async def fetch(self, digest: str) -> bytes | None:
        async with self._engine.connect() as conn:
            stored = await conn.scalar(select(payload_claims.c.payload).where(payload_claims.c.digest == digest))
        return None if stored is None else bytes(stored)


class ClaimCheckCodec(PayloadCodec):
    """Claims marked payloads, then applies `inner` (encryption) to every payload; decodes the other way round."""

    def __init__(self, inner: PayloadCodec, claims: PayloadClaims, *, kept: int = KEPT) -> None:
        super().__init__()
        self._inner = inner
        self._claims = claims
        self._kept_at_most = kept
        self._kept: OrderedDict[str, bytes] = OrderedDict()  # digest → serialised payload, stored or fetched

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        claimed = [await self._claim(p) if CLAIMABLE in p.metadata else p for p in payloads]
        return await self._inner.encode(claimed)

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        opened = await self._inner.decode(payloads)
        return [await self._redeem(p) if p.metadata.get("encoding") == ENCODING else p for p in opened]

    async def _claim(self, payload: Payload) -> Payload:
        serialised = payload.SerializeToString(deterministic=True)  # map entries sorted: same content, same bytes
        digest = hashlib.sha256(serialised).hexdigest()
        if digest not in self._kept:
            await self._claims.keep(digest, serialised)  # stored before any history can name it
        self._remember(digest, serialised)
        return Payload(metadata={"encoding": ENCODING}, data=digest.encode("ascii"))

    async def _redeem(self, claim: Payload) -> Payload:
        digest = claim.data.decode("ascii", errors="replace")
        serialised = self._kept.get(digest)
        if serialised is None:
            serialised = await self._claims.fetch(digest)
            if serialised is None or hashlib.sha256(serialised).hexdigest() != digest:
                state = "is not" if serialised is None else "is altered"
                raise PayloadClaimMissing(
                    f"payload claim {digest} {state} in table payload_claims (a database restored from before the "
                    "workflow started?); the workflow task is retried until it is back")
        self._remember(digest, serialised)
        return Payload.FromString(serialised)

    def _remember(self, digest: str, serialised: bytes) -> None:
        self._kept[digest] = serialised
        self._kept.move_to_end(digest)
        while len(self._kept) > self._kept_at_most:
            self._kept.popitem(last=False)
