"""A query text is validated once, then its verdict (the depth and alias limits included) is reused: a refused
document stays refused, an accepted one is not validated again."""

from __future__ import annotations

import uuid

import pytest
import strawberry.schema.schema as strawberry_schema

from api.graphql.schema import MAX_DEPTH, build_schema


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    validate = strawberry_schema.validate

    def validating(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return validate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(strawberry_schema, "validate", validating)
    return calls


def _too_deep() -> str:
    fields = "{ __typename }"
    for _ in range(MAX_DEPTH + 1):
        fields = f"{{ officers {{ cases(first: 1) {fields} }} }}"
    return fields


async def test_a_document_is_validated_once_across_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    schema = build_schema(development=True)
    document = f"# {uuid.uuid4()}\n{{ __typename }}"  # a text no other test sent
    for _ in range(3):
        assert (await schema.execute(document)).errors is None
    assert len(calls) == 1


async def test_a_document_over_the_depth_limit_is_refused_every_time_from_its_cached_verdict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _counting(monkeypatch)
    schema = build_schema(development=True)
    document = f"# {uuid.uuid4()}\n{_too_deep()}"
    for _ in range(2):
        errors = (await schema.execute(document)).errors
        assert errors and "exceeds maximum operation depth" in errors[0].message
    assert len(calls) == 1
