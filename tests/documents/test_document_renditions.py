"""A document's PDF is converted once per version, stored and recorded (`DocumentRendered`, beside the version's
`DocumentGenerated`): LibreOffice's conversions are not byte-stable, so the recorded hash is of the stored PDF and
every download — however many at once — serves exactly those bytes, to the case's town only. `zhifa audit
verify` re-hashes stored documents: a PDF or .docx altered in the database is named with its case and exits 1."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from domain.documents.kinds import DocumentKind
from domain.task_routing import next_steps_for
from infra.db.engine import create_engine
from infra.documents.pdf import soffice
from infra.eventstore import EventStore, verify
from infra.projections import Projector
from tests.documents.cases import STRAW, import_all
from tests.documents.conftest import Documents, service_over
from tests.documents.test_document_records import LEAD, _auth, _documents_events
from zhifa.cli import main

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) converts the PDFs")
PDF_URL = f"/documents/{STRAW}/penalty-decision.pdf"


async def test_a_pdf_is_stored_and_recorded_once_and_every_download_serves_the_recorded_bytes(
    documents: Documents,
) -> None:
    first = await documents.http.http.get(PDF_URL, headers=_auth(LEAD))
    again = await documents.http.http.get(PDF_URL, headers=_auth("zjw-principal-1"))
    other_town = await documents.http.http.get(PDF_URL, headers=_auth("ds-principal-1"))

    assert first.status_code == again.status_code == 200, first.text
    assert first.content.startswith(b"%PDF") and again.content == first.content
    generated, rendered = await _documents_events(documents.store, STRAW)
    digest = hashlib.sha256(first.content).hexdigest()
    assert (rendered["kind"], rendered["number"], rendered["version"], rendered["format"]) == (
        "penalty-decision", generated["number"], 1, "pdf")
    assert rendered["sha256"] == digest == first.headers["X-Document-SHA256"]
    assert rendered["source_sha256"] == generated["sha256"] == first.headers["X-Docx-SHA256"]
    assert rendered["size"] == len(first.content) and str(rendered["converter"]).startswith("LibreOffice")
    assert other_town.status_code == 404
    assert await verify(documents.store.engine, f"documents:{STRAW}") == []


async def test_concurrent_first_downloads_of_a_pdf_keep_one_rendition_and_serve_it_to_all(
    documents: Documents,
) -> None:
    served = await asyncio.gather(*(documents.service.pdf(STRAW, DocumentKind.PRIOR_NOTICE, LEAD) for _ in range(3)))

    assert len({r.sha256 for r in served}) == 1 and len({r.content for r in served}) == 1
    events = await _documents_events(documents.store, STRAW)
    assert [e.get("format") for e in events] == [None, "pdf"]  # one DocumentGenerated, one DocumentRendered
    assert events[1]["sha256"] == served[0].sha256 == hashlib.sha256(served[0].content).hexdigest()


def _tamper(url: str, table: str, content: bytes) -> None:
    """What someone with the database file would do: drop the insert-only trigger and rewrite the bytes."""
    with sqlite3.connect(str(make_url(url).database)) as db:
        db.execute(f"DROP TRIGGER {table}_no_update")
        db.execute(f"UPDATE {table} SET content = ?", (content,))


async def _generated(url: str) -> tuple[str, str]:
    engine = create_engine(url)
    try:
        store = EventStore(engine, Projector(next_steps_for))
        await import_all(store)
        service = service_over(store)
        pdf = await service.pdf(STRAW, DocumentKind.PENALTY_DECISION, LEAD)
        return pdf.document.sha256, pdf.sha256
    finally:
        await engine.dispose()


def test_audit_verify_names_a_stored_pdf_or_docx_altered_in_the_database(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ZHIFA_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ZHIFA_DATA_DIR", str(tmp_path))
    docx_sha, pdf_sha = asyncio.run(_generated(sqlite_url))
    assert main(["audit", "verify"]) == 0
    assert "documents intact (2 stored file(s)" in capsys.readouterr().out

    _tamper(sqlite_url, "document_renditions", b"%PDF-1.4 forged")
    assert main(["audit", "verify", "--stream", STRAW]) == 1
    out = capsys.readouterr().out
    assert "hash chains intact" in out
    assert (f"{STRAW}: document penalty-decision v1 (pdf) was altered: the stored bytes hash to "
            f"{hashlib.sha256(b'%PDF-1.4 forged').hexdigest()}, the event records {pdf_sha}") in out

    _tamper(sqlite_url, "documents", b"PK forged")
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert f"{STRAW}: document penalty-decision v1 (docx) was altered" in out and f"records {docx_sha}" in out
