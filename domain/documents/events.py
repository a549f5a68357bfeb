"""The record of a generated document: one `DocumentGenerated` per new version, in the case's own documents
stream (`documents:<case stream id>`, hash-chained and audited like every stream of the log), and one
`DocumentRendered` per version converted to PDF — a companion event, because the PDF is made later (on its first
download) and is not byte-stable (LibreOffice writes the conversion's time and a random file id into it): its hash
is of the PDF as stored, and every download serves those stored bytes."""

from __future__ import annotations

from dataclasses import dataclass

from domain.messages import Event, EventRegistry

STREAM_KIND = "DOCUMENTS"


def documents_stream(case_stream_id: str) -> str:
    return f"documents:{case_stream_id}"


@dataclass(frozen=True, kw_only=True)
class DocumentGenerated(Event):
    case_id: str
    kind: str  # DocumentKind value
    title: str
    number: str  # 文号
    numbered_from_sequence: bool  # the town's per-year sequence gave the number (the case carried none)
    version: int  # 1 for the first rendering; a new one whenever the case or the template changed what it says
    sha256: str  # of the .docx bytes as stored and served
    size: int
    template_version: str
    case_head_seq: int  # the case's last event the document was generated from


@dataclass(frozen=True, kw_only=True)
class DocumentRendered(Event):
    case_id: str
    kind: str  # DocumentKind value
    number: str  # the document's 文号, as in its DocumentGenerated
    version: int  # the DocumentGenerated version converted
    format: str  # "pdf"
    sha256: str  # of the rendition's bytes as stored and served
    size: int
    source_sha256: str  # the .docx it was converted from (its DocumentGenerated's sha256)
    converter: str  # e.g. "LibreOffice 7.4.7.2"


EVENTS = EventRegistry([DocumentGenerated, DocumentRendered])
