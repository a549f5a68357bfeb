"""Generated documents as records: numbered from the town's sequence without a repeat or a gap however many are
generated at once, recorded in the case's documents stream with the SHA-256 of the bytes served, identical when
regenerated, a new version when the town's template changes, and downloadable only by the case's town."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest

from domain.documents.kinds import DocumentKind
from infra.documents.templates import TemplateLibrary
from infra.eventstore import EventStore, verify
from tests.api.client import token_for
from tests.documents.cases import STRAW, import_all, straw_cases
from tests.documents.conftest import Documents, service_over
from tests.documents.support import docx_text

LEAD = "zjw-lead-1"


def _auth(officer: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(officer)}"}


async def _documents_events(store: EventStore, case_id: str) -> list[dict[str, object]]:
    return [dict(e.payload) for e in await store.load_stream(f"documents:{case_id}")]


async def test_twenty_concurrent_generations_take_the_numbers_one_to_twenty(documents: Documents) -> None:
    cases = straw_cases(20)
    await import_all(documents.store, *cases)
    ids = [case["steps"][0]["case_id"] for case in cases]

    generated = await asyncio.gather(*(documents.service.generate(case_id, DocumentKind.SERVICE_RECEIPT, LEAD)
                                       for case_id in ids))

    numbers = sorted(int(d.number.split("〕")[1].removesuffix("号")) for d in generated)
    assert numbers == list(range(1, 21))
    assert all(d.number.startswith("津西青张综执送〔2026〕") for d in generated)
    for case_id, document in zip(ids, generated, strict=True):
        (event,) = await _documents_events(documents.store, case_id)
        assert (event["number"], event["sha256"], event["version"]) == (document.number, document.sha256, 1)


async def test_concurrent_generations_of_one_document_store_one_version_under_one_number(documents: Documents) -> None:
    generated = await asyncio.gather(*(documents.service.generate(STRAW, DocumentKind.LEGAL_REVIEW_OPINION, LEAD)
                                       for _ in range(8)))

    assert {(d.number, d.version, d.sha256) for d in generated} == {
        ("津西青张综执审〔2026〕1号", 1, generated[0].sha256)}
    assert len(await _documents_events(documents.store, STRAW)) == 1
    after = await documents.service.generate(STRAW, DocumentKind.SERVICE_RECEIPT, LEAD)
    assert after.number == "津西青张综执送〔2026〕1号"  # each kind has its own sequence


async def test_the_download_hashes_to_the_recorded_digest_and_regenerating_gives_the_same_bytes(
    documents: Documents,
) -> None:
    first = await documents.http.http.get(f"/documents/{STRAW}/penalty-decision.docx", headers=_auth(LEAD))
    again = await documents.http.http.get(f"/documents/{STRAW}/penalty-decision.docx",
                                          headers=_auth("zjw-principal-1"))

    assert first.status_code == again.status_code == 200, first.text
    assert first.content == again.content
    (event,) = await _documents_events(documents.store, STRAW)
    assert event["sha256"] == hashlib.sha256(first.content).hexdigest() == first.headers["X-Document-SHA256"]
    assert (event["kind"], event["number"], event["version"], event["numbered_from_sequence"]) == (
        "penalty-decision", "津西青张综执罚〔2026〕31号", 1, False)
    assert event["template_version"] == first.headers["X-Template-Version"]
    assert event["actors"] == [LEAD]
    assert await verify(documents.store.engine, f"documents:{STRAW}") == []
    assert "attachment; filename*=UTF-8''" in first.headers["Content-Disposition"]


async def test_a_changed_town_template_gives_a_new_version_under_the_same_number(
    documents: Documents, tmp_path: Path,
) -> None:
    before = await documents.service.generate(STRAW, DocumentKind.SERVICE_RECEIPT, LEAD)
    (tmp_path / "zhangjiawo").mkdir()
    (tmp_path / "zhangjiawo" / "town.toml").write_text('seal = "（张家窝镇人民政府印章）"\n', encoding="utf-8")

    after = await service_over(documents.store, TemplateLibrary(tmp_path)).generate(
        STRAW, DocumentKind.SERVICE_RECEIPT, LEAD)

    assert (after.number, after.version) == (before.number, 2)
    assert after.template_version != before.template_version
    assert "（张家窝镇人民政府印章）" in docx_text(after.content)
    assert "津西青张综执" in docx_text(after.content)  # the keys the override leaves alone stay the town's
    assert [e["version"] for e in await _documents_events(documents.store, STRAW)] == [1, 2]


async def test_the_public_copy_masks_the_party_s_identifiers_under_the_recorded_number(documents: Documents) -> None:
    public = await documents.http.http.get(f"/documents/{STRAW}/penalty-decision.docx?copy=public",
                                           headers=_auth(LEAD))

    assert public.status_code == 200 and public.headers["X-Document-Copy"] == "public"
    text = docx_text(public.content)
    assert "120111196805123456" not in text and "120111************" in text
    assert "公开文本" in text and "津西青张综执罚〔2026〕31号" in text
    events = await _documents_events(documents.store, STRAW)
    assert [e["sha256"] for e in events] != [hashlib.sha256(public.content).hexdigest()]  # the original is recorded


@pytest.mark.parametrize(("officer", "path", "status", "says"), [
    ("ds-principal-1", f"/documents/{STRAW}/penalty-decision.docx", 404, "no case"),
    (LEAD, "/documents/case:zhangjiawo:nothing/penalty-decision.docx", 404, "no case"),
    (LEAD, f"/documents/{STRAW}/verdict.docx", 404, "documents are filing-approval.docx"),
    (LEAD, f"/documents/{STRAW}/on-the-spot-decision.docx", 409, "SIMPLE_CASE"),
    ("xq-auditor-1", f"/documents/{STRAW}/penalty-decision.docx", 403, "documents are open to the roles"),
])
async def test_a_document_is_refused_outside_the_case_s_town_and_before_it_is_due(
    documents: Documents, officer: str, path: str, status: int, says: str,
) -> None:
    response = await documents.http.http.get(path, headers=_auth(officer))

    assert response.status_code == status, response.text
    assert says in response.json()["error"]
    assert await _documents_events(documents.store, STRAW) == []


async def test_no_token_is_401(documents: Documents) -> None:
    response = await documents.http.http.get(f"/documents/{STRAW}/penalty-decision.docx")
    assert response.status_code == 401
