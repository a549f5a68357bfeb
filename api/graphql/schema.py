"""The schema with its safety limits: query depth, aliases (fragments included), tokens, page size (in the
list resolvers); unexpected errors masked (and logged) while API and domain errors keep their codes and outages say so;
introspection only in development. Each request's scoped database transaction ends with the operation."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig

from api.graphql.execution import lean_executor
from api.graphql.money import SCALARS
from api.graphql.mutations import build_mutation_type
from api.graphql.queries import Query
from api.graphql.types import Case, Officer, Town
from infra.availability import Outage, outage_of

MAX_DEPTH = 6
MAX_ALIASES = 20
MAX_TOKENS = 2_000
CACHED_DOCUMENTS = 1_000

log = logging.getLogger("zhifa.api")


def is_unexpected(error: GraphQLError) -> bool:
    """Mask an error raised by our code unless it is an API error (a GraphQLError carrying a code); syntax,
    validation and limit errors (no original error) pass as they are."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    log.error("unexpected error in %s", ".".join(str(p) for p in error.path or ()), exc_info=original)
    return True


class SurfaceOutages(SchemaExtension):
    """An error caused by a dependency that is down is answered as such — code UNAVAILABLE with the dependency,
    `retryable` and `retryAfterSeconds`, HTTP 503 with Retry-After — instead of being masked as a bug. (Listed
    after MaskErrors: extensions leave in reverse order, so this one sees the errors first.)"""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if not errors:
            return
        surfaced = [_surfaced(error) for error in errors]
        outages = [outage for _, outage in surfaced if outage is not None]
        result.errors = [error for error, _ in surfaced]  # type: ignore[union-attr]
        response = getattr(self.execution_context.context, "response", None)
        if outages and response is not None:
            response.status_code = 503
            response.headers["Retry-After"] = str(max(o.retry_after_seconds for o in outages))


def _surfaced(error: GraphQLError) -> tuple[GraphQLError, Outage | None]:
    outage = outage_of(error.original_error) if error.original_error is not None else None
    if outage is None:
        return error, None
    log.warning("%s unavailable in %s: %s", outage.dependency, ".".join(str(p) for p in error.path or ()),
                outage.detail)
    return GraphQLError(
        f"{outage.dependency} is unavailable; retry in {outage.retry_after_seconds} s", nodes=error.nodes,
        path=error.path, extensions={"code": "UNAVAILABLE", "dependency": outage.dependency, "retryable": True,
                                     "retryAfterSeconds": outage.retry_after_seconds}), outage


class EndRequestScope(SchemaExtension):
    """Closes the request's scoped read transaction when the operation is done."""

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            close = getattr(self.execution_context.context, "close", None)
            if close is not None:
                await close()


def limit_rules() -> list[type[ASTValidationRule]]:
    """The depth and alias limits as validation rules, built once. The cached verdict is keyed by the rule classes
    too, and each limiter extension builds new ones, so limiters made per request never hit the cache."""
    depth, aliases = QueryDepthLimiter(max_depth=MAX_DEPTH), MaxAliasesLimiter(max_alias_count=MAX_ALIASES)
    return [*depth.validation_rules, *aliases.validation_rules]


def build_schema(*, development: bool) -> strawberry.Schema:
    rules = limit_rules()
    extensions: list[Callable[[], SchemaExtension]] = [
        # Clients send the same few documents over and over: parse and validate each text once (the limits below
        # are validation rules, so a cached verdict includes them; a document that fails to parse is not cached).
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: MaskErrors(should_mask_error=is_unexpected, error_message="Internal error (logged on the server)."),
        SurfaceOutages,
        EndRequestScope,
    ]
    if not development:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(query=Query, mutation=build_mutation_type(), types=[Case, Officer, Town],
                             extensions=extensions, config=StrawberryConfig(scalar_map=SCALARS),
                             execution_context_class=lean_executor())
