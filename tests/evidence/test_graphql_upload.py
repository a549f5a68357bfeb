"""`uploadEvidence` over a real GraphQL multipart request (httpx's multipart/form-data against the served app):
the same service as `POST /evidence/{caseId}` — the server's hash, stored once (the plain POST of the same file
finds it), downloadable by the case's town — and the same refusals, as typed results that leave nothing stored;
a body over the limit is refused before it is parsed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.api.client import asgi_client
from tests.api.test_case_over_http import served
from tests.documents.cases import STRAW
from tests.evidence.conftest import MAX_BYTES, OTHER_TOWN_CASE, Evidence
from tests.evidence.test_evidence_files import LEAD, PHOTO, _headers, _upload

UPLOAD = """mutation($caseId: ID!, $file: Upload!, $sha: String) {
  uploadEvidence(caseId: $caseId, file: $file, clientSha256: $sha) { __typename
    ... on EvidenceFile { fileId caseId sha256 size mediaType filename uploadedBy duplicate }
    ... on ValidationError { code rule field message }
    ... on NotFound { code id } ... on Forbidden { code requiredRoles } } }"""


async def _multipart(http: httpx.AsyncClient, content: bytes, *, officer: str = LEAD, case_id: str = STRAW,
                     media_type: str = "image/jpeg", sha: str | None = None) -> httpx.Response:
    operations = {"query": UPLOAD, "variables": {"caseId": case_id, "file": None, "sha": sha}}
    return await http.post("/graphql", headers=_headers(officer), data={
        "operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("询问录音.jpg", content, media_type)})


async def _chunked() -> AsyncIterator[bytes]:
    yield b"--zhifa\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--zhifa--\r\n"


def _outcome(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    outcome: dict[str, Any] = response.json()["data"]["uploadEvidence"]
    return outcome


async def test_a_multipart_upload_is_stored_once_with_the_servers_hash_and_served_to_its_town(
    evidence: Evidence,
) -> None:
    digest = hashlib.sha256(PHOTO).hexdigest()
    async with served(evidence.app) as api:
        uploaded = _outcome(await _multipart(api.http, PHOTO, sha=digest))
        plain = await _upload(api.http, PHOTO, officer="zjw-officer-1")
        own = await api.http.get(f"/evidence/{STRAW}/{digest}", headers=_headers("zjw-principal-1"))
        other_town = _outcome(await _multipart(api.http, PHOTO, officer="ds-lead-1"))
        other_case = _outcome(await _multipart(api.http, PHOTO, case_id=OTHER_TOWN_CASE))

    assert uploaded == {"__typename": "EvidenceFile", "fileId": uploaded["fileId"], "caseId": STRAW,
                        "sha256": digest, "size": len(PHOTO), "mediaType": "image/jpeg", "filename": "询问录音.jpg",
                        "uploadedBy": LEAD, "duplicate": False}
    assert (plain.status_code, plain.json()["fileId"], plain.json()["duplicate"]) == (200, uploaded["fileId"], True)
    assert own.status_code == 200 and own.content == PHOTO
    assert (other_town["__typename"], other_town["id"]) == ("NotFound", STRAW)
    assert (other_case["__typename"], other_case["id"]) == ("NotFound", OTHER_TOWN_CASE)
    assert evidence.stored() == [evidence.location(digest)] and await evidence.records() == 1


@pytest.mark.parametrize(("content", "media_type", "sha", "rule", "field", "says"), [
    (PHOTO, "image/jpeg", "0" * 64, "CLIENT_DIGEST", "clientSha256", "0" * 64),
    (b"just some text", "text/plain", None, "MEDIA_TYPE", "file", "'text/plain' is not accepted"),
    (b"MZ\x90\x00 an executable", "image/png", None, "MEDIA_SIGNATURE", "file", "does not start like image/png"),
    (b"\xff\xd8\xff" + b"x" * MAX_BYTES, "image/jpeg", None, "MAX_BYTES", "file", "ZHIFA_EVIDENCE_MAX_BYTES"),
])
async def test_a_refused_multipart_upload_is_a_validation_error_naming_the_rule_and_stores_nothing(
    evidence: Evidence, content: bytes, media_type: str, sha: str | None, rule: str, field: str, says: str,
) -> None:
    async with served(evidence.app) as api:
        refused = _outcome(await _multipart(api.http, content, media_type=media_type, sha=sha))

    assert (refused["__typename"], refused["code"], refused["rule"], refused["field"]) == (
        "ValidationError", "EVIDENCE_REFUSED", rule, field)
    assert says in refused["message"]
    assert evidence.stored() == [] and await evidence.records() == 0


async def test_a_multipart_body_over_the_limit_is_refused_before_it_is_parsed_and_a_supervisor_may_not_upload(
    evidence: Evidence,
) -> None:
    async with served(evidence.app) as api:
        huge = await _multipart(api.http, b"\xff\xd8\xff" + b"x" * (MAX_BYTES + 70 * 1024))
        supervisor = _outcome(await _multipart(api.http, PHOTO, officer="xq-supervisor-1"))
        anonymous = await api.http.post("/graphql", files={"0": ("a.jpg", PHOTO, "image/jpeg")})
        chunked = await api.http.post("/graphql", content=_chunked(), headers=_headers(
            LEAD, **{"Content-Type": "multipart/form-data; boundary=zhifa"}))

    assert (chunked.status_code, chunked.json()["errors"][0]["extensions"]["rule"]) == (411, "CONTENT_LENGTH")
    assert huge.status_code == 413
    assert huge.json()["errors"][0]["extensions"] == {"code": "UPLOAD_REFUSED", "rule": "MAX_BYTES"}
    assert (supervisor["__typename"], supervisor["code"]) == ("Forbidden", "FORBIDDEN")
    assert "officer" in supervisor["requiredRoles"] and "supervisor" not in supervisor["requiredRoles"]
    assert anonymous.status_code == 401
    assert evidence.stored() == [] and await evidence.records() == 0


async def test_a_file_sent_as_a_plain_value_instead_of_a_multipart_part_is_refused_naming_the_field(
    evidence: Evidence,
) -> None:
    async with served(evidence.app) as api:
        plain = await api.http.post("/graphql", headers=_headers(LEAD), json={
            "query": UPLOAD, "variables": {"caseId": STRAW, "file": "not a file"}})

    refused = _outcome(plain)
    assert (refused["__typename"], refused["rule"], refused["field"]) == ("ValidationError", "MULTIPART_FILE", "file")
    assert "multipart" in refused["message"]
    assert evidence.stored() == [] and await evidence.records() == 0


@pytest.mark.parametrize("blobs", ["local"], indirect=True)  # who may upload does not depend on the store
@pytest.mark.parametrize(("officer", "outcome"), [
    ("zjw-officer-1", "EvidenceFile"), ("zjw-reviewer-1", "EvidenceFile"), ("zjw-principal-1", "EvidenceFile"),
    ("xq-supervisor-1", "Forbidden"), ("xq-auditor-1", "Forbidden"), ("zjw-aux-1", "Forbidden"),
])
async def test_the_case_s_workers_may_upload_and_other_roles_are_forbidden(
    evidence: Evidence, officer: str, outcome: str,
) -> None:
    client = asgi_client(evidence.app)
    answer = _outcome(await _multipart(client.http, PHOTO, officer=officer))
    await client.http.aclose()

    assert answer["__typename"] == outcome
    assert await evidence.records() == (1 if outcome == "EvidenceFile" else 0)
