"""The custom search attributes zhifa's workflows set, and their idempotent registration on a Temporal server."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest, ListSearchAttributesRequest
from temporalio.client import Client
from temporalio.common import SearchAttributeIndexedValueType, SearchAttributeKey
from temporalio.service import RPCError, RPCStatusCode

ZHIFA_TOWN = SearchAttributeKey.for_keyword("ZhifaTown")
ZHIFA_STATUS = SearchAttributeKey.for_keyword("ZhifaStatus")
ZHIFA_PROCEDURE = SearchAttributeKey.for_keyword("ZhifaProcedure")
ZHIFA_VIOLATION_TYPE = SearchAttributeKey.for_keyword("ZhifaViolationType")
ZHIFA_KIND = SearchAttributeKey.for_keyword("ZhifaKind")

SEARCH_ATTRIBUTES: tuple[SearchAttributeKey[Any], ...] = (
    ZHIFA_TOWN,
    ZHIFA_STATUS,
    ZHIFA_PROCEDURE,
    ZHIFA_VIOLATION_TYPE,
    ZHIFA_KIND,
)


class SearchAttributeConflict(RuntimeError):
    """The server already has an attribute of this name with another type; registering cannot fix that."""


def type_name(key: SearchAttributeKey[Any]) -> str:
    """The type as the Temporal CLI spells it (``Keyword``, ``Text``, ``Int``…), for ``--search-attribute``."""
    return key._metadata_type


def cli_flags(keys: Sequence[SearchAttributeKey[Any]] = SEARCH_ATTRIBUTES) -> list[str]:
    """``--search-attribute NAME=Type`` pairs for ``temporal server start-dev``."""
    flags: list[str] = []
    for key in keys:
        flags += ["--search-attribute", f"{key.name}={type_name(key)}"]
    return flags


async def list_custom(client: Client, namespace: str) -> dict[str, SearchAttributeIndexedValueType]:
    """The namespace's custom search attributes, name -> indexed type."""
    response = await client.operator_service.list_search_attributes(ListSearchAttributesRequest(namespace=namespace))
    return {name: SearchAttributeIndexedValueType(int(kind)) for name, kind in response.custom_attributes.items()}


async def register(
    client: Client, namespace: str, keys: Sequence[SearchAttributeKey[Any]] = SEARCH_ATTRIBUTES
) -> list[str]:
    """Register the missing attributes on ``namespace``; return the names added (empty when all exist).

    Safe to run on every start. An existing attribute with a different type raises SearchAttributeConflict.
    """
    missing = _missing(namespace, keys, await list_custom(client, namespace))
    if not missing:
        return []
    request = AddSearchAttributesRequest(
        namespace=namespace,
        search_attributes={key.name: IndexedValueType.ValueType(int(key.indexed_value_type)) for key in missing},
    )
    try:
        await client.operator_service.add_search_attributes(request)
    except RPCError as error:
        # Another process may have registered them between our list and add: fine when the types agree.
        if error.status != RPCStatusCode.ALREADY_EXISTS:
            raise
        if _missing(namespace, keys, await list_custom(client, namespace)):
            raise
        return []
    return [key.name for key in missing]


def _missing(
    namespace: str, keys: Sequence[SearchAttributeKey[Any]], existing: dict[str, SearchAttributeIndexedValueType]
) -> list[SearchAttributeKey[Any]]:
    conflicts = [
        f"{key.name} is {existing[key.name].name}, wanted {key.indexed_value_type.name}"
        for key in keys
        if key.name in existing and existing[key.name] != key.indexed_value_type
    ]
    if conflicts:
        raise SearchAttributeConflict(f"search attributes on namespace {namespace!r}: {'; '.join(conflicts)}")
    return [key for key in keys if key.name not in existing]
