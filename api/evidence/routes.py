"""`POST /evidence/{caseId}`: the request body is the file (raw, streamed: never held in memory), its
`Content-Type` the media type, `X-Filename` its name (percent-encoded UTF-8; optional), and optionally the
client's own digest in `X-Content-SHA256`, `Digest` or `Content-Digest` — compared with the server's, never used
instead of it. Answers 201 with the server's SHA-256 and the file id (200 when the same file was already
recorded for the case); 413, 415 or 422 naming the rule otherwise. The officer then refers to the file by its
hash in `recordEvidence` (`evidenceHash`) or `recordInquiry`/`recordSite` (`recordHash`).

`GET /evidence/{caseId}/{sha256}`: the file back, for those who may read the case.

`GET /evidence/{caseId}`: every file uploaded for the case, oldest first (whether or not a step has recorded it
yet), with the same fields as an upload's answer — so an upload is never out of sight once the page is gone.

Bearer tokens as for GraphQL: uploads by the case's workers, downloads by its readers; a case outside the
caller's towns is 404, the same as one that does not exist. An evidence store that does not answer (the S3 bucket
unreachable) is 503 with Retry-After, naming `evidence-store`; nothing is recorded."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from urllib.parse import unquote

from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from api.bearer import authorised_caller, export_refused
from api.case_scope import attachment, case_in_scope, case_not_found
from api.graphql.authn import Authenticator
from api.graphql.caller import Caller
from api.graphql.context import Services
from api.graphql.policy import CASE_READERS, CASE_WORKERS
from domain.projections import CaseSummary
from infra.auth import AuthSettings
from infra.availability import Outage, outage_of
from infra.evidence.service import EvidenceFile, EvidenceRefused, EvidenceService

DIGEST_HEADERS = ("x-content-sha256", "content-digest", "digest")
DOWNLOAD = "GET /evidence/{caseId}/{sha256}"
LISTING = "GET /evidence/{caseId}"
log = logging.getLogger("zhifa.api")


def evidence_routes(services: Services, auth: AuthSettings, evidence: EvidenceService) -> list[BaseRoute]:
    authenticator = Authenticator(auth, services)

    async def opened(request: Request, roles: frozenset[str], what: str, operation: str,
                     ) -> tuple[Caller, CaseSummary] | Response:
        """The caller and the path's case, or the answer refusing them (401/403; 404 outside their towns)."""
        caller = await authorised_caller(request, authenticator, roles=roles, what=what, operation=operation)
        if isinstance(caller, Response):
            return caller
        case_id = str(request.path_params["case_id"])
        summary = await case_in_scope(services.engine, caller, case_id)
        return case_not_found(case_id) if summary is None else (caller, summary)

    async def upload(request: Request) -> Response:
        found = await opened(request, frozenset(CASE_WORKERS), "evidence uploads are", "POST /evidence/{caseId}")
        if isinstance(found, Response):
            return found
        caller, summary = found
        try:
            stored = await evidence.upload(
                stream_id=summary.stream_id, town=summary.town, actor=caller.officer_id,
                filename=unquote(request.headers.get("x-filename", "")) or "evidence",
                media_type=request.headers.get("content-type", ""), body=_body(request),
                declared_size=_length(request), client_digest=_client_digest(request))
        except EvidenceRefused as refused:
            return JSONResponse({"error": refused.message, "rule": refused.rule}, status_code=refused.status)
        except Exception as error:
            return _unavailable(error)
        return JSONResponse(_described(stored), status_code=200 if stored.duplicate else 201)

    async def download(request: Request) -> Response:
        opened_case = await opened(request, frozenset(CASE_READERS), "evidence files are", DOWNLOAD)
        if isinstance(opened_case, Response):
            return opened_case
        (caller, summary), sha256 = opened_case, str(request.path_params["sha256"])
        found = await evidence.find(summary.stream_id, sha256)
        try:
            stored = found is not None and await evidence.stored(sha256)
        except Exception as error:
            return _unavailable(error)
        if found is None or not stored:
            return JSONResponse({"error": f"no evidence file {sha256} for {summary.stream_id}"}, status_code=404)
        refused = await export_refused(request, authenticator, caller, DOWNLOAD,
                                       f"evidence file {sha256} of {summary.stream_id}")
        if refused is not None:
            return refused
        return StreamingResponse(evidence.blobs.chunks(sha256), media_type=found.media_type, headers={
            "Content-Disposition": attachment(found.filename), "Content-Length": str(found.size),
            "X-Content-SHA256": found.sha256})

    async def listing(request: Request) -> Response:
        found = await opened(request, frozenset(CASE_READERS), "evidence files are", LISTING)
        if isinstance(found, Response):
            return found
        _, summary = found
        files = await evidence.files(summary.stream_id)
        return JSONResponse({"caseId": summary.stream_id, "files": [_described(f) for f in files]})

    # A case id may hold a slash (the path converter), so a download is told from a listing by its 64 hex digits.
    register_url_convertor("sha256", Sha256Convertor())
    return [Route("/evidence/{case_id:path}/{sha256:sha256}", download, methods=["GET"]),
            Route("/evidence/{case_id:path}", listing, methods=["GET"]),
            Route("/evidence/{case_id:path}", upload, methods=["POST", "PUT"])]


class Sha256Convertor(Convertor[str]):
    regex = "[0-9a-fA-F]{64}"

    def convert(self, value: str) -> str:
        return value.lower()

    def to_string(self, value: str) -> str:
        return value


def _unavailable(error: Exception) -> Response:
    """503 naming the dependency that is down; anything else is a bug and is raised again."""
    outage: Outage | None = outage_of(error)
    if outage is None:
        raise error
    log.warning("evidence: %s unavailable: %s", outage.dependency, outage.detail)  # the bucket's address stays here
    return JSONResponse({"error": f"{outage.dependency} is unavailable; retry in {outage.retry_after_seconds} s",
                         "dependency": outage.dependency},
                        status_code=503, headers={"Retry-After": str(outage.retry_after_seconds)})


async def _body(request: Request) -> AsyncIterator[bytes]:
    async for chunk in request.stream():
        if chunk:
            yield chunk


def _length(request: Request) -> int | None:
    value = request.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _client_digest(request: Request) -> str | None:
    return next((request.headers[name] for name in DIGEST_HEADERS if request.headers.get(name)), None)


def _described(stored: EvidenceFile) -> dict[str, object]:
    return {"fileId": str(stored.file_id), "caseId": stored.stream_id, "sha256": stored.sha256, "size": stored.size,
            "mediaType": stored.media_type, "filename": stored.filename, "uploadedBy": stored.uploaded_by,
            "uploadedAt": stored.uploaded_at.isoformat(), "duplicate": stored.duplicate}
