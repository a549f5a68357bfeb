"""What the calling officer can do next on a stream, and with what: `Case.nextSteps` and `openingSteps`.

Nothing here lists steps by hand. The stream's state is folded from its event log with the aggregate's own
decider; the aggregate's `next_steps(state)` (the domain's view of what waits, with the clock each step answers)
names the steps; the transition table says whether the status allows each one now, which role takes it and
whether it is a field action; the step catalog gives the mutation; the schema gives the input; the roster and the
caller's towns say whether the caller may take it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from api.graphql.context import RequestContext
from api.graphql.policy import TRANSITIONS
from api.graphql.step_forms import FormContext, StepField, describe
from api.graphql.steps import STEPS, StepDef
from domain.deadlines.local_time import local_date
from domain.envelope import EventEnvelope
from domain.projections import CaseSummary
from domain.tasks import NextStep as DomainStep
from workflows.aggregate_spec import AggregateSpec


@strawberry.type(description="The clock a step answers, on the working-day calendar.")
class StepDeadline:
    clock_key: str | None
    deadline_id: str | None
    due_on: date
    working_days_left: int = strawberry.field(
        description="Working days after today up to the due date; negative: working days overdue.")


@strawberry.type(description="A step the stream allows now, for the calling officer.")
class NextStep:
    mutation: str
    step: str = strawberry.field(description="The domain command the mutation sends.")
    role: str = strawberry.field(description="The role the acting officer must hold.")
    caller_may: bool = strawberry.field(description="Whether the caller may take it (roster roles today and town).")
    why_not: str | None
    field_action: bool = strawberry.field(description="At least two certified officers act: name the others in "
                                                      "`coActors` (APL 42).")
    article: str | None
    deadline: StepDeadline | None
    input_type: str
    input: list[StepField]


def _spec_key(spec: AggregateSpec) -> tuple[str, str | None]:
    context = spec.context_of(spec.decider.initial())
    return context.stream_kind, context.procedure


_SPECS = {_spec_key(step.spec): step.spec for step in STEPS}
_BY_COMMAND: dict[tuple[str, str], StepDef] = {(s.spec.kind, s.command.__name__): s for s in STEPS}


def spec_of(summary: CaseSummary) -> AggregateSpec | None:
    return _SPECS.get((summary.stream_kind, summary.procedure))


def fold(spec: AggregateSpec, timeline: Sequence[EventEnvelope]) -> Any:
    """The stream's state as its decider folds the stored events."""
    state = spec.decider.initial()
    for env in timeline:
        state = spec.decider.evolve(state, spec.events.decode(env.event_type, env.event_version, env.payload))
    return state


def _deadline(context: RequestContext, state: Any, step: DomainStep, today: date) -> StepDeadline | None:
    clocks = getattr(state, "clocks", {}) or {}
    clock = clocks.get(step.clock) if step.clock is not None else None
    due_on = step.due_on or (clock.due_on if clock is not None else None)
    if due_on is None:
        return None
    calendar = context.services.calendar
    left = calendar.working_days_between(today, due_on) if due_on >= today \
        else -calendar.working_days_between(due_on, today)
    return StepDeadline(clock_key=step.clock, deadline_id=clock.deadline_id if clock is not None else None,
                        due_on=due_on, working_days_left=left)


def _why_not(context: RequestContext, role: str, town: str | None) -> str | None:
    caller = context.caller
    if town is not None and not caller.sees(town):
        return f"{town} is not one of {caller.officer_id}'s towns"
    if caller.holds_any({role}):
        return None
    withdrawn = caller.withdrawn.get(role)
    return withdrawn or f"taken by an officer with the role {role}; {caller.officer_id} does not hold it"


def _offer(info: Info, step: StepDef, state: Any, stream_id: str | None, town: str | None,
           due: DomainStep | None) -> NextStep:
    context: RequestContext = info.context
    today = local_date(context.services.clock())
    transition = TRANSITIONS[step.command]
    role = transition.role.value
    why_not = _why_not(context, role, town)
    form = FormContext(state=state, stream_id=stream_id, town=town, caller=context.caller.officer_id,
                       caller_towns=context.caller.towns, reference=context.reference, today=today)
    input_type = f"{step.command.__name__}Input"
    return NextStep(
        mutation=step.mutation, step=step.command.__name__, role=role, caller_may=why_not is None, why_not=why_not,
        field_action=transition.field_action, article=transition.article,
        deadline=_deadline(context, state, due, today) if due is not None else None, input_type=input_type,
        input=describe(info.schema._schema, input_type, form))


def next_steps_of(info: Info, summary: CaseSummary, timeline: Sequence[EventEnvelope]) -> list[NextStep]:
    """Each step the stream waits for and its status allows now (one per mutation, the domain's order)."""
    spec = spec_of(summary)
    if spec is None:
        return []
    state = fold(spec, timeline)
    offered: dict[str, NextStep] = {}
    for due in spec.next_steps(state):
        step = _BY_COMMAND.get((spec.kind, due.step))
        if step is None or step.mutation in offered or state.status not in TRANSITIONS[step.command].sources:
            continue  # a step of another stream (the disclosure's), or one the status does not allow yet
        offered[step.mutation] = _offer(info, step, state, summary.stream_id, summary.town, due)
    return list(offered.values())


def opening_steps(info: Info) -> list[NextStep]:
    """The steps that open a stream (a lead, an inspection, an on-the-spot decision, an order, …)."""
    return [_offer(info, step, step.spec.decider.initial(), None, None, None) for step in STEPS if step.starts]

