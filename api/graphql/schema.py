"""The schema with its safety limits: query depth, aliases (fragments included), tokens, page size (in the
list resolvers); unexpected errors masked (and logged) while API and domain errors keep their codes;
introspection only in development. Each request's scoped database transaction ends with the operation."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig

from api.graphql.money import SCALARS
from api.graphql.mutations import build_mutation_type
from api.graphql.queries import Query
from api.graphql.types import Case, Officer, Town

MAX_DEPTH = 6
MAX_ALIASES = 20
MAX_TOKENS = 2_000

log = logging.getLogger("zhifa.api")


def is_unexpected(error: GraphQLError) -> bool:
    """Mask an error raised by our code unless it is an API error (a GraphQLError carrying a code); syntax,
    validation and limit errors (no original error) pass as they are."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    log.error("unexpected error in %s", ".".join(str(p) for p in error.path or ()), exc_info=original)
    return True


class EndRequestScope(SchemaExtension):
    """Closes the request's scoped read transaction when the operation is done."""

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            close = getattr(self.execution_context.context, "close", None)
            if close is not None:
                await close()


def build_schema(*, development: bool) -> strawberry.Schema:
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=is_unexpected, error_message="Internal error (logged on the server)."),
        EndRequestScope,
    ]
    if not development:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(query=Query, mutation=build_mutation_type(), types=[Case, Officer, Town],
                             extensions=extensions, config=StrawberryConfig(scalar_map=SCALARS))
