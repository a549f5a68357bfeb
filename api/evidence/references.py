"""Steps that cite evidence by hash must cite a file uploaded for the case (when the API has an evidence store):
`recordEvidence.evidenceHash`, `recordInquiry.recordHash` and `recordSite.recordHash` name the server's SHA-256
of a file uploaded with `POST /evidence/{caseId}`. An unknown hash is a ValidationError naming the field."""

from __future__ import annotations

from typing import Protocol

from api.graphql.problems import ValidationError
from domain.messages import Command

CITING_FIELDS = {"evidence_hash": "evidenceHash", "record_hash": "recordHash"}


class EvidenceFiles(Protocol):
    async def has_file(self, stream_id: str, sha256: str) -> bool: ...


async def unknown_evidence(files: EvidenceFiles | None, stream_id: str, command: Command) -> ValidationError | None:
    if files is None:
        return None
    for attribute, field in CITING_FIELDS.items():
        value = getattr(command, attribute, None)
        if isinstance(value, str) and value and not await files.has_file(stream_id, value):
            return ValidationError(
                code="VALIDATION_ERROR", rule="EVIDENCE_FILE_UPLOADED", field=field, article="APL 47",
                message=f"{field} {value} names no file uploaded for {stream_id}: upload the file with "
                        f"POST /evidence/{stream_id} (or the uploadEvidence mutation) and cite the sha256 it returns")
    return None
