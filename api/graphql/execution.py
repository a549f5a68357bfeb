"""Lean execution of plain fields.

A page of 50 cases × 10 fields is 500 leaf fields under 50 edges; graphql-core resolves each field through
strawberry's resolver wrapper, a resolve info object, a path and value completion, which made field resolution most
of a list request's CPU. A field without a resolver, arguments or field extensions (a strawberry "basic" field) is
only an attribute read, so this executor reads such fields directly:

- a plain leaf: the attribute and its type's output coercion;
- a plain object or list field whose whole selection below is plain (objects, lists, enums, scalars, `__typename`,
  no abstract type, no `@defer`): the subtree is built in one pass, the same dicts in the same key order;
- likewise the list or object a resolver returned (a page of cases, a timeline), once graphql-core has it.

Anything else — a resolver, a permission, an argument, an interface or union, per-field middleware (a schema
extension's `resolve` hook) — takes graphql-core's own path, and so does a field whose value turns out not to be
plain after all (a null in a non-null position, a value its type refuses, an object of another type, an iterable
that is not a list): graphql-core then reads it again and reports its errors exactly as before (reads of plain
attributes have no effects, so reading twice changes nothing).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple

from graphql import (
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

_MISSING = object()  # "not plain after all": graphql-core's path decides


class PlainField(NamedTuple):
    read: Callable[[Any, str], Any]  # strawberry's default resolver (getattr)
    name: str  # the Python attribute
    type: GraphQLOutputType


class Leaf(NamedTuple):
    nullable: bool
    coerce: Callable[[Any], Any]


class ListOf(NamedTuple):
    nullable: bool
    item: Shape


class Object(NamedTuple):
    nullable: bool
    name: str
    is_type_of: Callable[[Any, Any], Any] | None
    fields: tuple[tuple[str, PlainField | None, Shape], ...]  # None: `__typename`


Shape = Leaf | ListOf | Object  # how to complete a value of a type for one selection


def plain_field(field: GraphQLField) -> PlainField | None:
    """How to read `field` directly, or None when it needs graphql-core's full path."""
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if (definition is None or field.args or not definition.is_basic_field
            or not getattr(field.resolve, "_is_default", False)):
        return None
    return PlainField(definition.default_resolver, definition.python_name, field.type)


class LeanExecutor(StrawberryGraphQLCoreExecutionContext):
    plans: dict[tuple[str, str], PlainField | None]  # per schema: `lean_executor` gives each its own

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Path | None,
                       grouped_field_set: GroupedFieldSet, position_context: Any) -> AwaitableOrValue[dict[str, Any]]:
        """The plain fields read here, the other fields through graphql-core, the answer in selection order."""
        if self.middleware_manager is not None and self.middleware_manager.middlewares:
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        values, rest = self._plain_values(parent_type, source_value, grouped_field_set)
        if not rest:
            return values
        done = super().execute_fields(parent_type, source_value, path, rest, position_context)
        if isinstance(done, dict):
            return _merged(grouped_field_set, values, done)
        return _merged_later(grouped_field_set, values, done)  # some field awaits (a resolver, a DataLoader)

    def complete_list_value(self, return_type: Any, field_details_list: FieldDetailsList, info: Any, path: Path,
                            result: Any, position_context: Any) -> AwaitableOrValue[list[Any]]:
        """A list a resolver returned (a case's timeline), built in one pass when its items' selection is plain."""
        completed = self._lean_completion(return_type, field_details_list, result)
        if completed is _MISSING:
            return super().complete_list_value(return_type, field_details_list, info, path, result, position_context)
        return completed  # type: ignore[no-any-return]

    def complete_object_value(self, return_type: GraphQLObjectType, field_details_list: FieldDetailsList, info: Any,
                              path: Path, result: Any, position_context: Any) -> AwaitableOrValue[dict[str, Any]]:
        """An object a resolver returned (a page of cases), built in one pass when its selection is plain."""
        completed = self._lean_completion(return_type, field_details_list, result)
        if completed is _MISSING:
            return super().complete_object_value(return_type, field_details_list, info, path, result,
                                                 position_context)
        return completed  # type: ignore[no-any-return]

    def _lean_completion(self, type_: GraphQLOutputType, field_details_list: FieldDetailsList, value: Any) -> Any:
        if self.middleware_manager is not None and self.middleware_manager.middlewares:
            return _MISSING
        shape = self._shape(type_, field_details_list)
        if shape is None:
            return _MISSING
        try:
            return _completed(shape, value)
        except Exception:
            return _MISSING

    def _plain_values(self, parent_type: GraphQLObjectType, source: Any, grouped_field_set: GroupedFieldSet
                      ) -> tuple[dict[str, Any], GroupedFieldSet]:
        values: dict[str, Any] = {}
        rest: GroupedFieldSet = {}
        for response_name, field_details_list in grouped_field_set.items():
            plan = self._plan(parent_type, field_details_list[0].node.name.value)
            shape = None if plan is None else self._shape(plan.type, field_details_list)
            value = _MISSING if shape is None else _read(plan, source, shape)  # type: ignore[arg-type]
            if value is _MISSING:
                rest[response_name] = field_details_list
            else:
                values[response_name] = value
        return values, rest

    def _plan(self, parent_type: GraphQLObjectType, field_name: str) -> PlainField | None:
        key = (parent_type.name, field_name)
        if key not in self.plans:
            field = parent_type.fields.get(field_name)
            self.plans[key] = None if field is None else plain_field(field)
        return self.plans[key]

    def _shape(self, type_: GraphQLOutputType, field_details_list: FieldDetailsList) -> Shape | None:
        """How to complete a value of `type_` for this selection directly, or None when some field below needs
        graphql-core. Worked out once per selection and request (graphql-core keys its sub-field cache alike)."""
        shapes: dict[tuple[int, int], tuple[FieldDetailsList, Shape | None]] = self.__dict__.setdefault(
            "_shapes", {})
        key = (id(type_), id(field_details_list))
        if key not in shapes:
            shapes[key] = (field_details_list, self._shape_of(type_, field_details_list))
        return shapes[key][1]

    def _shape_of(self, type_: GraphQLOutputType, field_details_list: FieldDetailsList) -> Shape | None:
        nullable, inner = not is_non_null_type(type_), get_nullable_type(type_)
        if is_leaf_type(inner):
            return Leaf(nullable, inner.coerce_output_value)  # type: ignore[union-attr]
        if is_list_type(inner):
            item = self._shape(inner.of_type, field_details_list)  # type: ignore[union-attr]
            return None if item is None else ListOf(nullable, item)
        if is_object_type(inner):
            return self._object_shape(nullable, inner, field_details_list)  # type: ignore[arg-type]
        return None  # an interface or a union: graphql-core resolves the runtime type

    def _object_shape(self, nullable: bool, type_: GraphQLObjectType, field_details_list: FieldDetailsList
                      ) -> Object | None:
        collected = self.collect_subfields(type_, field_details_list)
        if collected.new_defer_usages:
            return None
        fields: list[tuple[str, PlainField | None, Shape]] = []
        for response_name, details in collected.grouped_field_set.items():
            name = details[0].node.name.value
            if name == "__typename":
                fields.append((response_name, None, Leaf(False, str)))
                continue
            plan = self._plan(type_, name)
            shape = None if plan is None else self._shape(plan.type, details)
            if shape is None:
                return None
            fields.append((response_name, plan, shape))
        return Object(nullable, type_.name, type_.is_type_of, tuple(fields))


def _merged(order: GroupedFieldSet, values: dict[str, Any], done: dict[str, Any]) -> dict[str, Any]:
    if not values:
        return done
    return {key: values[key] if key in values else done[key] for key in order if key in values or key in done}


async def _merged_later(order: GroupedFieldSet, values: dict[str, Any], done: Awaitable[dict[str, Any]]
                        ) -> dict[str, Any]:
    return _merged(order, values, await done)


def _read(plan: PlainField, source: Any, shape: Shape) -> Any:
    """The field's completed value, or _MISSING when the full path must decide (and word any error)."""
    try:
        return _completed(shape, plan.read(source, plan.name))
    except Exception:
        return _MISSING


def _completed(shape: Shape, value: Any) -> Any:
    if value is None:
        return None if shape.nullable else _MISSING
    if isinstance(shape, Leaf):
        coerced = shape.coerce(value)
        return _MISSING if coerced is None or coerced is Undefined else coerced
    if isinstance(shape, ListOf):
        return _completed_list(shape.item, value)
    return _completed_object(shape, value)


def _completed_list(item: Shape, values: Any) -> Any:
    if not isinstance(values, list | tuple):
        return _MISSING
    completed = []
    for value in values:
        done = _completed(item, value)
        if done is _MISSING:
            return _MISSING
        completed.append(done)
    return completed


def _completed_object(shape: Object, source: Any) -> Any:
    if shape.is_type_of is not None and shape.is_type_of(source, None) is not True:
        return _MISSING  # another type, or an awaitable verdict: graphql-core's error or await
    completed: dict[str, Any] = {}
    for response_name, plan, field_shape in shape.fields:
        if plan is None:
            completed[response_name] = shape.name
            continue
        done = _completed(field_shape, plan.read(source, plan.name))
        if done is _MISSING:
            return _MISSING
        completed[response_name] = done
    return completed


def lean_executor() -> type[LeanExecutor]:
    """An executor class with a plan cache of its own (one per schema: two schemas may name types alike)."""
    return type("LeanExecutor", (LeanExecutor,), {"plans": {}})
