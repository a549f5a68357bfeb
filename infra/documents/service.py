"""Generating a case's documents: the content from the case's events, the town's template, the number, the
.docx, and — in one transaction — the number taken, the document's bytes stored as a new version and a
`DocumentGenerated` event appended to the case's documents stream (`documents:<case>`, hash-chained and walked
by `zhifa audit verify` like every stream). We record there rather than in the case's own stream because a
document is not a procedure step: the case's workflow and its deciders stay as they are, while the event log
still holds who generated which version, with which number, hash and template.

Regenerating is idempotent: the same events and template give the same bytes, found stored, and nothing new is
recorded or numbered. Anything that changes what the document says gives a new version under the same number.

A version's PDF (LibreOffice) is made on its first download, stored (`document_renditions`) and recorded as
`DocumentRendered` (its own SHA-256, the .docx's, the converter) in the same documents stream; every later
download serves the stored bytes. LibreOffice's output differs from one conversion to the next (a timestamp and
a random id), so the recorded hash is of the stored PDF, never of a conversion that could be repeated."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.cases.events import EVENTS as GENERAL_EVENTS
from domain.documents.content import DocumentContent, DocumentNotDue, document_content, masked, party_of
from domain.documents.events import STREAM_KIND, DocumentGenerated, documents_stream
from domain.documents.kinds import GENERAL, RECTIFICATION, SIMPLE, SPECS, DocumentKind, family_of
from domain.documents.wording import day
from domain.envelope import GENESIS_HASH, EventEnvelope, StreamContext, seal
from domain.messages import Event, EventRegistry
from domain.rectification.events import EVENTS as RECTIFICATION_EVENTS
from domain.reference import ReferenceData
from domain.simple.events import EVENTS as SIMPLE_EVENTS
from infra.db.models_documents import documents
from infra.documents.docx_writer import render
from infra.documents.numbering import formatted, next_number
from infra.documents.pdf import converter, to_pdf
from infra.documents.renditions import StoredRendition, keep, rendition_of, stored_rendition
from infra.documents.templates import Template, TemplateLibrary
from infra.eventstore import EventStore

REGISTRIES: Mapping[str, EventRegistry] = {GENERAL: GENERAL_EVENTS, SIMPLE: SIMPLE_EVENTS,
                                           RECTIFICATION: RECTIFICATION_EVENTS}
RACE_RETRIES = 8
PUBLIC_COPY_NOTE = "公开文本：个人身份证件号码、联系电话、住址等个人信息已依法屏蔽"
D = documents.c


class CaseNotFound(LookupError):
    pass


@dataclass(frozen=True)
class StoredDocument:
    case_id: str
    kind: DocumentKind
    title: str
    version: int
    number: str
    sha256: str
    template_version: str
    content: bytes
    masked: bool = False

    @property
    def filename(self) -> str:
        suffix = "-public" if self.masked else ""
        return f"{self.title}-{self.number}{suffix}.docx"


class DocumentService:
    def __init__(self, store: EventStore, reference: ReferenceData, templates: TemplateLibrary,
                 clock: Callable[[], datetime]) -> None:
        self._store = store
        self._reference = reference
        self._templates = templates
        self._clock = clock

    def use_reference(self, reference: ReferenceData) -> None:
        """The register changed: documents name the agencies and officers as they now stand."""
        self._reference = reference

    async def generate(self, case_id: str, kind: DocumentKind, actor: str) -> StoredDocument:
        """The document as the case's events now call for it (stored, numbered and recorded if it is new)."""
        case, content = await self._content(case_id, kind)
        template = self._template(kind, case.town)
        for attempt in range(RACE_RETRIES):
            try:
                async with self._store.engine.begin() as conn:
                    return await self._generate(conn, case, content, template, actor)
            except IntegrityError:
                # A concurrent generation stored this version (or appended to the documents stream) first: its
                # transaction committed, ours rolled back with the number it took; look again.
                if attempt == RACE_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    async def pdf(self, case_id: str, kind: DocumentKind, actor: str) -> StoredRendition:
        """The document's PDF as stored for its current version (converted, stored and recorded the first time;
        `PdfUnavailable` without LibreOffice)."""
        document = await self.generate(case_id, kind, actor)
        found = await stored_rendition(self._store.engine, document)
        if found is not None:
            return found
        made = rendition_of(document, await asyncio.to_thread(to_pdf, document.content),
                            await asyncio.to_thread(converter))
        case = _Case.of(await self._store.load_stream(document.case_id))
        for attempt in range(RACE_RETRIES):
            try:
                async with self._store.engine.begin() as conn:
                    now = self._clock()
                    await self._record(conn, case, await keep(conn, made, case.town, actor, now), now)
                return made
            except IntegrityError:
                found = await stored_rendition(self._store.engine, document)
                if found is not None:
                    return found  # a concurrent download kept its conversion first: that one is the record
                if attempt == RACE_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    async def public_copy(self, case_id: str, kind: DocumentKind, actor: str) -> StoredDocument:
        """The masked copy for publication (公示), under the recorded document's number; derived, never stored."""
        original = await self.generate(case_id, kind, actor)
        case, content = await self._content(case_id, kind)
        template = self._template(kind, case.town)
        public = masked(content, party_of(case.events))
        data = await asyncio.to_thread(render, template, _fields(public, template, original.number), public.dated,
                                       copy_note=PUBLIC_COPY_NOTE)
        return StoredDocument(case_id, kind, original.title, original.version, original.number,
                              hashlib.sha256(data).hexdigest(), template.version, data, masked=True)

    async def _generate(self, conn: AsyncConnection, case: _Case, content: DocumentContent, template: Template,
                        actor: str) -> StoredDocument:
        latest = (await conn.execute(
            select(D.version, D.number, D.sha256, D.content).where(D.stream_id == case.stream_id,
                                                                   D.kind == content.kind.value)
            .order_by(D.version.desc()).limit(1))).first()
        spec = SPECS[content.kind]
        number = content.carried_number or (str(latest.number) if latest is not None else "")
        numbered = not number
        if numbered:
            taken = await next_number(conn, case.town, content.year, content.kind.value)
            number = formatted(template.town.get("number_prefix", ""), spec.number_code, content.year, taken)
        data = await asyncio.to_thread(render, template, _fields(content, template, number), content.dated)
        sha256 = hashlib.sha256(data).hexdigest()
        if latest is not None and latest.sha256 == sha256:
            return StoredDocument(case.stream_id, content.kind, spec.title, int(latest.version), number, sha256,
                                  template.version, bytes(latest.content))
        version = int(latest.version) + 1 if latest is not None else 1
        now = self._clock()
        await conn.execute(insert(documents).values(
            stream_id=case.stream_id, town=case.town, kind=content.kind.value, version=version, number=number,
            sha256=sha256, size=len(data), template_version=template.version, content=data, generated_by=actor,
            generated_at=now))
        event = DocumentGenerated(occurred_at=now, actors=(actor,), case_id=case.stream_id, kind=content.kind.value,
                                  title=spec.title, number=number, numbered_from_sequence=numbered, version=version,
                                  sha256=sha256, size=len(data), template_version=template.version,
                                  case_head_seq=case.head_seq)
        await self._record(conn, case, event, now)
        return StoredDocument(case.stream_id, content.kind, spec.title, version, number, sha256, template.version,
                              data)

    async def _record(self, conn: AsyncConnection, case: _Case, event: Event, now: datetime) -> None:
        stream_id = documents_stream(case.stream_id)
        head = await self._store.head_within(conn, stream_id)
        seq, prev_hash = head or (0, GENESIS_HASH)
        context = StreamContext(stream_id=stream_id, stream_kind=STREAM_KIND, town=case.town, unit=case.unit)
        envelopes = seal([(context, event)], first_seq=seq + 1, prev_hash=prev_hash, recorded_at=now)
        await self._store.append_within(conn, envelopes)

    async def _content(self, case_id: str, kind: DocumentKind) -> tuple[_Case, DocumentContent]:
        envelopes = await self._store.load_stream(case_id)
        if not envelopes:
            raise CaseNotFound(case_id)
        case = _Case.of(envelopes)
        if case.family not in REGISTRIES:
            raise DocumentNotDue(f"{case.stream_id} is a stream without documents", rule="DOCUMENT_KIND",
                                 field="kind")
        return case, document_content(kind, case.family, case.events, self._reference)

    def _template(self, kind: DocumentKind, town_code: str) -> Template:
        town = self._reference.towns.get(town_code)
        district = self._reference.districts.get(town.district) if town is not None else None
        names = {"town_name": town.name if town else town_code, "district_name": district.name if district else ""}
        return self._templates.template(kind, town_code, names)


@dataclass(frozen=True)
class _Case:
    stream_id: str
    town: str
    unit: str
    family: str
    head_seq: int
    events: tuple[tuple[int, Event], ...]

    @classmethod
    def of(cls, envelopes: list[EventEnvelope]) -> _Case:
        first = envelopes[0]
        family = family_of(first.stream_kind, first.procedure)
        registry = REGISTRIES.get(family)
        events = tuple((e.seq, e.open(registry)) for e in envelopes) if registry is not None else ()
        return cls(first.stream_id, first.town, first.unit, family, envelopes[-1].seq, events)


def _fields(content: DocumentContent, template: Template, number: str) -> dict[str, str]:
    return {**content.fields, **template.town, "number": number, "date": day(content.dated), "title": template.title}
