"""Evidence uploaded over real HTTP is hashed by the server, stored once however often it comes, served back to
the case's town only; a wrong client digest, an oversize file and a forbidden or disguised type are refused with
the rule named and leave nothing on disk or in the database; steps must cite uploaded files."""

from __future__ import annotations

import base64
import hashlib
import os

import httpx
import pytest

from tests.api.client import GraphQLClient, asgi_client, token_for
from tests.api.test_case_over_http import served
from tests.documents.cases import STRAW
from tests.evidence.conftest import MAX_BYTES, OTHER_TOWN_CASE, Evidence

LEAD = "zjw-lead-1"
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(20_000)


def _headers(officer: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(officer)}", **extra}


async def _upload(http: httpx.AsyncClient, content: bytes, *, case_id: str = STRAW, officer: str = LEAD,
                  media_type: str = "image/jpeg", **headers: str) -> httpx.Response:
    return await http.post(f"/evidence/{case_id}", content=content, headers=_headers(
        officer, **{"Content-Type": media_type, "X-Filename": "%E7%8E%B0%E5%9C%BA.jpg", **headers}))


async def test_an_upload_over_http_is_hashed_by_the_server_stored_once_and_served_to_its_town_only(
    evidence: Evidence,
) -> None:
    async with served(evidence.app) as api:
        http = api.http
        first = await _upload(http, PHOTO)
        again = await _upload(http, PHOTO, officer="zjw-officer-1")
        own = await http.get(f"/evidence/{STRAW}/{first.json()['sha256']}", headers=_headers("zjw-principal-1"))
        other = await http.get(f"/evidence/{STRAW}/{first.json()['sha256']}", headers=_headers("ds-principal-1"))
        other_case = await _upload(http, PHOTO, case_id=OTHER_TOWN_CASE)

    digest = hashlib.sha256(PHOTO).hexdigest()
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["sha256"], body["size"], body["mediaType"], body["filename"], body["uploadedBy"]) == (
        digest, len(PHOTO), "image/jpeg", "现场.jpg", LEAD)
    assert (again.status_code, again.json()["fileId"], again.json()["duplicate"]) == (200, body["fileId"], True)
    assert evidence.stored() == [evidence.location(digest)]
    assert await evidence.records() == 1
    assert own.status_code == 200 and own.content == PHOTO and own.headers["X-Content-SHA256"] == digest
    assert other.status_code == 404 and other_case.status_code == 404


async def test_the_files_uploaded_for_a_case_are_listed_to_its_readers_oldest_first(evidence: Evidence) -> None:
    scan = b"%PDF-1.7 " + os.urandom(2_000)
    async with served(evidence.app) as api:
        http = api.http
        empty = await http.get(f"/evidence/{STRAW}", headers=_headers(LEAD))
        photo = (await _upload(http, PHOTO)).json()
        pdf = (await _upload(http, scan, officer="zjw-officer-1", media_type="application/pdf")).json()
        await _upload(http, PHOTO, officer="zjw-officer-1")  # the same file again: still one entry
        listed = await http.get(f"/evidence/{STRAW}", headers=_headers("zjw-principal-1"))
        other_town = await http.get(f"/evidence/{STRAW}", headers=_headers("ds-principal-1"))
        unsigned = await http.get(f"/evidence/{STRAW}")

    assert (empty.status_code, empty.json()) == (200, {"caseId": STRAW, "files": []})
    assert listed.status_code == 200, listed.text
    files = listed.json()["files"]
    assert [(f["sha256"], f["uploadedBy"], f["mediaType"], f["size"]) for f in files] == [
        (hashlib.sha256(PHOTO).hexdigest(), LEAD, "image/jpeg", len(PHOTO)),
        (hashlib.sha256(scan).hexdigest(), "zjw-officer-1", "application/pdf", len(scan))]
    assert [f["fileId"] for f in files] == [photo["fileId"], pdf["fileId"]]
    assert other_town.status_code == 404 and unsigned.status_code == 401


@pytest.mark.parametrize(("content", "media_type", "headers", "status", "rule", "says"), [
    (PHOTO, "image/jpeg", {"X-Content-SHA256": "0" * 64}, 422, "CLIENT_DIGEST", "0" * 64),
    (PHOTO, "image/jpeg", {"Digest": "sha-256=" + base64.b64encode(b"\1" * 32).decode()}, 422, "CLIENT_DIGEST",
     "01" * 32),
    (b"\xff\xd8\xff" + b"x" * MAX_BYTES, "image/jpeg", {}, 413, "MAX_BYTES", "ZHIFA_EVIDENCE_MAX_BYTES"),
    (b"just some text", "text/plain", {}, 415, "MEDIA_TYPE", "'text/plain' is not accepted"),
    (b"MZ\x90\x00 an executable", "image/png", {}, 415, "MEDIA_SIGNATURE", "does not start like image/png"),
    (b"", "application/pdf", {}, 422, "EMPTY_FILE", "empty"),
])
async def test_a_refused_upload_names_its_rule_and_leaves_nothing_stored(
    evidence: Evidence, content: bytes, media_type: str, headers: dict[str, str], status: int, rule: str, says: str,
) -> None:
    async with served(evidence.app) as api:
        refused = await _upload(api.http, content, media_type=media_type, **headers)

    assert refused.status_code == status, refused.text
    assert refused.json()["rule"] == rule and says in refused.json()["error"]
    assert evidence.stored() == []
    assert await evidence.records() == 0


async def test_a_matching_client_digest_is_accepted_and_a_streamed_oversize_body_is_refused(
    evidence: Evidence,
) -> None:
    client = asgi_client(evidence.app)

    async def chunks() -> object:
        for _ in range(8):
            yield b"\xff\xd8\xff" + b"y" * (MAX_BYTES // 4)

    ok = await _upload(client.http, PHOTO, **{"Content-Digest": "sha-256=:" + base64.b64encode(
        hashlib.sha256(PHOTO).digest()).decode() + ":"})
    streamed = await client.http.post(f"/evidence/{STRAW}", content=chunks(),  # type: ignore[arg-type]
                                      headers=_headers(LEAD, **{"Content-Type": "image/jpeg"}))
    await client.http.aclose()

    assert ok.status_code == 201, ok.text
    assert (streamed.status_code, streamed.json()["rule"]) == (413, "MAX_BYTES")
    assert len(evidence.stored()) == 1 and await evidence.records() == 1


RECORD = """mutation($i: CollectEvidenceInput!) { recordEvidence(input: $i) { __typename
  ... on ValidationError { rule field article message } } }"""


async def test_a_step_must_cite_a_file_uploaded_for_the_case(evidence: Evidence) -> None:
    client = GraphQLClient(asgi_client(evidence.app).http)
    uploaded = (await _upload(client.http, PHOTO)).json()["sha256"]
    step = {"requestId": "ev-2", "caseId": STRAW, "coActors": ["zjw-officer-1"], "evidenceId": "ev-2",
            "kind": "PHOTO", "description": "焚烧现场照片", "avRef": "av/cam-7/3"}

    unknown = await client.run(token_for(LEAD), RECORD, {"i": {**step, "evidenceHash": "ab" * 32}})
    cited = await client.run(token_for(LEAD), RECORD, {"i": {**step, "evidenceHash": uploaded}})
    await client.http.aclose()

    problem = unknown["data"]["recordEvidence"]
    assert (problem["__typename"], problem["rule"], problem["field"], problem["article"]) == (
        "ValidationError", "EVIDENCE_FILE_UPLOADED", "evidenceHash", "APL 47")
    assert "ab" * 32 in problem["message"] and f"POST /evidence/{STRAW}" in problem["message"]
    assert [sent[2].evidence_hash for sent in evidence.streams.sent] == [uploaded]  # type: ignore[attr-defined]
    assert cited["data"]["recordEvidence"]["__typename"] == "InvalidTransition"  # the test double's answer
