"""`zhifa audit verify` re-hashes every uploaded evidence file: one altered on disk, or deleted, is named with its
case and the command exits 1; an intact store passes."""

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
from infra.evidence.store import LocalBlobStore
from infra.projections import Projector
from tests.documents.cases import STRAW, import_all, straw_burning
from zhifa.cli import main

PDF_SCAN = b"%PDF-1.7\n" + b"scan " * 400


async def _uploaded(url: str, root: Path) -> str:
    engine = create_engine(url)
    try:
        await import_all(EventStore(engine, Projector(next_steps_for)), straw_burning())
        service = EvidenceService(engine, LocalBlobStore(root), EvidenceSettings(root=root),
                                  lambda: datetime.now(UTC))

        async def body() -> object:
            yield PDF_SCAN

        stored = await service.upload(stream_id=STRAW, town="zhangjiawo", filename="询问笔录.pdf",
                                      media_type="application/pdf", body=body(),  # type: ignore[arg-type]
                                      declared_size=None, client_digest=None, actor="zjw-lead-1")
        return stored.sha256
    finally:
        await engine.dispose()


def test_audit_verify_names_an_evidence_file_altered_on_disk_or_missing(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ZHIFA_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ZHIFA_DATA_DIR", str(tmp_path))
    digest = asyncio.run(_uploaded(sqlite_url, tmp_path / "evidence"))
    stored = tmp_path / "evidence" / "sha256" / digest[:2] / digest[2:]
    assert main(["audit", "verify"]) == 0
    assert "evidence files intact" in capsys.readouterr().out

    stored.write_bytes(PDF_SCAN + b"one more line")
    assert main(["audit", "verify"]) == 1
    altered = capsys.readouterr().out
    assert "hash chains intact" in altered
    assert f"{STRAW}: evidence file '询问笔录.pdf' (sha256 {digest}) was altered" in altered
    assert hashlib.sha256(PDF_SCAN + b"one more line").hexdigest() in altered

    stored.unlink()
    assert main(["audit", "verify", "--stream", STRAW]) == 1
    assert f"'询问笔录.pdf' (sha256 {digest}) is missing from {stored}" in capsys.readouterr().out
