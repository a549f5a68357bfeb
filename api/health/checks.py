"""Readiness checks: named async callables that return on success and raise when the dependency is unavailable."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

HealthCheck = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class CheckResult:
    name: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, object]:
        return {"ok": True} if self.error is None else {"ok": False, "error": self.error}


async def run_check(name: str, check: HealthCheck, limit: float) -> CheckResult:
    try:
        await asyncio.wait_for(check(), timeout=limit)
    except TimeoutError:
        return CheckResult(name, f"timed out after {limit:g}s")
    except Exception as error:
        return CheckResult(name, f"{type(error).__name__}: {error}")
    return CheckResult(name)


async def run_checks(checks: Mapping[str, HealthCheck], limit: float) -> list[CheckResult]:
    """Run every check concurrently, each bounded by ``limit`` seconds; results keep the mapping's order."""
    return list(await asyncio.gather(*(run_check(name, check, limit) for name, check in checks.items())))
