"""The aggregates that run as stream workflows, each described once as an `AggregateSpec`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.cases import commands as case_commands
from domain.cases import context as case_context
from domain.cases import decider as case_decider
from domain.cases import events as case_events
from domain.cases import tasks as case_tasks
from domain.cases.state import CaseState
from domain.cases.status import TERMINAL as CASE_TERMINAL
from domain.construction import commands as construction_commands
from domain.construction import decider as construction_decider
from domain.construction import events as construction_events
from domain.construction import views as construction_views
from domain.construction.state import ConstructionState, ConstructionStatus
from domain.disclosure import commands as disclosure_commands
from domain.disclosure import decider as disclosure_decider
from domain.disclosure import events as disclosure_events
from domain.disclosure import views as disclosure_views
from domain.disclosure.state import FINISHED as DISCLOSURE_FINISHED
from domain.disclosure.state import DisclosureState
from domain.follow_ups import DISCLOSURE as FOLLOW_UP_DISCLOSURE
from domain.follow_ups import GENERAL_CASE as FOLLOW_UP_GENERAL_CASE
from domain.follow_ups import disclosure_follow_ups, general_case_follow_ups, inspection_follow_ups
from domain.inspections import commands as inspection_commands
from domain.inspections import decider as inspection_decider
from domain.inspections import events as inspection_events
from domain.inspections import views as inspection_views
from domain.inspections.state import InspectionState, InspectionStatus
from domain.rectification import commands as rectification_commands
from domain.rectification import decider as rectification_decider
from domain.rectification import events as rectification_events
from domain.rectification import views as rectification_views
from domain.rectification.state import RectificationState, RectificationStatus
from domain.simple import commands as simple_commands
from domain.simple import decider as simple_decider
from domain.simple import events as simple_events
from domain.simple import views as simple_views
from domain.simple.state import SimpleState, SimpleStatus
from workflows.aggregate_spec import AggregateSpec, commands_in

GENERAL_CASE = FOLLOW_UP_GENERAL_CASE
INSPECTION = "INSPECTION"
RECTIFICATION = "RECTIFICATION"
SIMPLE_CASE = "SIMPLE_CASE"
CONSTRUCTION_CASE = "CONSTRUCTION_CASE"
DISCLOSURE = FOLLOW_UP_DISCLOSURE

# General cases recorded before disclosure streams existed open none when replayed (their histories have no
# marker); every case run since records the marker before its first disclosure follow-up.
DISCLOSURE_PATCH = "general-case-opens-disclosure"


def _status_in(*statuses: Any) -> Callable[[Any], bool]:
    final = frozenset(statuses)
    return lambda state: state.status in final


GENERAL_SPEC = AggregateSpec(
    kind=GENERAL_CASE, decider=case_decider.DECIDER, state_type=CaseState,
    commands=commands_in(case_commands), events=case_events.EVENTS,
    context_of=case_context.stream_context, next_steps=case_tasks.next_steps,
    is_finished=_status_in(*CASE_TERMINAL), follow_ups=general_case_follow_ups,
    follow_ups_patch=DISCLOSURE_PATCH,
)

INSPECTION_SPEC = AggregateSpec(
    kind=INSPECTION, decider=inspection_decider.DECIDER, state_type=InspectionState,
    commands=commands_in(inspection_commands), events=inspection_events.EVENTS,
    context_of=inspection_views.stream_context, next_steps=inspection_views.next_steps,
    is_finished=_status_in(InspectionStatus.COMPLETED, InspectionStatus.CANCELLED),
    follow_ups=inspection_follow_ups,
)

RECTIFICATION_SPEC = AggregateSpec(
    kind=RECTIFICATION, decider=rectification_decider.DECIDER, state_type=RectificationState,
    commands=commands_in(rectification_commands), events=rectification_events.EVENTS,
    context_of=rectification_views.stream_context, next_steps=rectification_views.next_steps,
    is_finished=_status_in(RectificationStatus.COMPLIED, RectificationStatus.ESCALATED),
)

SIMPLE_SPEC = AggregateSpec(
    kind=SIMPLE_CASE, decider=simple_decider.DECIDER, state_type=SimpleState,
    commands=commands_in(simple_commands), events=simple_events.EVENTS,
    context_of=simple_views.stream_context, next_steps=simple_views.next_steps,
    is_finished=_status_in(SimpleStatus.CLOSED),
)

CONSTRUCTION_SPEC = AggregateSpec(
    kind=CONSTRUCTION_CASE, decider=construction_decider.DECIDER, state_type=ConstructionState,
    commands=commands_in(construction_commands), events=construction_events.EVENTS,
    context_of=construction_views.stream_context, next_steps=construction_views.next_steps,
    is_finished=_status_in(ConstructionStatus.DEMOLISHED, ConstructionStatus.SELF_DEMOLISHED,
                           ConstructionStatus.CORRECTED, ConstructionStatus.QUASHED),
)

DISCLOSURE_SPEC = AggregateSpec(
    kind=DISCLOSURE, decider=disclosure_decider.DECIDER, state_type=DisclosureState,
    commands=commands_in(disclosure_commands), events=disclosure_events.EVENTS,
    context_of=disclosure_views.stream_context, next_steps=disclosure_views.next_steps,
    is_finished=_status_in(*DISCLOSURE_FINISHED), follow_ups=disclosure_follow_ups,
)
