"""What the supervision platform receives of a completed inspection: its record, personal data masked.

The record is a pure function of the `InspectionCompleted` event, so an upload retried or run again sends the
same bytes. Organisations' names, credit codes and registered addresses are public and stay; a citizen's name
keeps only the surname, identity numbers only the region code, addresses only their administrative part, and
no phone number is sent. Free text (place, descriptions, the site record) is masked like a published decision.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.codec import canonical_json, to_primitive
from domain.deadlines.local_time import local_date
from domain.disclosure.masking import Masker, mask_address, mask_id_number, mask_name
from domain.inspections.events import InspectionCompleted
from domain.inspections.findings import Finding
from domain.values import Party, PartyType

SCHEMA = "zhifa.inspection/1"


@dataclass(frozen=True)
class ReportedParty:
    name: str
    party_type: PartyType
    id_number: str
    address: str


@dataclass(frozen=True)
class ReportedFinding:
    finding_id: str
    kind: str
    place: str
    violation_type: str | None
    party: ReportedParty | None
    description: str
    item_code: str | None
    referred_to: str | None


@dataclass(frozen=True)
class InspectionRecord:
    """One inspection as the platform stores it (`inspection_id` and `town` are the platform's keys)."""

    schema: str
    inspection_id: str
    town: str
    unit: str
    place: str
    trigger: str
    items_checked: tuple[str, ...]
    certificates_shown: bool
    started_at: datetime
    completed_at: datetime
    inspected_on: date
    findings: tuple[ReportedFinding, ...]
    site_record: str
    av_evidence_count: int


def _private_values(parties: Iterable[Party]) -> tuple[tuple[str, str], ...]:
    known: dict[str, str] = {}
    for party in parties:
        if party.party_type is PartyType.CITIZEN:
            if party.name:
                known[party.name] = mask_name(party.name)
            if party.id_number:
                known[party.id_number] = mask_id_number(party.id_number)
            if party.address:
                known[party.address] = mask_address(party.address)
        if party.phone:
            known[party.phone] = "*" * len(party.phone)
    return tuple(sorted(known.items(), key=lambda pair: (-len(pair[0]), pair[0])))


def _party(party: Party | None, masker: Masker) -> ReportedParty | None:
    if party is None:
        return None
    if party.party_type is PartyType.CITIZEN:
        return ReportedParty(name=mask_name(party.name), party_type=party.party_type,
                             id_number=mask_id_number(party.id_number) if party.id_number else "",
                             address=mask_address(party.address) if party.address else "")
    return ReportedParty(name=party.name, party_type=party.party_type, id_number=party.id_number,
                         address=masker.text(party.address))


def _finding(finding: Finding, masker: Masker) -> ReportedFinding:
    return ReportedFinding(finding_id=finding.finding_id, kind=finding.kind.value, place=masker.text(finding.place),
                           violation_type=finding.violation_type, party=_party(finding.party, masker),
                           description=masker.text(finding.description), item_code=finding.item_code,
                           referred_to=finding.referred_to)


def inspection_record(event: InspectionCompleted) -> InspectionRecord:
    organisations = frozenset(f.party.name for f in event.findings
                              if f.party is not None and f.party.party_type is PartyType.ORGANIZATION)
    masker = Masker(keep_names=organisations,
                    private_values=_private_values(f.party for f in event.findings if f.party is not None))
    return InspectionRecord(
        schema=SCHEMA, inspection_id=event.inspection_id, town=event.town, unit=event.unit,
        place=masker.text(event.place), trigger=event.trigger.value, items_checked=event.items_checked,
        certificates_shown=event.certificates_shown, started_at=event.started_at, completed_at=event.occurred_at,
        inspected_on=local_date(event.occurred_at), findings=tuple(_finding(f, masker) for f in event.findings),
        site_record=masker.text(event.site_record), av_evidence_count=len(event.av_evidence))


def record_payload(record: InspectionRecord) -> dict[str, Any]:
    """The record as JSON primitives (what the batch body carries)."""
    data: dict[str, Any] = to_primitive(record)
    return data


@dataclass(frozen=True)
class EventRef:
    """An inspection's `InspectionCompleted` event in the log."""

    stream_id: str
    seq: int


@dataclass(frozen=True)
class UploadReceipt:
    """The platform's receipt for one uploaded inspection event."""

    stream_id: str
    seq: int
    inspection_id: str
    receipt_id: str


def batches(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    if size < 1:
        raise ValueError("a batch holds at least one record")
    return [items[i:i + size] for i in range(0, len(items), size)]


def batch_key(day: date, refs: Iterable[EventRef]) -> str:
    """The Idempotency-Key of one batch: the day and exactly which inspection events it carries."""
    listed = sorted((ref.stream_id, ref.seq) for ref in refs)
    text = canonical_json({"day": day.isoformat(), "events": [list(pair) for pair in listed]})
    return hashlib.sha256(f"inspections|{text}".encode()).hexdigest()
