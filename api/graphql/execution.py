"""Lean execution of plain leaf fields.

A page of 50 cases × 10 fields is 500 leaf fields; graphql-core resolves each through strawberry's resolver
wrapper, a resolve info object and value completion, which made field resolution most of a list request's CPU.
A leaf field without a resolver, arguments or field extensions (a strawberry "basic" field) is only an
attribute read and its scalar's serialisation, so this executor does just that. Anything else — a resolver, a
permission, an argument, an object or list type, per-field middleware (a schema extension's `resolve` hook), a
missing or unserialisable value, a null in a non-null field — takes graphql-core's own path, which reports its
errors as before.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

from graphql import GraphQLField, GraphQLObjectType, Undefined, get_nullable_type, is_leaf_type, is_non_null_type
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

_MISSING = object()


class PlainLeaf(NamedTuple):
    read: Callable[[Any, str], Any]  # strawberry's default resolver (getattr)
    name: str  # the Python attribute
    serialize: Callable[[Any], Any]
    nullable: bool


def plain_leaf(field: GraphQLField) -> PlainLeaf | None:
    """How to read `field` directly, or None when it needs graphql-core's full path."""
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    leaf = get_nullable_type(field.type)
    if definition is None or field.args or not getattr(field.resolve, "_is_default", False) or not is_leaf_type(leaf):
        return None
    return PlainLeaf(definition.default_resolver, definition.python_name, leaf.serialize,
                     not is_non_null_type(field.type))


class LeanExecutor(StrawberryGraphQLCoreExecutionContext):
    plans: dict[tuple[str, str], PlainLeaf | None]  # per schema: `lean_executor` gives each its own

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Path | None,
                       grouped_field_set: GroupedFieldSet, position_context: Any) -> AwaitableOrValue[dict[str, Any]]:
        """The plain leaves read here, the other fields through graphql-core, the answer in selection order."""
        if self.middleware_manager is not None and self.middleware_manager.middlewares:
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        values, rest = self._plain_values(parent_type, source_value, grouped_field_set)
        if not rest:
            return values
        done = super().execute_fields(parent_type, source_value, path, rest, position_context)
        if isinstance(done, dict):
            return _merged(grouped_field_set, values, done)
        return _merged_later(grouped_field_set, values, done)  # some field awaits (a resolver, a DataLoader)

    def _plain_values(self, parent_type: GraphQLObjectType, source: Any, grouped_field_set: GroupedFieldSet
                      ) -> tuple[dict[str, Any], GroupedFieldSet]:
        values: dict[str, Any] = {}
        rest: GroupedFieldSet = {}
        for response_name, field_details_list in grouped_field_set.items():
            plan = self._plan(parent_type, field_details_list[0].node.name.value)
            value = _MISSING if plan is None else _read(plan, source)
            if value is _MISSING:
                rest[response_name] = field_details_list
            else:
                values[response_name] = value
        return values, rest

    def _plan(self, parent_type: GraphQLObjectType, field_name: str) -> PlainLeaf | None:
        key = (parent_type.name, field_name)
        if key not in self.plans:
            field = parent_type.fields.get(field_name)
            self.plans[key] = None if field is None else plain_leaf(field)
        return self.plans[key]


def _merged(order: GroupedFieldSet, values: dict[str, Any], done: dict[str, Any]) -> dict[str, Any]:
    if not values:
        return done
    return {key: values[key] if key in values else done[key] for key in order if key in values or key in done}


async def _merged_later(order: GroupedFieldSet, values: dict[str, Any], done: Awaitable[dict[str, Any]]
                        ) -> dict[str, Any]:
    return _merged(order, values, await done)


def _read(plan: PlainLeaf, source: Any) -> Any:
    """The field's serialised value, or _MISSING when the full path must decide (and word any error)."""
    try:
        value = plan.read(source, plan.name)
        if value is None:
            return None if plan.nullable else _MISSING
        serialized = plan.serialize(value)
    except Exception:
        return _MISSING
    return _MISSING if serialized is None or serialized is Undefined else serialized


def lean_executor() -> type[LeanExecutor]:
    """An executor class with a plan cache of its own (one per schema: two schemas may name types alike)."""
    return type("LeanExecutor", (LeanExecutor,), {"plans": {}})
