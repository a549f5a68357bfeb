"""The lean executor (plain leaf fields read directly) answers exactly as graphql-core does: the same data in the
same key order, the same errors at the same paths, and per-field extensions still see every field."""

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
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:
        return list(_items())

    @strawberry.field
    def first(self) -> Item:
        return _items()[0]


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
