"""One summary row per case-like stream (case, inspection, rectification order): what a list screen shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def fold_case_summary(summary: CaseSummary | None, envelopes: Iterable[EventEnvelope]) -> CaseSummary | None:
    """Fold a stream's next envelopes (in seq order) into its summary; streams of other kinds have none. The same
    summary as folding them one append at a time, made once at the end instead of once per event (a bulk import
    folds whole histories)."""
    fields: dict[str, Any] | None = None if summary is None else dict(vars(summary))
    folded = False
    for env in envelopes:
        if env.stream_kind not in SUMMARISED_KINDS:
            continue
        if fields is None:
            fields = _opened(env)
        _fold_into(fields, env)
        folded = True
    if not folded or fields is None:
        return summary
    return CaseSummary(**fields) if summary is None else replace(summary, **fields)


def _opened(env: EventEnvelope) -> dict[str, Any]:
    return {"stream_id": env.stream_id, "stream_kind": env.stream_kind, "town": env.town, "unit": env.unit,
            "procedure": None, "violation_type": None, "status": None, "case_no": None, "party_name": None,
            "opened_at": env.occurred_at, "filed_at": None, "decided_at": None, "closed_at": None,
            "fine_amount_fen": None, "last_event_type": env.event_type, "last_event_at": env.occurred_at,
            "last_seq": 0, "officers": (), "version": 0}


def _fold_into(fields: dict[str, Any], env: EventEnvelope) -> None:
    """One envelope laid over the summary's fields; every new value is computed from the fields before it."""
    payload, event_type, at = env.payload, env.event_type, env.occurred_at
    officers = _officers(fields, env)
    fields.update(
        stream_kind=env.stream_kind, town=env.town, unit=env.unit, procedure=env.procedure,
        violation_type=env.violation_type, status=env.status, last_event_type=event_type, last_event_at=at,
        last_seq=env.seq, officers=officers, version=fields["version"] + 1)
    fields["case_no"] = _text(payload.get("case_no")) or fields["case_no"]
    fields["party_name"] = _party_name(payload) or fields["party_name"]
    if event_type in FILED:
        fields["filed_at"] = at
    if event_type in DECIDED:
        fields["decided_at"] = at
    if event_type in CLOSED:
        fields["closed_at"] = at
    if env.fine_amount_fen is not None:
        fields["fine_amount_fen"] = env.fine_amount_fen


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _party_name(payload: Mapping[str, Any]) -> str | None:
    party = payload.get("party")
    return _text(party.get("name")) if type(party) is dict or isinstance(party, Mapping) else None


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return ()


def _officers(current: Mapping[str, Any], env: EventEnvelope) -> tuple[str, ...]:
    """The filing names the case's officers (its `officers`, else its actors); before a filing, the first
    event that lists `officers` does (inspections and rectification orders are never filed)."""
    if env.event_type in FILED:
        return _names(env.payload.get("officers")) or _names(env.payload.get("actors"))
    officers: tuple[str, ...] = current["officers"]
    if current["filed_at"] is None and not officers:
        return _names(env.payload.get("officers"))
    return officers
