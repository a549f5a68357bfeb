"""A stream as the database holds it now, against its head in a checkpoint.

The checkpoint holds `(seq, hash)` of the stream's last event when it was taken. The stream still matches it
only if the chain recomputes from genesis and its event at that seq carries exactly that hash: a rewritten
event (whatever hashes were recomputed after it), a cut tail and a removed stream all fail, and events
appended since are fine (the chain check covers them).
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.anchoring.checkpoint import StreamHead
from domain.envelope import ChainBreak, EventEnvelope, verify_chain


def departure(head: StreamHead, stream: Sequence[EventEnvelope]) -> str | None:
    """How `stream` (its events in seq order) departs from its checkpointed head, or None if it does not."""
    if not stream:
        return gone(head)
    broken = verify_chain(stream)
    if broken is not None:
        return chain_broken(broken)
    last = stream[-1].seq
    if last < head.seq:
        return f"the stream was cut: it ends at #{last}, the checkpoint holds it at #{head.seq}"
    stored = stream[head.seq - 1].hash  # the chain check proved seqs run 1..last without gaps
    if stored != head.hash:
        return (f"history up to #{head.seq} was rewritten: the chain now ends there in {stored}, "
                f"the checkpoint holds {head.hash}")
    return None


def gone(head: StreamHead) -> str:
    return f"the stream is gone: the checkpoint holds it at #{head.seq} (hash {head.hash})"


def chain_broken(broken: ChainBreak) -> str:
    return f"the hash chain breaks at #{broken.seq}: {broken.reason}"
