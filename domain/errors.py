"""Typed rejections. Every rejection names the rule, the field and, where one applies, the legal article.

The message starts with the article so an officer reads the legal reason first, e.g.
"APL 62: no decision before the statement window closes or is waived; window ends 2025-10-13".
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every rejection the domain raises. Carries a stable machine code for API clients."""

    code = "DOMAIN_ERROR"

    def __init__(
        self,
        message: str,
        *,
        rule: str | None = None,
        field: str | None = None,
        article: str | None = None,
    ) -> None:
        self.rule = rule
        self.field = field
        self.article = article
        self.reason = message
        super().__init__(self._render())

    def _render(self) -> str:
        return f"{self.article}: {self.reason}" if self.article else self.reason

    @property
    def message(self) -> str:
        return self._render()

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "rule": self.rule,
            "field": self.field,
            "article": self.article,
            "message": self.message,
        }


class InvalidTransition(DomainError):
    """The command is not allowed in the aggregate's current state."""

    code = "INVALID_TRANSITION"


class RuleViolation(DomainError):
    """A statutory or configured rule forbids the command (a guard or an invariant)."""

    code = "RULE_VIOLATION"


class ValidationError(DomainError):
    """A field of the command is malformed or out of range."""

    code = "VALIDATION_ERROR"


ERROR_TYPES: dict[str, type[DomainError]] = {
    cls.code: cls for cls in (DomainError, InvalidTransition, RuleViolation, ValidationError)
}


def error_from_dict(data: dict[str, str | None]) -> DomainError:
    """Rebuild a rejection from `DomainError.as_dict` (used across the workflow boundary)."""
    cls = ERROR_TYPES.get(data.get("code") or "", DomainError)
    article = data.get("article")
    message = data.get("message") or ""
    prefix = f"{article}: "
    reason = message[len(prefix):] if article and message.startswith(prefix) else message
    return cls(reason, rule=data.get("rule"), field=data.get("field"), article=article)
