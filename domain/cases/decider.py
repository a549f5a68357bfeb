"""`GeneralCaseDecider`: the general procedure (一般程序) as a pure decider (`domain.decider.Decider`).

`decide` checks the time of the act (no future entry, no step before the previous one), admits the command by
the transition table (status, field action with two certified officers, role), refuses recused officers, and
dispatches to the command's handler. `evolve` folds case events and the clock events the workflow sends back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.cases import decision, deliberation, endings, execution, filing
from domain.cases.dispatch import Evolver, Handler
from domain.cases.evolution import EVOLVERS
from domain.cases.guards import require_not_recused
from domain.cases.state import CaseState
from domain.cases.transitions import TRANSITIONS, target_of
from domain.deadlines.clock_events import CLOCK_EVENTS, DeadlineBreached
from domain.deadlines.clocks import evolve_clocks
from domain.decider import Context
from domain.frozen import replace
from domain.messages import Command, Event, check_occurred_at
from domain.tasks import admit

PROCEDURE = "GENERAL"

HANDLERS: Mapping[type, Handler] = {
    **filing.HANDLERS, **deliberation.HANDLERS, **decision.HANDLERS, **execution.HANDLERS, **endings.HANDLERS,
}


class GeneralCaseDecider:
    handlers: Mapping[type, Handler] = HANDLERS
    evolvers: Mapping[type, Evolver] = EVOLVERS

    def initial(self) -> CaseState:
        return CaseState()

    def decide(self, state: CaseState, command: Command, ctx: Context) -> Sequence[Event]:
        check_occurred_at(command.occurred_at, ctx.recorded_at, not_before=state.last_occurred_at)
        admit(TRANSITIONS, command, state.status, ctx, procedure=PROCEDURE, town=state.town)
        require_not_recused(state, command.actors)
        return self.handlers[type(command)](state, command, ctx)

    def evolve(self, state: CaseState, event: Event) -> CaseState:
        if isinstance(event, CLOCK_EVENTS):
            breached = state.breached_deadlines
            if isinstance(event, DeadlineBreached):
                breached = breached | {event.deadline_id}
            return replace(state, clocks=evolve_clocks(state.clocks, event), breached_deadlines=breached)
        evolver = self.evolvers.get(type(event))
        if evolver is not None:
            state = evolver(state, event)
        target = target_of(event)
        last = state.last_occurred_at
        return replace(state, status=target or state.status,
                       last_occurred_at=event.occurred_at if last is None or event.occurred_at > last else last)


DECIDER = GeneralCaseDecider()
