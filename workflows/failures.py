"""Domain rejections across the Temporal boundary: a `DomainError` travels as an `ApplicationError` whose type is
the error code and whose details carry rule, field and article, so the client facade can rebuild it exactly."""

from __future__ import annotations

from temporalio.exceptions import ApplicationError

from domain.errors import DomainError, error_from_dict

STALE_CONTEXT = "STALE_CONTEXT"


def to_application_error(error: DomainError) -> ApplicationError:
    return ApplicationError(error.message, error.as_dict(), type=error.code, non_retryable=True)


def stale_context(expected: str, got: str) -> ApplicationError:
    return ApplicationError(
        f"the workflow decides with context {expected}, the request was prepared with {got}",
        {"expected": expected, "got": got}, type=STALE_CONTEXT, non_retryable=True)


def domain_error_of(failure: BaseException) -> DomainError | None:
    """The domain rejection inside a failed update or activity, if that is what it was."""
    current: BaseException | None = failure
    while current is not None:
        if isinstance(current, ApplicationError) and current.details and isinstance(current.details[0], dict):
            detail = current.details[0]
            if "code" in detail and "message" in detail:
                return error_from_dict(detail)
        current = current.__cause__
    return None


def is_stale_context(failure: BaseException) -> bool:
    current: BaseException | None = failure
    while current is not None:
        if isinstance(current, ApplicationError) and current.type == STALE_CONTEXT:
            return True
        current = current.__cause__
    return False
