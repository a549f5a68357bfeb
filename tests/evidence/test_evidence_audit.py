"""`zhifa audit verify` re-hashes every uploaded evidence file, in the local directory or the S3 bucket it is
configured with: one altered or deleted there is named with its case and where it is, and the command exits 1;
an intact store passes; a bucket that does not answer is reported, never taken for intact."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.eventstore import EventStore
from infra.evidence.service import EvidenceService
from infra.evidence.settings import EvidenceSettings
from infra.evidence.store import BlobStore, LocalBlobStore
from infra.projections import Projector
from tests.documents.cases import STRAW, import_all, straw_burning
from tests.evidence.s3 import Bucket
from zhifa.cli import main

PDF_SCAN = b"%PDF-1.7\n" + b"scan " * 400
ALTERED = PDF_SCAN + b"one more line"


async def _uploaded(url: str, blobs: BlobStore, root: Path) -> str:
    engine = create_engine(url)
    try:
        await import_all(EventStore(engine, Projector(next_steps_for)), straw_burning())
        service = EvidenceService(engine, blobs, EvidenceSettings(root=root), lambda: datetime.now(UTC))

        async def body() -> object:
            yield PDF_SCAN

        stored = await service.upload(stream_id=STRAW, town="zhangjiawo", filename="询问笔录.pdf",
                                      media_type="application/pdf", body=body(),  # type: ignore[arg-type]
                                      declared_size=None, client_digest=None, actor="zjw-lead-1")
        return stored.sha256
    finally:
        await engine.dispose()


def _verify_twice_altering_then_removing(digest: str, where: str, alter: object, remove: object,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "verify"]) == 0
    assert "evidence files intact" in capsys.readouterr().out

    alter()  # type: ignore[operator]
    assert main(["audit", "verify"]) == 1
    altered = capsys.readouterr().out
    assert "hash chains intact" in altered
    assert f"{STRAW}: evidence file '询问笔录.pdf' (sha256 {digest}) was altered: {where}" in altered
    assert hashlib.sha256(ALTERED).hexdigest() in altered

    remove()  # type: ignore[operator]
    assert main(["audit", "verify", "--stream", STRAW]) == 1
    assert f"'询问笔录.pdf' (sha256 {digest}) is missing from {where}" in capsys.readouterr().out


def test_audit_verify_names_an_evidence_file_altered_on_disk_or_missing(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ZHIFA_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ZHIFA_DATA_DIR", str(tmp_path))
    root = tmp_path / "evidence"
    digest = asyncio.run(_uploaded(sqlite_url, LocalBlobStore(root), root))
    stored = root / "sha256" / digest[:2] / digest[2:]
    _verify_twice_altering_then_removing(digest, str(stored), lambda: stored.write_bytes(ALTERED), stored.unlink,
                                         capsys)


def test_audit_verify_names_an_evidence_object_altered_or_removed_in_the_bucket(
    sqlite_url: str, tmp_path: Path, bucket: Bucket, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for variable, value in {"ZHIFA_DATABASE_URL": sqlite_url, "ZHIFA_DATA_DIR": str(tmp_path),
                            **bucket.environ()}.items():
        monkeypatch.setenv(variable, value)
    digest = asyncio.run(_uploaded(sqlite_url, bucket.store(tmp_path / "spool"), tmp_path))
    key = f"zhifa/evidence/sha256/{digest[:2]}/{digest[2:]}"
    name = bucket.settings.bucket
    _verify_twice_altering_then_removing(
        digest, f"s3://{name}/{key}", lambda: bucket.client.put_object(Bucket=name, Key=key, Body=ALTERED),
        lambda: bucket.client.delete_object(Bucket=name, Key=key), capsys)


def test_audit_verify_reports_an_unreachable_bucket_instead_of_passing(
    sqlite_url: str, tmp_path: Path, bucket: Bucket, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for variable, value in {"ZHIFA_DATABASE_URL": sqlite_url, "ZHIFA_DATA_DIR": str(tmp_path),
                            **bucket.environ()}.items():
        monkeypatch.setenv(variable, value)
    asyncio.run(_uploaded(sqlite_url, bucket.store(tmp_path / "spool"), tmp_path))
    monkeypatch.setenv("ZHIFA_EVIDENCE_S3_ENDPOINT_URL", "http://127.0.0.1:9")  # discard: nothing listens

    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "evidence files NOT CHECKED: evidence-store unavailable" in out and "127.0.0.1:9" in out
