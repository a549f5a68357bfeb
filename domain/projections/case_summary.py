"""One summary row per case-like stream (case, inspection, rectification order): what a list screen shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.envelope import EventEnvelope
from domain.frozen import replace

SUMMARISED_KINDS = frozenset({"CASE", "INSPECTION", "RECTIFICATION"})

FILED = frozenset({"CaseFiled"})
DECIDED = frozenset({"DecisionMade", "SimplePenaltyDecided"})
CLOSED = frozenset({"CaseClosed"})


@dataclass(frozen=True)
class CaseSummary:
    stream_id: str
    stream_kind: str
    town: str
    unit: str
    procedure: str | None
    violation_type: str | None
    status: str | None
    case_no: str | None
    party_name: str | None
    opened_at: datetime
    filed_at: datetime | None
    decided_at: datetime | None
    closed_at: datetime | None
    fine_amount_fen: int | None
    last_event_type: str
    last_event_at: datetime
    last_seq: int
    officers: tuple[str, ...]
    version: int  # events folded into this row (equals last_seq for a complete stream)


def fold_case_summary(summary: CaseSummary | None, env: EventEnvelope) -> CaseSummary | None:
    """Fold one envelope into its stream's summary; streams of other kinds have none."""
    if env.stream_kind not in SUMMARISED_KINDS:
        return summary
    payload = env.payload
    current = summary or CaseSummary(
        stream_id=env.stream_id, stream_kind=env.stream_kind, town=env.town, unit=env.unit,
        procedure=None, violation_type=None, status=None, case_no=None, party_name=None,
        opened_at=env.occurred_at, filed_at=None, decided_at=None, closed_at=None, fine_amount_fen=None,
        last_event_type=env.event_type, last_event_at=env.occurred_at, last_seq=0, officers=(), version=0,
    )
    return replace(
        current,
        stream_kind=env.stream_kind,
        town=env.town,
        unit=env.unit,
        procedure=env.procedure,
        violation_type=env.violation_type,
        status=env.status,
        case_no=_text(payload.get("case_no")) or current.case_no,
        party_name=_party_name(payload) or current.party_name,
        filed_at=env.occurred_at if env.event_type in FILED else current.filed_at,
        decided_at=env.occurred_at if env.event_type in DECIDED else current.decided_at,
        closed_at=env.occurred_at if env.event_type in CLOSED else current.closed_at,
        fine_amount_fen=current.fine_amount_fen if env.fine_amount_fen is None else env.fine_amount_fen,
        last_event_type=env.event_type,
        last_event_at=env.occurred_at,
        last_seq=env.seq,
        officers=_officers(current, env),
        version=current.version + 1,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _party_name(payload: Mapping[str, Any]) -> str | None:
    party = payload.get("party")
    return _text(party.get("name")) if isinstance(party, Mapping) else None


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return ()


def _officers(current: CaseSummary, env: EventEnvelope) -> tuple[str, ...]:
    """The filing names the case's officers (its `officers`, else its actors); before a filing, the first
    event that lists `officers` does (inspections and rectification orders are never filed)."""
    if env.event_type in FILED:
        return _names(env.payload.get("officers")) or _names(env.payload.get("actors"))
    if current.filed_at is None and not current.officers:
        return _names(env.payload.get("officers"))
    return current.officers
