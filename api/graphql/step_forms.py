"""The input a step needs, described for a client that knows nothing else: every field of the step's GraphQL input
type (read from the schema itself, so it cannot drift from the mutation) with its type, whether it is required,
its enum values with their Chinese labels, and a default.

Defaults come from three places, in this order: what the stream already knows under the same name (the current
`proposalHash`, the proposal's sanctions and fine for the decision, the stream id for `caseId`); the reference data
for the fields that name reference entries (an enforcement item covering the violation, its discretion benchmark,
two certified officers of the town, …); and the default the input type declares.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import strawberry
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    Undefined,
    ast_from_value,
    get_named_type,
    value_from_ast_untyped,
)
from strawberry.scalars import JSON

from domain.codec import to_primitive
from domain.labels import label
from domain.reference import ReferenceData, Role
from domain.values import Sanction

FRAMEWORK = frozenset({"requestId", "occurredAt"})
MAX_NESTING = 3


@strawberry.type(description="A value a field accepts, with its label (中文).")
class StepChoice:
    value: str
    label: str | None


@strawberry.type(description="One field of a step's input.")
class StepField:
    name: str
    type: str = strawberry.field(description="The GraphQL type, as in the schema (e.g. `String!`, `[Sanction!]!`).")
    required: bool = strawberry.field(description="Non-null and without a default: the client must send it.")
    default: JSON | None = strawberry.field(description="A value to send unless the officer decides otherwise.")
    choices: list[StepChoice] = strawberry.field(
        description="The accepted values: an enum's members, or the reference entries the field names.")
    fields: list[StepField] = strawberry.field(description="The fields of a nested input object.")


@dataclasses.dataclass(frozen=True)
class FormContext:
    """What the defaults may draw on: the stream's state (None before it opens), its town, the caller."""

    state: Any
    stream_id: str | None
    town: str | None
    caller: str
    caller_towns: tuple[str, ...]
    reference: ReferenceData
    today: date


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _camelised(value: Any) -> Any:
    if isinstance(value, dict):
        return {_camel(k): _camelised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camelised(v) for v in value]
    return value


def _known(state: Any, name: str) -> Any:
    """What the stream holds under `name` (or its current proposal does): None when nothing useful."""
    for source in (state, getattr(state, "proposal", None)):
        if source is None or name in ("status", "actors", "occurred_at"):
            continue
        value = getattr(source, name, None)
        if value is None or value == "" or value == () or value == frozenset() or \
                (isinstance(value, int) and not isinstance(value, bool) and value == 0) or callable(value):
            continue
        return _camelised(to_primitive(value))
    return None


def _certified(form: FormContext, role: Role | None = None) -> list[tuple[str, str]]:
    town = form.town or (form.caller_towns[0] if form.caller_towns else "")
    found = [o for o in sorted(form.reference.officers.values(), key=lambda o: o.id)
             if o.town == town and o.certified_on(form.today) and (role is None or o.has_role(role))]
    return [(o.id, o.name) for o in found]


def _team_first(form: FormContext) -> list[tuple[str, str]]:
    """Certified officers of the town other than the caller, the case's own officers first."""
    team = [str(o) for o in getattr(form.state, "officers", ()) or ()]
    others = [c for c in _certified(form, Role.OFFICER) if c[0] != form.caller]
    return sorted(others, key=lambda c: (c[0] not in team, c[0]))


def _items(form: FormContext) -> list[tuple[str, str]]:
    violation = getattr(form.state, "violation_type", None)
    items = form.reference.items_for(getattr(form.state, "town", "") or "")
    return [(i.code, i.name) for i in sorted(items.values(), key=lambda i: i.code)
            if not violation or not i.violation_types or violation in i.violation_types]


def _benchmarks(form: FormContext) -> list[tuple[str, str]]:
    item = getattr(form.state, "enforcement_item", None)
    return [(b.id, f"{b.severity} {b.fine_min_fen / 100:g}–{b.fine_max_fen / 100:g} 元")
            for b in sorted(form.reference.benchmarks.values(), key=lambda b: (b.fine_min_fen, b.id))
            if item is None or b.item_code == item]


def _item_sanctions(form: FormContext) -> list[tuple[str, str]]:
    """The sanctions the case's enforcement item provides (APL 4), in the enumeration's order."""
    item = form.reference.items.get(getattr(form.state, "enforcement_item", None) or "")
    if item is None:
        return []
    return [(s.value, label("Sanction", s.value) or s.value) for s in Sanction if s in item.sanctions]


def _benchmark_fine(form: FormContext) -> int | None:
    """The low end of the first discretion benchmark the case's item has (a fine the benchmark allows)."""
    found = _benchmarks(form)
    if not found or getattr(form.state, "enforcement_item", None) is None:
        return None
    return form.reference.benchmarks[found[0][0]].fine_min_fen or None


def _units(form: FormContext) -> list[tuple[str, str]]:
    return [(u.code, u.name) for t in form.caller_towns if t in form.reference.towns
            for u in form.reference.towns[t].units]


Choices = Callable[[FormContext], list[tuple[str, str]]]
# Fields that name reference entries (by their GraphQL name), and where the entries come from.
REFERENCE_CHOICES: Mapping[str, Choices] = {
    "coActors": _team_first,
    "officers": lambda form: _certified(form, Role.OFFICER),
    "caseLead": lambda form: _certified(form, Role.CASE_LEAD),
    "enforcementItem": _items,
    "sanctions": _item_sanctions,
    "benchmarkId": _benchmarks,
    "town": lambda form: [(t, form.reference.towns[t].name) for t in form.caller_towns if t in form.reference.towns],
    "unit": _units,
    "violationType": lambda form: [(v.code, v.name) for v in sorted(form.reference.violation_types.values(),
                                                                    key=lambda v: v.code)],
}


def _fine_unpaid(form: FormContext) -> int | None:
    """The fine not paid yet (the late surcharge, which grows by the day of payment, is the officer's to add)."""
    fine, paid = getattr(form.state, "fine_fen", 0), getattr(form.state, "paid_fen", 0)
    return fine - paid if isinstance(fine, int) and isinstance(paid, int) and fine > paid else None


# Fields whose default the state or the reference data suggests without a list to choose from.
REFERENCE_DEFAULTS: Mapping[str, Callable[[FormContext], Any]] = {
    "fineAmountFen": _benchmark_fine, "amountFen": _fine_unpaid}


def _reference_default(name: str, choices: list[tuple[str, str]], listed: bool, form: FormContext) -> Any:
    if not choices:
        return None
    if name == "officers":  # the case lead `caseLead` proposes and one more: the pair APL 42 asks for
        lead = _lead(form)
        first = [lead] if lead is not None else []
        return first + [c[0] for c in choices if c[0] not in first][:2 - len(first)]
    if name == "caseLead":
        return _lead(form)
    return [choices[0][0]] if listed else choices[0][0]


def _lead(form: FormContext) -> str | None:
    """The caller when they may lead a case, else the town's first certified case lead."""
    leads = [c[0] for c in _certified(form, Role.CASE_LEAD)]
    return form.caller if form.caller in leads else (leads[0] if leads else None)


def _declared_default(field_type: GraphQLInputType, value: Any) -> Any:
    if value is Undefined:
        return None
    node = ast_from_value(value, field_type)
    return None if node is None else value_from_ast_untyped(node)


def describe(schema: GraphQLSchema, type_name: str, form: FormContext, *, skip: frozenset[str] = FRAMEWORK
             ) -> list[StepField]:
    """The fields of input type `type_name`, with defaults for this stream and caller."""
    input_type = schema.get_type(type_name)
    assert isinstance(input_type, GraphQLInputObjectType), type_name
    return _fields(input_type, form, skip, depth=1)


def _fields(input_type: GraphQLInputObjectType, form: FormContext, skip: frozenset[str], *, depth: int
            ) -> list[StepField]:
    described: list[StepField] = []
    for name, field in input_type.fields.items():
        if name in skip:
            continue
        named = get_named_type(field.type)
        listed = isinstance(field.type, GraphQLList) or (
            isinstance(field.type, GraphQLNonNull) and isinstance(field.type.of_type, GraphQLList))
        reference = REFERENCE_CHOICES.get(name)
        from_reference = reference(form) if reference is not None else []
        choices = [StepChoice(value=v, label=text) for v, text in from_reference]
        if isinstance(named, GraphQLEnumType) and not choices:
            choices = [StepChoice(value=v, label=label(named.name, v)) for v in named.values]
        default = form.stream_id if name == "caseId" else _known(form.state, _snake(name))
        if default is None and name in REFERENCE_DEFAULTS:
            default = REFERENCE_DEFAULTS[name](form)
        if default is None and reference is not None and name != "sanctions":
            default = _reference_default(name, from_reference, listed, form)
        if default is None:
            default = _declared_default(field.type, field.default_value)
        nested = _fields(named, form, frozenset(), depth=depth + 1) \
            if isinstance(named, GraphQLInputObjectType) and depth < MAX_NESTING else []
        described.append(StepField(
            name=name, type=str(field.type), default=default, choices=choices, fields=nested,
            required=isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined))
    return described
