"""The procedures a bulk import may replay: kind → decider, commands, stream columns, and the values a step may
take from the state it follows (`$proposal_hash`). The same kinds as the workflows' (infra cannot import them)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from domain.cases import commands as case_commands
from domain.cases import context as case_context
from domain.cases import decider as case_decider
from domain.construction import commands as construction_commands
from domain.construction import decider as construction_decider
from domain.construction import views as construction_views
from domain.decider import Decider
from domain.envelope import StreamContext
from domain.inspections import commands as inspection_commands
from domain.inspections import decider as inspection_decider
from domain.inspections import views as inspection_views
from domain.messages import Command
from domain.rectification import commands as rectification_commands
from domain.rectification import decider as rectification_decider
from domain.rectification import views as rectification_views
from domain.simple import commands as simple_commands
from domain.simple import decider as simple_decider
from domain.simple import views as simple_views


@dataclass(frozen=True)
class Procedure:
    kind: str
    decider: Decider[Any, Any]
    commands: Mapping[str, type[Command]]
    context_of: Callable[[Any], StreamContext]
    from_state: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)


def _commands(module: ModuleType) -> dict[str, type[Command]]:
    return {name: value for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, Command) and value is not Command
            and dataclasses.is_dataclass(value) and value.__module__ == module.__name__}


PROCEDURES: Mapping[str, Procedure] = {p.kind: p for p in (
    Procedure("GENERAL_CASE", case_decider.DECIDER, _commands(case_commands), case_context.stream_context,
              {"$proposal_hash": lambda state: state.proposal_hash}),
    Procedure("SIMPLE_CASE", simple_decider.DECIDER, _commands(simple_commands), simple_views.stream_context),
    Procedure("INSPECTION", inspection_decider.DECIDER, _commands(inspection_commands),
              inspection_views.stream_context),
    Procedure("RECTIFICATION", rectification_decider.DECIDER, _commands(rectification_commands),
              rectification_views.stream_context),
    Procedure("CONSTRUCTION_CASE", construction_decider.DECIDER, _commands(construction_commands),
              construction_views.stream_context),
)}
