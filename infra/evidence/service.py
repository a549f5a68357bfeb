"""Receiving evidence for a case: the media type checked before a byte is read (and against the content's own
signature once its first bytes are in), the size counted while streaming, the SHA-256 computed by the server
(a client's digest is only compared with it), the file kept content-addressed and the upload recorded in
`evidence_files` (who, when, case, hash, size, type). Every refusal names its rule and leaves nothing behind: the
temporary file is removed and no row is written. The same file uploaded again for the same case is the same
record (nothing new is stored)."""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from infra.db.models_documents import evidence_files
from infra.evidence.settings import EvidenceSettings
from infra.evidence.store import BlobStore, PendingBlob

F = evidence_files.c
SIGNATURE_BYTES = 12
# The first bytes each media type's files start with; types not listed are taken as declared.
_SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    "image/jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "image/png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "application/pdf": lambda head: head.startswith(b"%PDF-"),
    "video/mp4": lambda head: head[4:8] == b"ftyp",
    "image/heic": lambda head: head[4:8] == b"ftyp",
    "image/heif": lambda head: head[4:8] == b"ftyp",
    "audio/mp4": lambda head: head[4:8] == b"ftyp",
}


class EvidenceRefused(Exception):
    """An upload refused; `status` is the HTTP answer (413 too large, 415 media type, 422 content)."""

    def __init__(self, status: int, rule: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.rule = rule
        self.message = message


@dataclass(frozen=True)
class EvidenceFile:
    file_id: int
    stream_id: str
    sha256: str
    size: int
    media_type: str
    filename: str
    uploaded_by: str
    uploaded_at: datetime
    duplicate: bool = False  # this upload found the same file already recorded for the case


class EvidenceService:
    def __init__(self, engine: AsyncEngine, blobs: BlobStore, settings: EvidenceSettings,
                 clock: Callable[[], datetime]) -> None:
        self._engine = engine
        self.blobs = blobs
        self.settings = settings
        self._clock = clock

    async def upload(self, *, stream_id: str, town: str, filename: str, media_type: str, body: AsyncIterator[bytes],
                     declared_size: int | None, client_digest: str | None, actor: str) -> EvidenceFile:
        media_type = media_type.split(";")[0].strip().lower()
        self._check_declared(media_type, declared_size)
        expected = parse_digest(client_digest) if client_digest else None
        pending = self.blobs.begin()
        try:
            await self._receive(pending, body, media_type)
            if expected is not None and expected != pending.sha256:
                raise EvidenceRefused(422, "CLIENT_DIGEST", f"the client's digest {expected} is not the SHA-256 "
                                                            f"of what arrived ({pending.sha256}); nothing stored")
        except BaseException:
            pending.discard()
            raise
        sha256, size = pending.sha256, pending.size
        created = await asyncio.to_thread(pending.commit)  # an S3 store uploads here: off the event loop
        try:
            return await self._record(stream_id, town, sha256, size, media_type, filename, actor)
        except BaseException:
            if created:  # no record may point at it, and no other case had it: leave nothing behind
                await asyncio.to_thread(self.blobs.remove, sha256)
            raise

    async def find(self, stream_id: str, sha256: str) -> EvidenceFile | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(evidence_files).where(F.stream_id == stream_id, F.sha256 == sha256))
                   ).mappings().first()
        return None if row is None else _file(row)

    async def files(self, stream_id: str) -> list[EvidenceFile]:
        """Every file uploaded for the case, in the order they arrived (recorded as evidence or not yet)."""
        async with self._engine.connect() as conn:
            rows = (await conn.execute(select(evidence_files).where(F.stream_id == stream_id).order_by(F.id))
                    ).mappings().all()
        return [_file(row) for row in rows]

    async def has_file(self, stream_id: str, sha256: str) -> bool:
        return await self.find(stream_id, sha256.lower()) is not None

    async def stored(self, sha256: str) -> bool:
        """Whether the store still holds the content (asked off the event loop: a bucket is a network call)."""
        return await asyncio.to_thread(self.blobs.exists, sha256)

    def _check_declared(self, media_type: str, declared_size: int | None) -> None:
        if media_type not in self.settings.media_types:
            raise EvidenceRefused(415, "MEDIA_TYPE", f"media type {media_type or '(none)'!r} is not accepted as "
                                                     f"evidence; accepted: {', '.join(self.settings.media_types)}")
        if declared_size is not None and declared_size > self.settings.max_bytes:
            raise EvidenceRefused(413, "MAX_BYTES", f"{declared_size} bytes exceed the limit of "
                                                    f"{self.settings.max_bytes} bytes (ZHIFA_EVIDENCE_MAX_BYTES)")

    async def _receive(self, pending: PendingBlob, body: AsyncIterator[bytes], media_type: str) -> None:
        head = b""
        async for chunk in body:
            if len(head) < SIGNATURE_BYTES:
                head += chunk[:SIGNATURE_BYTES - len(head)]
            if pending.size + len(chunk) > self.settings.max_bytes:
                raise EvidenceRefused(413, "MAX_BYTES", f"the upload exceeds the limit of {self.settings.max_bytes} "
                                                        "bytes (ZHIFA_EVIDENCE_MAX_BYTES); nothing stored")
            pending.write(chunk)
        if pending.size == 0:
            raise EvidenceRefused(422, "EMPTY_FILE", "the upload is empty")
        signature = _SIGNATURES.get(media_type)
        if signature is not None and not signature(head):
            raise EvidenceRefused(415, "MEDIA_SIGNATURE", f"the content does not start like {media_type}; "
                                                          "declare the file's real media type")

    async def _record(self, stream_id: str, town: str, sha256: str, size: int, media_type: str, filename: str,
                      actor: str) -> EvidenceFile:
        found = await self.find(stream_id, sha256)
        if found is not None:
            return EvidenceFile(**{**found.__dict__, "duplicate": True})
        try:
            async with self._engine.begin() as conn:
                await conn.execute(insert(evidence_files).values(
                    stream_id=stream_id, town=town, sha256=sha256, size=size, media_type=media_type,
                    filename=filename, uploaded_by=actor, uploaded_at=self._clock()))
        except IntegrityError:
            pass  # the same file for the same case, recorded by a concurrent upload
        recorded = await self.find(stream_id, sha256)
        assert recorded is not None
        return recorded


def parse_digest(value: str) -> str:
    """The hex SHA-256 a client sent: `X-Content-SHA256: <hex>`, `Digest: sha-256=<base64>` (RFC 3230) or
    `Content-Digest: sha-256=:<base64>:` (RFC 9530); 422 for anything else."""
    text = value.strip()
    algorithm, sep, encoded = text.partition("=")
    if not sep:
        if len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text):
            return text.lower()
    elif algorithm.strip().lower() == "sha-256":
        try:
            raw = base64.b64decode(encoded.strip().strip(":"), validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) == 32:
            return raw.hex()
    raise EvidenceRefused(422, "CLIENT_DIGEST", f"cannot read the client's digest {value!r}: send X-Content-SHA256 "
                                                "with 64 hex digits or Digest: sha-256=<base64>")


def _file(row: object) -> EvidenceFile:
    data = dict(row)  # type: ignore[call-overload]
    return EvidenceFile(file_id=int(data["id"]), stream_id=data["stream_id"], sha256=data["sha256"],
                        size=int(data["size"]), media_type=data["media_type"], filename=data["filename"],
                        uploaded_by=data["uploaded_by"], uploaded_at=data["uploaded_at"])
