"""The record of a generated document: one `DocumentGenerated` per new version, in the case's own documents
stream (`documents:<case stream id>`, hash-chained and audited like every stream of the log)."""

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


EVENTS = EventRegistry([DocumentGenerated])
