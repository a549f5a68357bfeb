"""Fault injection for the reference platform, by configuration.

Outside an outage each request independently meets a fault with the configured rates; during an outage every
request meets one, drawn from the outage mix. The faults are those a real platform shows:
- ERROR: 500 before anything is stored;
- HANG: the request hangs longer than the client waits, then fails (nothing stored);
- COMMIT_THEN_HANG: stored, then the response hangs past the client's timeout;
- COMMIT_THEN_504: stored, then a gateway timeout is answered instead of the receipt.
A hang never stores anything after it: a platform that commits a request after its client gave up could not be
made exactly-once without deduplication, which is why the contract has an Idempotency-Key.
`deduplicate=False` makes the platform ignore Idempotency-Key altogether (every POST stores a new record).
"""

from __future__ import annotations

import enum
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


class Fault(enum.StrEnum):
    NONE = "NONE"
    ERROR = "ERROR"
    HANG = "HANG"
    COMMIT_THEN_HANG = "COMMIT_THEN_HANG"
    COMMIT_THEN_504 = "COMMIT_THEN_504"

    @property
    def commits(self) -> bool:
        return self in (Fault.NONE, Fault.COMMIT_THEN_HANG, Fault.COMMIT_THEN_504)


OUTAGE_MIX = (Fault.ERROR, Fault.HANG, Fault.COMMIT_THEN_HANG, Fault.COMMIT_THEN_504)


@dataclass(frozen=True)
class FaultConfig:
    error_rate: float = 0.0
    hang_rate: float = 0.0
    commit_then_504_rate: float = 0.0
    hang_seconds: float = 30.0
    deduplicate: bool = True
    outage_after_seconds: float | None = None  # an outage starting this long after the platform starts
    outage_seconds: float = 0.0
    outage_mix: tuple[Fault, ...] = OUTAGE_MIX
    seed: int | None = None

    def __post_init__(self) -> None:
        rates = (self.error_rate, self.hang_rate, self.commit_then_504_rate)
        if any(r < 0 for r in rates) or sum(rates) > 1:
            raise ValueError("fault rates are non-negative and sum to at most 1")
        if not self.outage_mix:
            raise ValueError("an outage needs at least one kind of fault")


@dataclass
class Faults:
    """The live fault state of one platform: draws a fault per request and counts what it did."""

    config: FaultConfig = field(default_factory=FaultConfig)
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._rng = random.Random(self.config.seed)
        self._lock = threading.Lock()
        now = self._now()
        after = self.config.outage_after_seconds
        self._outage = (now + after, now + after + self.config.outage_seconds) if after is not None else None
        self.counts: Counter[Fault] = Counter()

    def _now(self) -> float:
        return self.clock()

    def start_outage(self, seconds: float) -> None:
        now = self._now()
        with self._lock:
            self._outage = (now, now + seconds)

    def in_outage(self) -> bool:
        return self._outage is not None and self._outage[0] <= self._now() < self._outage[1]

    def outage_remaining(self) -> float:
        if self._outage is None:
            return 0.0
        return max(0.0, self._outage[1] - self._now())

    def draw(self) -> Fault:
        with self._lock:
            if self.in_outage():
                fault = self._rng.choice(self.config.outage_mix)
            else:
                roll = self._rng.random()
                c = self.config
                fault = Fault.NONE
                for kind, rate in ((Fault.ERROR, c.error_rate), (Fault.HANG, c.hang_rate),
                                   (Fault.COMMIT_THEN_504, c.commit_then_504_rate)):
                    if roll < rate:
                        fault = kind
                        break
                    roll -= rate
            self.counts[fault] += 1
            return fault
