"""The lean executor (plain fields read directly: leaves, and whole plain subtrees of objects and lists) answers
exactly as graphql-core does: the same data in the same key order, the same errors at the same paths, and per-field
extensions still see every field."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import strawberry
from strawberry.extensions import SchemaExtension

from api.graphql.execution import lean_executor


@strawberry.enum
class Colour(enum.Enum):
    RED = "RED"
    BLUE = "BLUE"


@strawberry.type
class Item:
    name: str
    note: str | None
    colour: Colour
    at: datetime

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


def _items() -> list[Item]:
    at = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    return [Item(name="a", note=None, colour=Colour.RED, at=at),
            Item(name=None, note="x", colour=Colour.BLUE, at=at),  # type: ignore[arg-type] - a null in a non-null
            Item(name="c", note="z", colour="GREEN", at=at)]  # type: ignore[arg-type] - not a member of the enum


@strawberry.type
class Edge:
    cursor: str
    node: Item
    tags: list[str]
    maybe: Item | None


@strawberry.type
class Page:
    edges: list[Edge]
    total: int
    nested: list[list[Colour]]


def _page(*, broken: bool = False) -> Page:
    items = _items()
    edges = [Edge(cursor=f"c{i}", node=items[i if broken else 0], tags=["t", str(i)], maybe=items[0] if i else None)
             for i in range(3)]
    return Page(edges=edges, total=3, nested=[[Colour.RED], [Colour.BLUE, Colour.RED]])


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return list(_items())

    @strawberry.field
    def first(self) -> Item:
        return _items()[0]

    @strawberry.field
    def page(self) -> Page:
        return _page()

    @strawberry.field
    def broken_page(self) -> Page | None:
        return _page(broken=True)

    @strawberry.field
    def edges(self) -> list[Edge]:
        return _page().edges


def _schemas(**extra: Any) -> tuple[strawberry.Schema, strawberry.Schema]:
    return strawberry.Schema(Query, **extra), strawberry.Schema(Query, execution_context_class=lean_executor(),
                                                                **extra)


def _answer(schema: strawberry.Schema, document: str) -> tuple[Any, list[tuple[str, Any]]]:
    result = schema.execute_sync(document)
    errors = [(error.message, error.path) for error in result.errors or ()]
    return result.data, errors


DOCUMENTS = [
    "{ first { name note colour at shout } }",
    "{ first { shout n: name ...F at } } fragment F on Item { colour note }",
    "{ first { name note @skip(if: true) colour @include(if: false) at } }",
    "{ items { name note colour } }",
    "{ items { note at } }",
    "{ page { total edges { cursor tags node { name colour at } maybe { note } } nested } }",
    "{ page { __typename edges { __typename c: cursor node { __typename n: name } } } }",
    "{ page { edges { node { name shout } cursor } total } }",  # a resolver below: that subtree through graphql-core
    "{ page { edges { ...E } } } fragment E on Edge { cursor node { ...I } } fragment I on Item { colour }",
    "{ page { edges { cursor @skip(if: true) node @include(if: true) { name } } } }",
    "{ brokenPage { total edges { cursor node { name colour } } } }",  # a null in a non-null, a foreign enum value
    "{ brokenPage { edges { node { note } } } edges { maybe { name } } }",
    "{ edges { node { name } tags } }",
]


def test_answers_and_errors_are_those_of_graphql_core() -> None:
    plain, lean = _schemas()
    for document in DOCUMENTS:
        expected, got = _answer(plain, document), _answer(lean, document)
        assert got == expected, document
        assert list(_keys(got[0])) == list(_keys(expected[0])), document


def test_a_null_in_a_non_null_field_and_an_unserialisable_value_are_still_errors() -> None:
    _, lean = _schemas()
    data, errors = _answer(lean, "{ items { name colour } }")
    assert data == {"items": [{"name": "a", "colour": "RED"}, None, None]}
    assert [path for _, path in errors] == [["items", 1, "name"], ["items", 2, "colour"]]


def test_an_error_deep_in_a_plain_subtree_is_reported_where_graphql_core_reports_it() -> None:
    _, lean = _schemas()
    data, errors = _answer(lean, "{ brokenPage { edges { cursor node { name } } } }")
    assert data == {"brokenPage": None}
    assert [path for _, path in errors] == [["brokenPage", "edges", 1, "node", "name"]]


def test_per_field_extensions_still_see_every_leaf() -> None:
    seen: list[str] = []

    class Watch(SchemaExtension):
        def resolve(self, _next: Callable[..., Any], root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
            seen.append(info.field_name)
            return _next(root, info, *args, **kwargs)

    _, lean = _schemas(extensions=[Watch])
    assert _answer(lean, "{ first { name note } }") == ({"first": {"name": "a", "note": None}}, [])
    assert seen == ["first", "name", "note"]


def _keys(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [f"{key}/{inner}" for key, value in data.items() for inner in [key, *_keys(value)]]
    if isinstance(data, list):
        return [key for item in data for key in _keys(item)]
    return []


def test_a_plain_subtree_is_built_without_graphql_core_resolving_its_fields() -> None:
    resolved: list[str] = []

    class Counting(lean_executor()):  # type: ignore[misc, valid-type]
        def execute_field(self, parent_type: Any, source: Any, field_details_list: Any, *args: Any) -> Any:
            resolved.append(f"{parent_type.name}.{field_details_list[0].node.name.value}")
            return super().execute_field(parent_type, source, field_details_list, *args)

    schema = strawberry.Schema(Query, execution_context_class=Counting)
    assert schema.execute_sync("{ page { total edges { cursor node { name colour } } } }").errors is None
    assert resolved == ["Query.page"]
    resolved.clear()
    assert schema.execute_sync("{ page { edges { node { shout } } } }").errors is None
    assert resolved == ["Query.page", "Page.edges", *["Edge.node", "Item.shout"] * 3]
