"""The stream context (typed columns) a case gives each of its events."""

from __future__ import annotations

from domain.cases.state import CaseState
from domain.envelope import StreamContext

STREAM_KIND = "CASE"
PROCEDURE = "GENERAL"


def stream_context(state: CaseState) -> StreamContext:
    return StreamContext(stream_id=state.case_id, stream_kind=STREAM_KIND, town=state.town, unit=state.unit,
                         procedure=PROCEDURE, violation_type=state.violation_type, status=state.status.value)
