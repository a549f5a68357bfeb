"""The reference data a long-running process decides with, kept current: it starts from what the process was
configured with, takes the register as soon as it is readable, and looks again every `interval` seconds (one
`count`/`max` query), so an officer onboarded by `zhifa admin import` or an administrator's mutation can act the
same day without a restart. Those who hold a copy subscribe to hear of a new one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime

from infra.administration.register import Loaded, ReferenceRegister
from infra.reference.errors import ReferenceDataError

log = logging.getLogger(__name__)
Listener = Callable[[Loaded], None]


class LiveReference:
    def __init__(self, register: ReferenceRegister, initial: Loaded, *,
                 today: Callable[[], date] = lambda: datetime.now(UTC).date()) -> None:
        self.register = register
        self.current = initial
        self._today = today
        self._version: tuple[int, int] = (0, 0)
        self._day: date | None = None
        self._listeners: list[Listener] = []
        self._past: dict[tuple[tuple[int, int], date], Loaded] = {}

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    async def on(self, day: date) -> Loaded:
        """The register as of `day` (a report's cut-off): today's is the current one; other days are read once
        per register version (the current data while the register is empty)."""
        if day == self._day or not self._version[0]:
            return self.current
        key = (self._version, day)
        if key not in self._past:
            self._past = {key: await self.register.configured(day, lambda: self.current)}
        return self._past[key]

    async def refresh(self) -> bool:
        """Take the register as of today when it changed (or the day did); True when the data changed."""
        version, day = await self.register.version(), self._today()
        if version == self._version and day == self._day:
            return False
        loaded = await self.register.as_of(day) if version[0] else None
        self._version, self._day = version, day
        if loaded is None or loaded == self.current:
            return False
        self.current = loaded
        for listener in self._listeners:
            listener(loaded)
        return True

    async def keep_current(self, interval: float) -> None:
        """Refresh until cancelled; a failed look is logged and tried again (the old data stays in force)."""
        while True:
            try:
                await self.refresh()
            except (ReferenceDataError, OSError) as exc:
                log.warning("reference register not refreshed: %s", exc)
            except Exception:
                log.exception("reference register not refreshed")
            await asyncio.sleep(interval)
