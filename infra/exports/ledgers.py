"""A ledger kind's entries as rows: every unit of the caller's towns (or one of them), in log order."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Sequence
from typing import Any

from domain.ledgers.handlers import HANDLERS
from domain.ledgers.kinds import LedgerKind, ledger_stream_id
from infra.db.models import events
from infra.eventstore.rows import from_row, select_envelopes
from infra.exports.workbook import Column
from infra.ledgers.headers import EVENT_ZH, zh
from infra.readside import ReadScope

BATCH = 500
LEADING = ("unit", "event_type", "occurred_at", "actor", "entry_id")
SKIPPED = frozenset({"actors", "unit", "occurred_at", "entry_id"})


def ledger_columns(kind: LedgerKind) -> list[Column]:
    """The leading columns, then every field any entry of the kind has, in the entries' order."""
    fields: dict[str, None] = {}
    for command in HANDLERS[kind]:
        fields.update((f.name, None) for f in dataclasses.fields(command) if f.name not in SKIPPED)
    return [Column(name, zh(name), 18) for name in (*LEADING, *fields)]


async def ledger_batches(scope: ReadScope, kind: LedgerKind, units: Sequence[str], *, batch: int = BATCH
                         ) -> AsyncIterator[Sequence[Sequence[Any]]]:
    """The entries of `kind` of `units` (each unit's ledger stream), `batch` events per read, by log position."""
    columns = ledger_columns(kind)
    streams = sorted(ledger_stream_id(kind, unit) for unit in units)
    position = 0
    while streams:
        async with scope.connection() as conn:
            rows = (await conn.execute(
                select_envelopes().where(events.c.stream_id.in_(streams), events.c.town.in_(scope.towns),
                       events.c.position > position)
                .order_by(events.c.position).limit(batch))).mappings().all()
        if not rows:
            return
        position = int(rows[-1]["position"])
        yield [_row(columns, from_row(row)) for row in rows]


def _row(columns: Sequence[Column], env: Any) -> list[Any]:
    given = {"unit": env.unit, "event_type": EVENT_ZH.get(env.event_type, env.event_type),
             "occurred_at": env.occurred_at, "actor": env.actor}
    return [given[c.field] if c.field in given else env.payload.get(c.field) for c in columns]
