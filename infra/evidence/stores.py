"""The evidence store the settings configure: the S3-compatible bucket when `ZHIFA_EVIDENCE_STORE=s3`, the local
directory otherwise. The API and `zhifa audit verify` open it the same way."""

from __future__ import annotations

from infra.evidence.s3 import S3BlobStore, s3_client
from infra.evidence.settings import EvidenceSettings
from infra.evidence.store import BlobStore, LocalBlobStore


def blob_store(settings: EvidenceSettings) -> BlobStore:
    if settings.s3 is None:
        return LocalBlobStore(settings.root)
    return S3BlobStore(s3_client(settings.s3), settings.s3, settings.root / "tmp")
