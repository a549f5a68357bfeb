"""`GET /documents/{caseId}/{kind}.docx` and `.pdf`: a case's document as its events now call for it, generated
(numbered, stored and recorded) the first time and whenever what it says changed, the stored bytes otherwise —
so the download's SHA-256 is the one recorded in the case's `DocumentGenerated` event. The PDF of a version is
converted once, stored and recorded (`DocumentRendered`, its own SHA-256): downloads serve the stored bytes, since
LibreOffice does not convert byte-stably. `?copy=public` gives the masked copy for publication (公示; not stored,
same number, its PDF converted for the request).

Bearer tokens of the case's workers and supervisors (401 without a valid token, 403 for other roles); the case
must be in one of the caller's towns (404 otherwise, as for a case that does not exist); 404 for an unknown
document kind, 409 naming the missing step when the case has not reached the document, 503 for a PDF without
LibreOffice. Headers carry the number (percent-encoded UTF-8), version, the SHA-256 of the bytes served (for an
original, the recorded one), the .docx's SHA-256 with a PDF, and the template version."""

from __future__ import annotations

import asyncio
import hashlib
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from api.bearer import authorised_caller, export_refused
from api.case_scope import attachment, case_in_scope, case_not_found
from api.graphql.authn import Authenticator
from api.graphql.context import Services
from api.graphql.policy import CASE_WORKERS
from domain.documents.content import DocumentNotDue
from domain.documents.kinds import DocumentKind, kind_named
from domain.reference import Role
from infra.auth import AuthSettings
from infra.documents.pdf import PdfUnavailable, to_pdf
from infra.documents.service import CaseNotFound, DocumentService, StoredDocument

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_READERS = frozenset(CASE_WORKERS | {Role.SUPERVISOR})
FORMATS = ("docx", "pdf")
OPERATION = "GET /documents/{caseId}/{kind}.{format}"


def document_routes(services: Services, auth: AuthSettings, documents: DocumentService) -> list[BaseRoute]:
    authenticator = Authenticator(auth, services)

    async def download(request: Request) -> Response:
        caller = await authorised_caller(request, authenticator, roles=DOCUMENT_READERS, what="documents are",
                                         operation=OPERATION)
        if isinstance(caller, Response):
            return caller
        case_id = str(request.path_params["case_id"])
        name, _, fmt = str(request.path_params["file"]).rpartition(".")
        kind = kind_named(name)
        if kind is None or fmt not in FORMATS:
            return _unknown(str(request.path_params["file"]))
        summary = await case_in_scope(services.engine, caller, case_id)
        if summary is None:
            return case_not_found(case_id)
        public = request.query_params.get("copy") == "public"
        copy = ", public copy" if public else ""
        refused = await export_refused(request, authenticator, caller, OPERATION,
                                       f"{kind.value} of {summary.stream_id} ({fmt}{copy})")
        if refused is not None:
            return refused
        try:
            document, content = await _served(documents, summary.stream_id, kind, fmt, public, caller.officer_id)
        except CaseNotFound:
            return case_not_found(case_id)
        except DocumentNotDue as error:
            return JSONResponse({"error": error.message, "rule": error.rule, "field": error.field},
                                status_code=409)
        except PdfUnavailable as error:
            return JSONResponse({"error": str(error)}, status_code=503)
        if fmt == "docx":
            return _file(document, content, DOCX, document.filename)
        return _file(document, content, "application/pdf", document.filename.removesuffix(".docx") + ".pdf")

    return [Route("/documents/{case_id:path}/{file}", download, methods=["GET"])]


async def _served(documents: DocumentService, stream_id: str, kind: DocumentKind, fmt: str, public: bool,
                  actor: str) -> tuple[StoredDocument, bytes]:
    """The document and the bytes to serve: the stored .docx or PDF of an original, a masked copy made now."""
    if not public:
        if fmt == "docx":
            document = await documents.generate(stream_id, kind, actor)
            return document, document.content
        rendition = await documents.pdf(stream_id, kind, actor)
        return rendition.document, rendition.content
    copy = await documents.public_copy(stream_id, kind, actor)
    return copy, copy.content if fmt == "docx" else await asyncio.to_thread(to_pdf, copy.content)


def _file(document: StoredDocument, content: bytes, media_type: str, filename: str) -> Response:
    headers = {
        "Content-Disposition": attachment(filename),
        "X-Document-Number": quote(document.number),
        "X-Document-Version": str(document.version),
        # Of the bytes served: for an original the one its DocumentGenerated (.docx) or DocumentRendered (PDF) records.
        "X-Document-SHA256": hashlib.sha256(content).hexdigest(),
        "X-Template-Version": document.template_version,
        "X-Document-Copy": "public" if document.masked else "original",
    }
    if media_type != DOCX:
        headers["X-Docx-SHA256"] = document.sha256  # the .docx the PDF was converted from
    return Response(content, media_type=media_type, headers=headers)


def _unknown(file: str) -> JSONResponse:
    kinds = ", ".join(f"{k.value}.docx" for k in DocumentKind)
    return JSONResponse({"error": f"no document {file!r}; documents are {kinds} (or .pdf)"}, status_code=404)
