"""Mutation inputs generated from the domain's command dataclasses, so the schema cannot drift from the domain.

Every input has `requestId` (the step's idempotency key), `occurredAt` (when it happened; default now — late
entry allowed, the domain refuses the future) and `coActors` (the officers acting with the caller; the caller
is always the first actor, the one whose role the domain checks). A step on an existing stream also has
`caseId`. Nested values (party, proposal, findings, …) become input types, enums become GraphQL enums with the
domain's values.
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from datetime import date, datetime
from types import NoneType, UnionType
from typing import Any

import strawberry

from api.graphql.money import Fen
from api.graphql.steps import StepDef
from domain.codec import to_primitive

PLAIN = (str, int, bool, float, date, datetime)
FRAMEWORK_FIELDS = ("request_id", "case_id", "occurred_at", "co_actors")
_ENUMS: dict[type[enum.Enum], type[enum.Enum]] = {}
_INPUTS: dict[type, type] = {}


def _enum(domain_enum: type[enum.Enum]) -> type[enum.Enum]:
    mirror = _ENUMS.get(domain_enum)
    if mirror is None:
        members = {m.name: m.value for m in domain_enum}
        copy: Any = enum.Enum(domain_enum.__name__, members)  # type: ignore[misc]
        mirror = _ENUMS[domain_enum] = strawberry.enum(copy, description=_doc(domain_enum))
    return mirror


def _gql(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (UnionType, typing.Union):
        inner = [a for a in args if a is not NoneType]
        if len(inner) != 1:
            raise TypeError(f"unsupported union {tp!r}")
        return _gql(inner[0]) | None
    if origin in (tuple, list, frozenset):
        return list[_gql(args[0])]  # type: ignore[misc]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _nested(tp)
    if tp in PLAIN:
        return tp
    raise TypeError(f"no GraphQL type for {tp!r}")


def _money(tp: Any) -> Any:
    """A money field (`…_fen`): the `Fen` scalar instead of the 32-bit `Int`."""
    if tp is int:
        return Fen
    if tp == int | None:
        return Fen | None
    raise TypeError(f"money field of type {tp!r}: expected int or int | None")


def _default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return _enum(type(value))[value.name]
    return value


def _fields(cls: type, skip: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    hints = typing.get_type_hints(cls)
    annotations: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        annotations[f.name] = _money(hints[f.name]) if f.name.endswith("_fen") else _gql(hints[f.name])
        if f.default is not dataclasses.MISSING:
            if isinstance(f.default, tuple | frozenset):
                defaults[f.name] = strawberry.field(default_factory=lambda d=f.default: [_default(v) for v in d])
            else:
                defaults[f.name] = _default(f.default)
        elif f.default_factory is not dataclasses.MISSING:
            produced = f.default_factory()
            defaults[f.name] = strawberry.field(default_factory=lambda p=produced: [_default(v) for v in p])
    return annotations, defaults


def _nested(cls: type) -> type:
    found = _INPUTS.get(cls)
    if found is None:
        annotations, defaults = _fields(cls)
        made = type(f"{cls.__name__}Input", (), {"__annotations__": annotations, **defaults})
        found = _INPUTS[cls] = strawberry.input(made, description=_doc(cls))
    return found


def _doc(cls: type) -> str | None:
    """The class's own docstring's first paragraph (not the signature dataclasses put there when it has none)."""
    doc = (cls.__doc__ or "").strip()
    if not doc or doc.startswith(f"{cls.__name__}(") or doc == "An enumeration.":
        return None
    return " ".join(doc.split("\n\n")[0].split())


def step_input(step: StepDef) -> type:
    """The input type of one step: the framework fields, then the command's own fields."""
    skip = ("occurred_at", "actors", *((step.id_field,) if step.id_field else ()))
    own, defaults = _fields(step.command, skip)
    annotations: dict[str, Any] = {"request_id": strawberry.ID}
    if not step.starts:
        annotations["case_id"] = strawberry.ID
    annotations.update(own)
    annotations["occurred_at"] = datetime | None
    annotations["co_actors"] = list[strawberry.ID]
    defaults["occurred_at"] = None
    defaults["co_actors"] = strawberry.field(default_factory=list)
    made = type(f"{step.command.__name__}Input", (), {"__annotations__": annotations, **defaults})
    return strawberry.input(made, description=_doc(step.command))


def command_fields(data: Any) -> dict[str, Any]:
    """The command's own fields of an input object (enums as their values, nested inputs as dicts)."""
    primitive: dict[str, Any] = to_primitive(data)
    return {k: v for k, v in primitive.items() if k not in FRAMEWORK_FIELDS}
