"""Running `zhifa audit …` in-process against a test database, with a checkpoint directory and a signing key
of the test's own; and the forger who rewrites a stream with every hash recomputed by the domain's own code."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.envelope import EventEnvelope
from infra.anchoring import Signer
from infra.db.models import events
from infra.eventstore import EventStore
from infra.eventstore.rows import to_row
from tests.infra.eventstore.tampering import bypassing_the_guards
from zhifa.cli import main


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Anchor:
    """The `zhifa` command configured for one test (its database, checkpoint directory and key)."""

    checkpoints: Path
    signer: Signer
    capsys: pytest.CaptureFixture[str]

    async def zhifa(self, *args: str) -> Outcome:
        self.capsys.readouterr()
        code = await asyncio.to_thread(main, ["audit", *args])  # the command runs its own event loop
        captured = self.capsys.readouterr()
        return Outcome(code, captured.out, captured.err)


def anchor_for(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str]) -> Anchor:
    signer = Signer.generate()
    key = tmp_path / "anchor-key.pem"
    key.write_bytes(signer.private_pem())
    monkeypatch.setenv("ZHIFA_DATABASE_URL", db_url)
    monkeypatch.setenv("ZHIFA_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("ZHIFA_CHECKPOINT_DIR", str(tmp_path / "checkpoints"))
    monkeypatch.setenv("ZHIFA_ANCHOR_KEY_FILE", str(key))
    return Anchor(tmp_path / "checkpoints", signer, capsys)


async def rewrite(engine: AsyncEngine, store: EventStore, stream_id: str, seq: int,
                  change: Callable[[EventEnvelope], EventEnvelope]) -> None:
    """Change one event and recompute its hash and every later one's, as a forger who knows the chain would:
    the stream's chain verifies again afterwards."""
    stream = await store.load_stream(stream_id)
    forged: list[EventEnvelope] = []
    prev_hash = stream[seq - 1].prev_hash
    for env in stream[seq - 1:]:
        changed = change(env) if env.seq == seq else env
        changed = replace(changed, prev_hash=prev_hash)
        changed = replace(changed, hash=changed.computed_hash())
        forged.append(changed)
        prev_hash = changed.hash
    async with bypassing_the_guards(engine) as conn:
        for env in forged:
            await conn.execute(update(events).where(events.c.stream_id == env.stream_id, events.c.seq == env.seq)
                               .values(**to_row(env)))
