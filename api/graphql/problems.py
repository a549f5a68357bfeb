"""Why a step was not taken, as typed members of every mutation's result union. Domain rejections keep the
domain's code, rule, field and legal article."""

from __future__ import annotations

import strawberry

from domain import errors as domain_errors
from infra.availability import Outage


@strawberry.interface(description="A reason a step was not taken.")
class Problem:
    code: str
    message: str


@strawberry.type(description="The step is not allowed in the case's current status (or names no actor).")
class InvalidTransition(Problem):
    rule: str | None
    field: str | None
    article: str | None


@strawberry.type(description="A statutory or configured rule forbids the step; `article` names the law.")
class RuleViolation(Problem):
    rule: str | None
    field: str | None
    article: str | None


@strawberry.type(description="A field of the input is missing, malformed or out of range; `field` names it.")
class ValidationError(Problem):
    rule: str | None
    field: str | None
    article: str | None


@strawberry.type(description="No such case in the caller's towns (a case of another town is not found either).")
class NotFound(Problem):
    id: strawberry.ID


@strawberry.type(description="The caller may not take this step (role or town).")
class Forbidden(Problem):
    required_roles: list[str]


@strawberry.type(description="A dependency (Temporal, the database, the platform) is unavailable: retry later with the "
                             "same requestId — a step is applied at most once, whether or not this attempt reached it.")
class Unavailable(Problem):
    dependency: str
    retryable: bool
    retry_after_seconds: int


def unavailable(outage: Outage) -> Unavailable:
    return Unavailable(code="UNAVAILABLE", dependency=outage.dependency, retryable=True,
                       retry_after_seconds=outage.retry_after_seconds,
                       message=f"{outage.dependency} is unavailable; the step may not have been applied: retry in "
                               f"{outage.retry_after_seconds} s with the same requestId (it applies at most once)")


def not_found(stream_id: str) -> NotFound:
    return NotFound(code="NOT_FOUND", message=f"case {stream_id} not found", id=strawberry.ID(stream_id))


def forbidden(message: str, required_roles: list[str] | None = None) -> Forbidden:
    return Forbidden(code="FORBIDDEN", message=message, required_roles=required_roles or [])


def problem_of(error: domain_errors.DomainError) -> InvalidTransition | RuleViolation | ValidationError:
    kind: type[InvalidTransition] | type[RuleViolation] | type[ValidationError]
    if isinstance(error, domain_errors.InvalidTransition):
        kind = InvalidTransition
    elif isinstance(error, domain_errors.ValidationError):
        kind = ValidationError
    else:
        kind = RuleViolation
    return kind(code=error.code, message=error.message, rule=error.rule, field=error.field, article=error.article)
