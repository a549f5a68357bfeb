"""What a stream workflow needs to know about an aggregate: its decider, how to decode its commands, how to
describe its stream, what waits for whom, and when it is finished."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from domain.codec import from_primitive
from domain.decider import Decider
from domain.envelope import StreamContext
from domain.errors import ValidationError
from domain.follow_ups import FollowUp
from domain.messages import Command, EventRegistry


@dataclass(frozen=True)
class AggregateSpec:
    kind: str  # workflow-level name, e.g. "GENERAL_CASE"
    decider: Decider[Any, Any]
    state_type: type
    commands: Mapping[str, type[Command]]
    events: EventRegistry
    context_of: Callable[[Any], StreamContext]
    next_steps: Callable[[Any], tuple[Any, ...]]
    is_finished: Callable[[Any], bool]
    follow_ups: Callable[[Any], tuple[FollowUp, ...]] = field(default=lambda state: ())
    # Histories recorded before this aggregate had follow-ups carry no marker: the workflow opens them only behind
    # this `workflow.patched` id (None: always). The reconciliation, outside workflows, calls `follow_ups` as is.
    follow_ups_patch: str | None = None

    def decode_command(self, name: str, payload: Mapping[str, Any]) -> Command:
        cls = self.commands.get(name)
        if cls is None:
            raise ValidationError(
                f"{name} is not a step of {self.kind}; steps are {', '.join(sorted(self.commands))}",
                rule="KNOWN_STEP", field="command")
        try:
            command: Command = from_primitive(cls, dict(payload))
        except KeyError as exc:
            raise ValidationError(f"{name}: missing field {exc.args[0]}", rule="REQUIRED_FIELD",
                                  field=str(exc.args[0]).rsplit(".", 1)[-1]) from None
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"{name}: {exc}", rule="FIELD_FORMAT", field="payload") from None
        return command


def commands_in(*modules: ModuleType) -> dict[str, type[Command]]:
    """Every concrete command dataclass defined in the given modules, by class name."""
    found: dict[str, type[Command]] = {}
    for module in modules:
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, Command) and value is not Command
                    and dataclasses.is_dataclass(value) and value.__module__ == module.__name__):
                found[value.__name__] = value
    return found


def index(specs: Iterable[AggregateSpec]) -> dict[str, AggregateSpec]:
    return {spec.kind: spec for spec in specs}
