"""An in-memory event store for workflow-machinery tests (the real store has its own tests on both databases).
It keeps the same contract: idempotent by (stream, seq, hash), conflicting hashes refused, chain checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.envelope import GENESIS_HASH, EventEnvelope


class AppendConflict(Exception):
    pass


@dataclass
class Outcome:
    appended: tuple[int, ...]
    already_stored: tuple[int, ...]
    head_seq: int


class MemoryStore:
    def __init__(self) -> None:
        self.streams: dict[str, list[EventEnvelope]] = {}
        self.fail_next: int = 0

    async def append(self, envelopes: Sequence[EventEnvelope]) -> Outcome:
        if self.fail_next:
            self.fail_next -= 1
            raise ConnectionError("database unavailable (injected)")
        appended: list[int] = []
        present: list[int] = []
        for env in envelopes:
            stream = self.streams.setdefault(env.stream_id, [])
            if env.seq <= len(stream):
                if stream[env.seq - 1].hash != env.hash:
                    raise AppendConflict(f"{env.stream_id}#{env.seq}")
                present.append(env.seq)
                continue
            prev = stream[-1].hash if stream else GENESIS_HASH
            assert env.seq == len(stream) + 1 and env.prev_hash == prev and env.computed_hash() == env.hash
            stream.append(env)
            appended.append(env.seq)
        return Outcome(tuple(appended), tuple(present), len(self.streams[envelopes[0].stream_id]))

    async def load_stream(self, stream_id: str, *, after_seq: int = 0) -> list[EventEnvelope]:
        return [e for e in self.streams.get(stream_id, []) if e.seq > after_seq]

    def types(self, stream_id: str) -> list[str]:
        return [e.event_type for e in self.streams.get(stream_id, [])]
