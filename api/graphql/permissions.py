"""Authorisation declared once per field over the policy tables.

A query field the caller's roles may not read fails with a FORBIDDEN error; a step the caller's roles may not
take returns the `Forbidden` member of its result union, naming the role and, when the roster grants it but not
today (a lapsed 执法证), why; either denial is noted for the security log. Town scope is enforced below the
resolvers (the read side filters by the caller's towns; on PostgreSQL row-level security too) and for steps by the
mutation itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from api.graphql.policy import READS, step_role
from domain.messages import Command


class MayRead(BasePermission):
    error_extensions = {"code": "FORBIDDEN"}  # noqa: RUF012 - strawberry's own class attribute

    def __init__(self, operation: str) -> None:
        self.operation = operation
        self.roles = READS[operation]
        self.message = f"{operation} is open to the roles {', '.join(sorted(self.roles))}"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        allowed = bool(info.context.caller.holds_any(self.roles))
        if not allowed:
            info.context.deny(self.operation, self.message)
        return allowed


class MayTake(FieldExtension):
    """A step's guard: the caller holds the role the step's transition requires, or gets `Forbidden`."""

    def __init__(self, command: type[Command]) -> None:
        self.command = command
        self.role = step_role(command)

    async def resolve_async(self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info,
                            **kwargs: Any) -> Any:
        caller = info.context.caller
        if caller.holds_any({self.role}):
            return await next_(source, info, **kwargs)
        message = f"{self.command.__name__} is taken by an officer with the role {self.role}"
        withdrawn = caller.withdrawn.get(self.role)
        if withdrawn is not None:
            message += f"; {caller.officer_id} holds it no longer: {withdrawn}"
        return info.context.forbid(info.field_name, message, [self.role])


def readable(operation: str) -> list[FieldExtension]:
    return [PermissionExtension([MayRead(operation)], use_directives=False)]


def takeable(command: type[Command]) -> list[FieldExtension]:
    return [MayTake(command)]
