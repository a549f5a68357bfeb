"""`uploadEvidence(caseId, file, clientSha256)`: an evidence file sent as a GraphQL multipart request (the GraphQL
multipart request spec: an `operations` part, a `map` part and the file's part), the alternative to
`POST /evidence/{caseId}` for clients that speak only GraphQL. It goes through the same `EvidenceService` — same
limits, media types and content signatures, the server's SHA-256 compared with the client's, the same record —
and the same authorisation (the case's workers, a case outside the caller's towns not found). A refusal is a
`ValidationError` naming the rule and the field (`file` or `clientSha256`) and leaves nothing stored.

Before strawberry parses a multipart body (Starlette spools its files to disk), `multipart_refusal` bounds it:
411 without a Content-Length, 413 over the evidence limit plus room for the other parts, 400 when the API has
no evidence store.

CSRF (strawberry enables multipart uploads only on request, since a browser may send a cross-site
multipart/form-data POST without a preflight): `/graphql` acts only for a bearer token in the Authorization
header, which a cross-site form cannot set, and no cookie is ever read — a forged request is unauthenticated."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

import strawberry
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse, Response
from starlette.types import Scope
from strawberry.file_uploads import Upload
from strawberry.types import Info

from api.graphql.context import RequestContext, Services
from api.graphql.ids import stream_id_of
from api.graphql.policy import CASE_WORKERS
from api.graphql.problems import Forbidden, NotFound, Unavailable, ValidationError, not_found
from infra.availability import EVIDENCE_STORE, Outage, outage_of
from infra.evidence.service import EvidenceFile as StoredFile
from infra.evidence.service import EvidenceRefused, EvidenceService
from infra.evidence.store import READ_CHUNK

MUTATION = "uploadEvidence"
FORM_ALLOWANCE = 64 * 1024  # the operations and map parts and the multipart boundaries around the file


@strawberry.type(name="EvidenceFile", description="An evidence file as the server stored it: the SHA-256 is the "
                                                  "server's own, to cite in recordEvidence.evidenceHash.")
class EvidenceFileRecord:
    file_id: strawberry.ID
    case_id: strawberry.ID
    sha256: str
    size: int
    media_type: str
    filename: str
    uploaded_by: str
    uploaded_at: datetime
    duplicate: bool  # the same file was already recorded for the case: nothing new stored

    @classmethod
    def of(cls, stored: StoredFile) -> EvidenceFileRecord:
        return cls(file_id=strawberry.ID(str(stored.file_id)), case_id=strawberry.ID(stored.stream_id),
                   sha256=stored.sha256, size=stored.size, media_type=stored.media_type, filename=stored.filename,
                   uploaded_by=stored.uploaded_by, uploaded_at=stored.uploaded_at, duplicate=stored.duplicate)


EvidenceUploadOutcome = Annotated[
    EvidenceFileRecord | ValidationError | NotFound | Forbidden | Unavailable,
    strawberry.union("EvidenceUploadOutcome", description="The file as stored, or why it was not."),
]


async def upload_evidence(info: Info, case_id: strawberry.ID, file: Upload,
                          client_sha256: str | None = None) -> EvidenceUploadOutcome:
    context: RequestContext = info.context
    if not context.caller.holds_any(CASE_WORKERS):
        roles = sorted(str(role) for role in CASE_WORKERS)
        return context.forbid(MUTATION, f"evidence uploads are open to the roles {', '.join(roles)}", roles)
    if not isinstance(file, UploadFile):  # a value in the variables or the query instead of a multipart part
        return ValidationError(code="EVIDENCE_REFUSED", rule="MULTIPART_FILE", field="file", article=None,
                               message="file must be a part of a GraphQL multipart request (multipart/form-data "
                                       "with operations, map and the file)")
    evidence = context.services.evidence
    if not isinstance(evidence, EvidenceService):
        return _unavailable(Outage(EVIDENCE_STORE, "this API has no evidence store"))
    summary = await context.fresh_summary(stream_id_of(str(case_id)))
    if summary is None:
        return not_found(stream_id_of(str(case_id)))
    await context.reads.release()  # SQLite: the request's read transaction would hold off the record's write
    try:
        stored = await evidence.upload(
            stream_id=summary.stream_id, town=summary.town, actor=context.caller.officer_id,
            filename=file.filename or "evidence", media_type=file.content_type or "", body=_chunks(file),
            declared_size=file.size, client_digest=client_sha256)
    except EvidenceRefused as refused:
        return _refusal(refused)
    except Exception as error:
        outage = outage_of(error)
        if outage is None:
            raise
        return _unavailable(outage)
    return EvidenceFileRecord.of(stored)


def upload_mutation() -> Any:
    return strawberry.mutation(upload_evidence, name=MUTATION, description=(
        "Stores an evidence file for a case (GraphQL multipart request), by one of the case's workers; the same "
        "rules as POST /evidence/{caseId}."))


def multipart_refusal(scope: Scope, services: Services) -> Response | None:
    """The answer to a multipart request that must not be parsed, else None (and None for any other request)."""
    headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope.get("headers", [])}
    if not headers.get("content-type", "").lower().startswith("multipart/"):
        return None
    evidence = services.evidence
    if not isinstance(evidence, EvidenceService):
        return _http_error(400, "MULTIPART", "this API takes no uploads: it has no evidence store")
    length, cap = headers.get("content-length", ""), evidence.settings.max_bytes + FORM_ALLOWANCE
    if not length.isdigit():
        return _http_error(411, "CONTENT_LENGTH", "a multipart upload must carry its Content-Length")
    if int(length) > cap:
        return _http_error(413, "MAX_BYTES", f"{length} bytes exceed the limit of {cap} bytes for an upload "
                                             f"(ZHIFA_EVIDENCE_MAX_BYTES and {FORM_ALLOWANCE} for its form)")
    return None


async def _chunks(file: UploadFile) -> AsyncIterator[bytes]:
    while chunk := await file.read(READ_CHUNK):
        yield chunk


def _refusal(refused: EvidenceRefused) -> ValidationError:
    field = "clientSha256" if refused.rule == "CLIENT_DIGEST" else "file"
    return ValidationError(code="EVIDENCE_REFUSED", message=refused.message, rule=refused.rule, field=field,
                           article=None)


def _unavailable(outage: Outage) -> Unavailable:
    return Unavailable(code="UNAVAILABLE", dependency=outage.dependency, retryable=True,
                       retry_after_seconds=outage.retry_after_seconds,
                       message=f"{outage.dependency} is unavailable; nothing was recorded: upload the file again "
                               f"in {outage.retry_after_seconds} s (the same file is stored once)")


def _http_error(status: int, rule: str, message: str) -> JSONResponse:
    body = {"data": None, "errors": [{"message": message, "extensions": {"code": "UPLOAD_REFUSED", "rule": rule}}]}
    return JSONResponse(body, status_code=status)
