"""Envelope <-> `events` row, column for column (the audit rebuilds envelopes exactly as stored)."""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select

from domain.envelope import EventEnvelope
from infra.db.models import events

ENVELOPE_COLUMNS = (
    "stream_id", "stream_kind", "seq", "event_type", "event_version", "occurred_at", "recorded_at", "actor",
    "town", "unit", "procedure", "violation_type", "fine_amount_fen", "status", "payload", "prev_hash", "hash",
)


_ENVELOPE_VALUES = operator.attrgetter(*ENVELOPE_COLUMNS)


_PAYLOAD = ENVELOPE_COLUMNS.index("payload")


def to_values(env: EventEnvelope) -> tuple[Any, ...]:
    """The row's values in the order of `ENVELOPE_COLUMNS` (the payload a plain dict, as `to_row` gives it)."""
    values: tuple[Any, ...] = _ENVELOPE_VALUES(env)
    if type(env.payload) is dict:
        return values
    return (*values[:_PAYLOAD], dict(env.payload), *values[_PAYLOAD + 1:])


def to_row(env: EventEnvelope) -> dict[str, Any]:
    row = dict(zip(ENVELOPE_COLUMNS, _ENVELOPE_VALUES(env), strict=True))
    row["payload"] = dict(env.payload)
    return row


def from_row(row: Mapping[Any, Any]) -> EventEnvelope:
    return EventEnvelope(**{name: row[name] for name in ENVELOPE_COLUMNS})


def select_envelopes() -> Select[Any]:
    """The envelope columns plus the log position."""
    return select(events.c.position, *(events.c[name] for name in ENVELOPE_COLUMNS))
