"""A decision as the disclosure stream receives it, and what is published of it.

`publication` masks the decision (see `masking`); `publication_body` is the exact request body sent to the
supervision platform: canonical JSON, so every retry of a delivery is byte-identical. The idempotency key
derives from the case and the decision version, so the same decision is never published twice, and a new
decision of the same case (after 撤销并责令重新作出) is a new publication.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from domain.cases.proposal import DecisionType
from domain.codec import canonical_json, to_primitive
from domain.deadlines.local_time import local_date
from domain.disclosure.masking import mask_address, mask_id_number, masker_for
from domain.values import Party, PartyType, Sanction

SCHEMA = "zhifa.disclosure/1"
WITHDRAWAL_SCHEMA = "zhifa.withdrawal/1"


@dataclass(frozen=True)
class DecisionContent:
    """What the case knows of a served decision (unmasked; it stays inside the system)."""

    case_id: str
    case_no: str
    decision_no: str
    town: str
    unit: str
    party: Party
    violation_type: str
    place: str
    facts: str
    grounds: str
    decision_type: DecisionType
    sanctions: tuple[Sanction, ...]
    fine_fen: int
    decided_at: datetime
    served_at: datetime
    statements: tuple[str, ...] = ()
    social_impact: bool = False  # 具有一定社会影响 (APL 48): major public interest or hearing-eligible
    private_facts: bool = False  # the facts concern personal privacy or business secrets: not published
    third_parties: tuple[str, ...] = ()  # names of other people the case knows (witnesses, persons questioned)

    @property
    def version(self) -> str:
        return decision_version(self.decision_no, self.decided_at)


@dataclass(frozen=True)
class PublishedParty:
    name: str
    party_type: PartyType
    id_number: str
    address: str


@dataclass(frozen=True)
class Publication:
    """The masked decision as published; its canonical JSON is the request body."""

    schema: str
    client_ref: str
    decision_no: str
    decision_version: str
    case_no: str
    town: str
    unit: str
    party: PublishedParty
    violation_type: str
    place: str
    facts: str
    grounds: str
    statements: tuple[str, ...]
    decision_type: DecisionType
    sanctions: tuple[Sanction, ...]
    fine_fen: int
    decided_on: date
    served_on: date


def decision_version(decision_no: str, decided_at: datetime) -> str:
    """Identifies one decision of a case: its document number and the moment it was made."""
    text = f"{decision_no}|{to_primitive(decided_at)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def disclosure_id(case_id: str, version: str) -> str:
    return f"disclosure:{case_id}:{version}"


def idempotency_key(case_id: str, version: str, action: str = "publish") -> str:
    """The platform's Idempotency-Key of one action (publish, withdraw) on one decision of one case."""
    return hashlib.sha256(f"{action}|{case_id}|{version}".encode()).hexdigest()


def publication(content: DecisionContent) -> Publication:
    masker = masker_for(content.party, content.third_parties)
    party = content.party
    citizen = party.party_type is PartyType.CITIZEN
    return Publication(
        schema=SCHEMA,
        client_ref=idempotency_key(content.case_id, content.version),
        decision_no=content.decision_no,
        decision_version=content.version,
        case_no=content.case_no,
        town=content.town,
        unit=content.unit,
        party=PublishedParty(
            name=party.name, party_type=party.party_type,
            id_number=mask_id_number(party.id_number) if citizen and party.id_number else party.id_number,
            address=mask_address(party.address) if citizen and party.address else masker.text(party.address)),
        violation_type=content.violation_type,
        place=masker.text(content.place),
        facts=masker.text(content.facts),
        grounds=masker.text(content.grounds),
        statements=masker.texts(content.statements),
        decision_type=content.decision_type,
        sanctions=content.sanctions,
        fine_fen=content.fine_fen,
        decided_on=local_date(content.decided_at),
        served_on=local_date(content.served_at),
    )


def publication_body(published: Publication) -> bytes:
    return canonical_json(to_primitive(published)).encode("utf-8")


@dataclass(frozen=True)
class WithdrawalNotice:
    """The body of a withdrawal: which decision, why (the outcome that changed or revoked it)."""

    schema: str
    client_ref: str
    decision_no: str
    decision_version: str
    reason: str


def withdrawal_body(notice: WithdrawalNotice) -> bytes:
    return canonical_json(to_primitive(notice)).encode("utf-8")
