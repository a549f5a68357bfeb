"""Authorisation declared once per field: strawberry permission classes over the policy tables.

A query field the caller's roles may not read fails with a FORBIDDEN error; a step the caller's roles may not
take returns the `Forbidden` member of its result union; either denial is noted for the security log. Town scope
is enforced below the resolvers (the read side filters by the caller's towns; on PostgreSQL row-level security
too) and for steps by the mutation itself.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from api.graphql.policy import READS, step_role
from api.graphql.problems import forbidden
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


class MayTake(BasePermission):
    def __init__(self, command: type[Command]) -> None:
        self.command = command
        self.role = step_role(command)
        self.message = f"{command.__name__} is taken by an officer with the role {self.role}"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        allowed = bool(info.context.caller.holds_any({self.role}))
        if not allowed:
            info.context.deny(info.field_name, self.message)
        return allowed


class Guarded(PermissionExtension):
    def _on_unauthorized(self, permission: BasePermission) -> Any:
        if isinstance(permission, MayTake):
            return forbidden(permission.message or "", [permission.role])
        return permission.on_unauthorized()


def readable(operation: str) -> list[FieldExtension]:
    return [Guarded([MayRead(operation)], use_directives=False)]


def takeable(command: type[Command]) -> list[FieldExtension]:
    return [Guarded([MayTake(command)], use_directives=False)]
