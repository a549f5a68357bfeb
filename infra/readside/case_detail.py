"""A case's summary and its timeline in one read, for a detail that shows both (`case(id) { … timeline }`).

Separately they are two statements, two round trips and two DataLoader batches; the detail's second statement was
most of what separated it from PostGraphile's. On PostgreSQL the summary row carries its stream's events as one
JSON array (ordered by seq, limited to the scope's towns as the timeline read is): each event an array of the
envelope's columns, its times as UTC text, so the envelopes rebuilt are the ones `events_by_stream` returns (the
payload is the same stored JSON, the times the same instants to the microsecond). On SQLite, the two reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ColumnElement, Select, String, any_, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.envelope import EventEnvelope
from domain.projections import CaseSummary
from infra.db.models import case_summaries, events
from infra.eventstore.rows import ENVELOPE_COLUMNS
from infra.projections.rows import summary_from_row
from infra.readside.cases import events_by_stream, summaries_by_id
from infra.readside.driver_reads import driver_read

_TIMES = frozenset({"occurred_at", "recorded_at"})
_TIME_POSITIONS = tuple(ENVELOPE_COLUMNS.index(name) for name in sorted(_TIMES))

Timelines = dict[str, list[EventEnvelope]]


async def summaries_with_timelines(conn: AsyncConnection, scope: Sequence[str], ids: Iterable[str]
                                   ) -> tuple[dict[str, CaseSummary], Timelines]:
    """The summaries of the cases among `ids` in scope, and each one's timeline (events in seq order)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}, {}
    if conn.dialect.name != "postgresql":
        summaries = await summaries_by_id(conn, scope, wanted)
        return summaries, await events_by_stream(conn, scope, list(summaries))
    read = driver_read("summaries with timelines", _statement, conn.dialect)
    rows = await read.rows(conn, {"ids": wanted, "towns": list(scope)})
    summaries = {row["stream_id"]: summary_from_row(row) for row in rows}
    return summaries, {row["stream_id"]: [_envelope(values) for values in row["timeline"] or ()] for row in rows}


def _envelope(values: Sequence[Any]) -> EventEnvelope:
    """Positional: `ENVELOPE_COLUMNS` are the envelope's fields in their order (a test holds them so); a third
    faster than by keyword, for every event of every detail."""
    fields = list(values)
    if len(fields) != len(ENVELOPE_COLUMNS):
        raise ValueError(f"an event of {len(fields)} columns, expected {len(ENVELOPE_COLUMNS)}")
    for position in _TIME_POSITIONS:
        fields[position] = datetime.fromisoformat(fields[position]).replace(tzinfo=UTC)
    return EventEnvelope(*fields)


def _statement() -> Select[Any]:
    towns = bindparam("towns", type_=ARRAY(String))
    e = events.alias("e")
    # A timestamp without zone as JSON is ISO text with every microsecond ("2022-04-10T01:00:00.000001").
    utc: ColumnElement[str] = literal_column("'UTC'")
    columns = [func.timezone(utc, e.c[name]) if name in _TIMES else e.c[name] for name in ENVELOPE_COLUMNS]
    timeline = (select(func.json_agg(aggregate_order_by(func.json_build_array(*columns), e.c.seq), type_=JSON))
                .where(e.c.stream_id == case_summaries.c.stream_id, e.c.town == any_(towns))
                .scalar_subquery().label("timeline"))
    return (select(case_summaries, timeline)
            .where(case_summaries.c.stream_id == any_(bindparam("ids", type_=ARRAY(String))),
                   case_summaries.c.town == any_(towns)))
