"""Small events and a stream writer for the event-store tests (the real aggregates live elsewhere)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from domain.envelope import GENESIS_HASH, EventEnvelope, StreamContext, seal
from domain.messages import Event
from domain.projections import CaseSummary, NextStep

T0 = datetime(2025, 3, 3, 1, 2, 3, 456789, tzinfo=UTC)
TOWN = "张家窝镇"
UNIT = "综合执法大队"


@dataclass(frozen=True)
class PartyInfo:
    name: str
    party_type: str


@dataclass(frozen=True, kw_only=True)
class LeadRegistered(Event):
    party: PartyInfo
    place: str
    area_m2: float = 1e20  # JSONB would hand this back as an integer; the stored JSON must not
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CaseFiled(Event):
    case_no: str
    officers: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class DecisionMade(Event):
    fine_fen: int

    def fine_amount_fen(self) -> int | None:
        return self.fine_fen


@dataclass(frozen=True, kw_only=True)
class CaseClosed(Event):
    pass


@dataclass(frozen=True, kw_only=True)
class DisclosurePublished(Event):
    channel: str


class StreamWriter:
    """Seals events for one stream the way a workflow would, keeping the head (seq, hash)."""

    def __init__(self, stream_id: str, *, kind: str = "CASE", town: str = TOWN, unit: str = UNIT,
                 procedure: str | None = "GENERAL", violation_type: str | None = "ROAD_OCCUPATION_VENDING") -> None:
        self.stream_id = stream_id
        self.kind, self.town, self.unit = kind, town, unit
        self.procedure, self.violation_type = procedure, violation_type
        self.seq, self.head = 0, GENESIS_HASH
        self.recorded = T0

    def context(self, status: str | None) -> StreamContext:
        return StreamContext(self.stream_id, self.kind, self.town, self.unit, self.procedure, self.violation_type,
                             status)

    def seal(self, *steps: tuple[Event, str | None]) -> list[EventEnvelope]:
        self.recorded += timedelta(hours=1, microseconds=1)
        sealed = seal([(self.context(status), event) for event, status in steps],
                      first_seq=self.seq + 1, prev_hash=self.head, recorded_at=self.recorded)
        self.seq, self.head = sealed[-1].seq, sealed[-1].hash
        return sealed


def at(days: float, *, micro: int = 0) -> datetime:
    return T0 + timedelta(days=days, microseconds=micro)


def lead(when: datetime, *, party: str = "王某", place: str = "津同公路 Gate 3") -> LeadRegistered:
    return LeadRegistered(occurred_at=when, actors=("officer-1", "officer-2"), party=PartyInfo(party, "CITIZEN"),
                          place=place, notes=("占道经营", "first warning"))


def fake_next_steps(
    stream_kind: str, procedure: str | None, status: str | None, summary: CaseSummary | None, /
) -> Sequence[NextStep]:
    """A stand-in for the workflow's next-steps table: pure, and it reads the summary; each step names the clock
    it answers (its due date is that clock's)."""
    if status == "LEAD_REGISTERED":
        return [("decide_filing", "principal", None), ("verify_lead", "officer", None)]
    if status == "FILED" and summary is not None and summary.filed_at is not None:
        return [("investigate", "officer", "D7"), ("decide", "principal", "D7"), ("investigate", "officer", None)]
    if stream_kind == "DISCLOSURE" and status == "DUE":
        return [("publish", "officer", "D17")]
    return []


SHANGHAI_NOON = datetime(2025, 3, 3, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=8)))
