"""The case page's files in a real browser on the real stack (issue 11): evidence uploaded with a progress bar and
listed with the server's SHA-256, refusals shown with the API's message and leaving nothing, documents (文书)
downloaded with the caller's token whose bytes hash to what the page shows, and another town's officer seeing
none of the case's evidence — on the page nor by the file's direct URL."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import expect

from tests.api.client import GraphQLClient, token_for
from tests.api.general_case import LEAD, PRINCIPAL, register_lead, step, steps_to_closure
from tests.console.conftest import EVIDENCE_MAX_BYTES, Console
from tests.console.test_console import open_case, upload
from tests.e2e.straw_burning import scenario_base

pytestmark = [pytest.mark.temporal, pytest.mark.timeout(180)]

# A JPEG as a camera writes it starts with the SOI marker; the server checks the content's own signature.
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 300
CASE_NO = "津西青张综执立〔2026〕88号"
FETCH_STATUS = "async (path) => (await fetch(path, { headers: { Authorization: " \
               "`Bearer ${sessionStorage.getItem('zhifa.token')}` } })).status"


async def case_over_the_api(console: Console, request_id: str, *, filed: bool = False) -> str:
    """A straw-burning lead of 张家窝镇 (verified and filed when `filed`), entered over the API."""
    api = GraphQLClient(httpx.AsyncClient(base_url=console.base_url, timeout=60))
    try:
        base = scenario_base(datetime.now(UTC))
        case_id = str((await register_lead(api, request_id, base))["streamId"])
        for index, (officer, mutation, data) in enumerate(steps_to_closure(base)[:2] if filed else []):
            result = await step(api, officer, mutation, {**data, "requestId": f"{case_id}:{index}", "caseId": case_id})
            assert result["__typename"] == "Case", result
        return case_id
    finally:
        await api.http.aclose()


async def case_page(console: Console, officer: str, case_id: str) -> Any:
    page = await console.page_for(officer)
    await open_case(console, page, case_id, 0)
    return page


async def saved_bytes(download: Any) -> bytes:
    return await asyncio.to_thread(Path(await download.path()).read_bytes)


async def test_an_officer_uploads_a_photo_sees_progress_reach_100_percent_and_the_file_with_the_servers_hash(
    console: Console,
) -> None:
    case_id = await case_over_the_api(console, "console-photo")
    page = await case_page(console, LEAD, case_id)

    await upload(page, "焚烧现场.jpg", PHOTO, "image/jpeg")
    await expect(page.locator("#upload-percent")).to_have_text("100%")
    await expect(page.locator("#upload-progress")).to_have_attribute("value", "100")
    digest = hashlib.sha256(PHOTO).hexdigest()
    row = page.locator("tr.evidence-file")
    await expect(row).to_have_count(1)
    await expect(row).to_have_attribute("data-sha256", digest)
    await expect(row.locator(".sha256")).to_have_text(digest)
    await expect(row.locator(".size")).to_have_attribute("data-bytes", str(len(PHOTO)))
    await expect(row.locator(".media-type")).to_contain_text("image/jpeg")
    await expect(row.locator(".media-type")).to_contain_text("照片")
    async with page.expect_download() as downloading:
        await row.locator(".download-evidence").click()
    assert hashlib.sha256(await saved_bytes(await downloading.value)).hexdigest() == digest
    await console.shot(page, "case-evidence")


async def test_a_forbidden_type_an_oversize_file_or_a_wrong_hash_is_refused_with_the_apis_message_and_nothing_is_listed(
    console: Console,
) -> None:
    case_id = await case_over_the_api(console, "console-refusals")
    page = await case_page(console, LEAD, case_id)
    error = page.locator("#upload-error")

    await upload(page, "笔记.txt", "现场情况".encode(), "text/plain")
    await expect(error).to_contain_text("文件类型不允许")
    await expect(error).to_contain_text("text/plain")  # the API's own message, with its rule
    await expect(error).to_contain_text("MEDIA_TYPE")
    await expect(page.locator("tr.evidence-file")).to_have_count(0)
    await expect(page.locator("#no-evidence-files")).to_be_visible()
    await console.shot(page, "evidence-refused")

    oversize = PHOTO[:16] + bytes(EVIDENCE_MAX_BYTES)
    await upload(page, "超大照片.jpg", oversize, "image/jpeg")
    await expect(error).to_contain_text("文件过大")
    await expect(error).to_contain_text("MAX_BYTES")
    await expect(page.locator("tr.evidence-file")).to_have_count(0)

    await page.locator("#evidence-digest").fill(hashlib.sha256(b"another file").hexdigest())
    await upload(page, "焚烧现场.jpg", PHOTO, "image/jpeg")
    await expect(error).to_contain_text("CLIENT_DIGEST")
    await expect(page.locator("tr.evidence-file")).to_have_count(0)
    status = await page.evaluate(FETCH_STATUS, f"/evidence/{case_id}/{hashlib.sha256(PHOTO).hexdigest()}")
    assert status == 404  # nothing was stored for the case


async def test_the_officer_downloads_a_generated_document_whose_bytes_hash_to_the_hash_the_page_shows(
    console: Console,
) -> None:
    case_id = await case_over_the_api(console, "console-documents", filed=True)
    page = await case_page(console, LEAD, case_id)

    filing = page.locator('tr.document[data-kind="filing-approval"]')
    async with page.expect_download() as downloading:
        await filing.locator(".download-docx").click()
    content = await saved_bytes(await downloading.value)
    await expect(filing).to_have_attribute("data-generated", "true")
    await expect(filing.locator(".sha256")).to_have_text(hashlib.sha256(content).hexdigest())
    await expect(filing.locator(".number")).to_have_text(CASE_NO)
    assert content.startswith(b"PK")  # a .docx is a zip

    async with page.expect_download() as downloading:
        await filing.locator(".download-pdf").click()
    assert (await saved_bytes(await downloading.value)).startswith(b"%PDF")

    decision = page.locator('tr.document[data-kind="penalty-decision"]')
    await decision.locator(".download-docx").click()
    await expect(decision.locator(".document-message")).to_contain_text("尚不能生成")
    await expect(decision).not_to_have_attribute("data-generated", "true")
    await console.shot(page, "case-documents")


async def test_an_officer_of_another_town_sees_none_of_the_cases_evidence_on_the_page_nor_by_its_url(
    console: Console,
) -> None:
    case_id = await case_over_the_api(console, "console-other-town")
    async with httpx.AsyncClient(base_url=console.base_url) as http:
        stored = await http.post(f"/evidence/{case_id}", content=PHOTO, headers={
            "Authorization": f"Bearer {token_for(LEAD)}", "Content-Type": "image/jpeg", "X-Filename": "photo.jpg"})
    assert stored.status_code == 201, stored.text
    url = f"/evidence/{case_id}/{stored.json()['sha256']}"

    own = await case_page(console, PRINCIPAL, case_id)
    assert await own.evaluate(FETCH_STATUS, url) == 200

    other = await console.page_for("ds-officer-1")
    await other.goto(f"{console.base_url}/console/?direct=1#/case/{case_id}")
    await expect(other.locator(".not-found")).to_contain_text("NOT_FOUND")
    await expect(other.locator("#evidence-upload")).to_have_count(0)
    await expect(other.locator("#evidence")).to_have_count(0)
    assert await other.evaluate(FETCH_STATUS, url) == 404
    direct = await other.goto(f"{console.base_url}{url}")
    assert direct is not None and direct.status == 401  # a link carries no token
