"""The step catalog the console builds its forms from: every step mutation with its command, aggregate, required
role and input type, and every input object and enum those inputs use — read from the strawberry schema itself,
so it is the API's own description (introspection stays off in production; this is the forms' part of it)."""

from __future__ import annotations

from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    ast_from_value,
    value_from_ast_untyped,
)
from graphql.pyutils import Undefined

from api.graphql.policy import step_role
from api.graphql.steps import STEPS


def _field_type(type_: Any) -> dict[str, Any]:
    required = isinstance(type_, GraphQLNonNull)
    inner = type_.of_type if required else type_
    if isinstance(inner, GraphQLList):
        item = inner.of_type
        item_required = isinstance(item, GraphQLNonNull)
        named = item.of_type if item_required else item
        return {"type": named.name, "required": required, "list": True, "itemRequired": item_required}
    return {"type": inner.name, "required": required, "list": False}


def _named(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def step_catalog(schema: GraphQLSchema) -> dict[str, Any]:
    mutation = schema.mutation_type
    assert mutation is not None
    inputs: dict[str, Any] = {}
    enums: dict[str, Any] = {}

    def visit(type_: Any) -> None:
        named = _named(type_)
        if isinstance(named, GraphQLEnumType) and named.name not in enums:
            enums[named.name] = {"description": named.description, "values": list(named.values)}
        if not isinstance(named, GraphQLInputObjectType) or named.name in inputs:
            return
        fields: list[dict[str, Any]] = []
        inputs[named.name] = {"description": named.description, "fields": fields,
                              "oneOf": bool(getattr(named, "is_one_of", False))}
        for name, field in named.fields.items():
            entry = {"name": name, **_field_type(field.type), "description": field.description}
            if field.default_value is not Undefined:
                literal = ast_from_value(field.default_value, field.type)
                entry["default"] = None if literal is None else value_from_ast_untyped(literal)
            fields.append(entry)
            visit(field.type)

    steps = []
    for step in STEPS:
        field = mutation.fields[step.mutation]
        input_type = _named(field.args["input"].type)
        visit(input_type)
        steps.append({"mutation": step.mutation, "command": step.command.__name__, "aggregate": step.spec.kind,
                      "role": step_role(step.command), "opens": step.starts, "input": input_type.name,
                      "description": field.description})
    return {"steps": steps, "inputs": inputs, "enums": enums}
