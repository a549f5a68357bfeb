"""Officers' task lists from the read model: which step waits on a stream, for which role, given only what the
read model keeps (stream kind, procedure, status, summary).

The workflow's own `next_steps(state)` is richer (it sees every guard); this routing is its status-level
projection, pure so that a rebuilt task list equals the live one. Each step names the clock it answers; the due
date is that clock's in the deadlines read model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from domain.cases.state import CaseState
from domain.cases.status import CaseStatus
from domain.cases.tasks import next_steps as case_next_steps
from domain.construction.state import ConstructionState, ConstructionStatus
from domain.construction.views import next_steps as construction_next_steps
from domain.disclosure.views import STREAM_KIND as DISCLOSURE_STREAM_KIND
from domain.disclosure.views import status_steps as disclosure_status_steps
from domain.inspections.state import InspectionState, InspectionStatus
from domain.inspections.views import next_steps as inspection_next_steps
from domain.platform.warnings import STREAM_KIND as PLATFORM_WARNING_STREAM_KIND
from domain.platform.warnings import status_steps as platform_warning_status_steps
from domain.projections.case_summary import CaseSummary
from domain.rectification.state import RectificationState, RectificationStatus
from domain.rectification.views import next_steps as rectification_next_steps
from domain.reference import Role
from domain.simple.state import SimpleState, SimpleStatus
from domain.simple.views import next_steps as simple_next_steps
from domain.tasks import NextStep

S = CaseStatus
# General-procedure statuses whose next step depends on guards the read model does not keep: the usual step.
_GENERAL_BY_STATUS: dict[CaseStatus, tuple[NextStep, ...]] = {
    S.INVESTIGATION_CONCLUDED: (NextStep("RequestLegalReview", Role.CASE_LEAD, clock="D7"),),
    S.REVIEW_APPROVED: (NextStep("ServePriorNotice", Role.OFFICER, clock="D7"),),
    S.NOTICE_SERVED: (NextStep("ReceiveStatement", Role.CASE_LEAD, clock="D9"),
                      NextStep("MakeDecision", Role.PRINCIPAL, clock="D7")),
    S.STATEMENT_REVIEW: (NextStep("ReviewStatement", Role.CASE_LEAD, clock="D7"),
                         NextStep("MakeDecision", Role.PRINCIPAL, clock="D7")),
    S.HEARING_CONCLUDED: (NextStep("MakeDecision", Role.PRINCIPAL, clock="D7"),),
    S.COLLECTIVE_DISCUSSION: (NextStep("MakeDecision", Role.PRINCIPAL, clock="D7"),),
    S.SERVED: (NextStep("ReceivePayment", Role.OFFICER, clock="D15"), NextStep("CloseCase", Role.PRINCIPAL)),
}

Router = Callable[[str], tuple[NextStep, ...]]


def _via(initial: Any, status_type: Callable[[str], Any], steps: Callable[[Any], tuple[NextStep, ...]]) -> Router:
    return lambda status: steps(replace(initial, status=status_type(status)))


def _general(status: str) -> tuple[NextStep, ...]:
    known = _GENERAL_BY_STATUS.get(CaseStatus(status))
    return known if known is not None else case_next_steps(replace(CaseState(), status=CaseStatus(status)))


_ROUTES: dict[tuple[str, str | None], Router] = {
    ("CASE", "GENERAL"): _general,
    ("CASE", "SIMPLE"): _via(SimpleState(), SimpleStatus, simple_next_steps),
    ("CASE", "ILLEGAL_CONSTRUCTION"): _via(ConstructionState(), ConstructionStatus, construction_next_steps),
    ("INSPECTION", None): _via(InspectionState(), InspectionStatus, inspection_next_steps),
    ("RECTIFICATION", None): _via(RectificationState(), RectificationStatus, rectification_next_steps),
    # A delivery the platform refused waits for an officer.
    (DISCLOSURE_STREAM_KIND, None): disclosure_status_steps,
    # A warning the supervision platform raised waits for an officer's response.
    (PLATFORM_WARNING_STREAM_KIND, None): platform_warning_status_steps,
}


def next_steps_for(
    stream_kind: str, procedure: str | None, status: str | None, summary: CaseSummary | None, /
) -> Sequence[tuple[str, str, str | None]]:
    """`domain.projections.NextSteps` for every aggregate the system runs: (step, role, clock key)."""
    return _routed(stream_kind, procedure, status)


@cache
def _routed(stream_kind: str, procedure: str | None, status: str | None) -> tuple[tuple[str, str, str | None], ...]:
    """The steps after a status, worked out once per (kind, procedure, status): a route builds a whole state to ask
    its aggregate (a `CaseState` of sixty fields), which was most of folding an append's task list. A few hundred
    keys at most; the answer is a tuple, so sharing it is safe."""
    route = _ROUTES.get((stream_kind, procedure))
    if route is None or status is None:
        return ()
    return tuple((s.step, s.role.value, s.clock) for s in route(status))
