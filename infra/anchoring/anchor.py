"""Taking a checkpoint of the log, and checking the log against one.

A checkpoint is taken only of an intact log: anchoring a chain that is already broken would vouch for the
forgery. Checking reads the log once and holds every stream against its checkpointed head; a stream the
checkpoint does not know is newer than it (reported as not covered, and still chain-checked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.anchoring.checkpoint import (
    Checkpoint,
    SignedCheckpoint,
    StreamHead,
    heads_disagree,
    new_checkpoint,
    ordered,
)
from domain.anchoring.verification import chain_broken, departure, gone
from domain.envelope import ChainBreak
from infra.anchoring.directory import CheckpointDirectory, StoredCheckpoint
from infra.anchoring.keys import Signer, Verifier
from infra.eventstore.audit import check_stream, read_streams


class CheckpointRefused(Exception):
    """The log is broken now; these are the breaks (a checkpoint must not anchor them)."""

    def __init__(self, breaks: list[ChainBreak]) -> None:
        super().__init__(f"no checkpoint of a broken log: {len(breaks)} stream(s) break their hash chain")
        self.breaks = breaks


class CheckpointRejected(Exception):
    """The checkpoint itself cannot be trusted (bad signature, heads not those signed)."""


@dataclass(frozen=True)
class LogHeads:
    heads: tuple[StreamHead, ...]
    log_position: int
    event_count: int


async def read_heads(engine: AsyncEngine) -> LogHeads:
    """Every stream's head, from one read of the log, after checking every chain."""
    heads: list[StreamHead] = []
    breaks: list[ChainBreak] = []
    position = count = 0
    async for stream in read_streams(engine):
        breaks.extend(check_stream(stream.events))
        last = stream.events[-1]
        heads.append(StreamHead(last.stream_id, last.seq, last.hash))
        position, count = max(position, stream.max_position), count + len(stream.events)
    if breaks:
        raise CheckpointRefused(breaks)
    return LogHeads(ordered(heads), position, count)


async def take_checkpoint(engine: AsyncEngine, directory: CheckpointDirectory, signer: Signer,
                          now: datetime) -> StoredCheckpoint:
    log = await read_heads(engine)

    def signed_as(sequence: int) -> tuple[SignedCheckpoint, tuple[StreamHead, ...]]:
        checkpoint = new_checkpoint(log.heads, sequence=sequence, created_at=now, log_position=log.log_position,
                                    event_count=log.event_count, key_id=signer.key_id)
        return signer.sign(checkpoint), log.heads

    return directory.write(signed_as)


def trusted(stored: StoredCheckpoint, verifier: Verifier) -> Checkpoint:
    """The checkpoint, once its signature holds and its heads are the ones signed (else `CheckpointRejected`)."""
    problem = verifier.problem(stored.signed) or heads_disagree(stored.signed.checkpoint, stored.heads)
    if problem is not None:
        raise CheckpointRejected(f"checkpoint {stored.path} refused: {problem}")
    return stored.signed.checkpoint


@dataclass(frozen=True)
class Departure:
    stream_id: str
    problem: str


@dataclass
class LogAgainstCheckpoint:
    checkpoint: Checkpoint
    matching: int = 0
    departures: list[Departure] = field(default_factory=list)
    not_covered: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.departures


async def check_log(engine: AsyncEngine, stored: StoredCheckpoint, verifier: Verifier,
                    stream_id: str | None = None) -> LogAgainstCheckpoint:
    """Hold the log (or one stream) against a trusted checkpoint (`CheckpointRejected` for one that is not)."""
    report = LogAgainstCheckpoint(trusted(stored, verifier))
    unseen = {head.stream_id: head for head in stored.heads if stream_id in (None, head.stream_id)}
    async for stream in read_streams(engine, stream_id):
        found = stream.events[0].stream_id
        head = unseen.pop(found, None)
        if head is None:
            report.not_covered.append(found)
            report.departures.extend(Departure(found, chain_broken(b)) for b in check_stream(stream.events))
            continue
        problem = departure(head, stream.events)
        if problem is None:
            report.matching += 1
        else:
            report.departures.append(Departure(found, problem))
    report.departures.extend(Departure(head.stream_id, gone(head)) for head in unseen.values())
    report.departures.sort(key=lambda d: d.stream_id)
    return report
