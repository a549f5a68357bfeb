"""The checkpoint directory: append-only files outside the database, `checkpoint-000001.json`, … — one per
checkpoint, each with the heads it covers so proofs can be produced from it later.

A file is created exclusively (O_EXCL) and left read-only: an existing checkpoint is never overwritten, and two
processes taking a checkpoint at once get consecutive numbers (the loser of a race re-signs under the next).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from domain.anchoring.checkpoint import (
    CheckpointFormatError,
    SignedCheckpoint,
    StreamHead,
    checkpoint_file,
    read_checkpoint_file,
)

NAME = re.compile(r"^checkpoint-(\d{6,})\.json$")
LATEST = "latest"


class NoCheckpoint(LookupError):
    """The directory holds no checkpoint yet, or the named file does not exist."""


@dataclass(frozen=True)
class StoredCheckpoint:
    path: Path
    signed: SignedCheckpoint
    heads: tuple[StreamHead, ...]


class CheckpointDirectory:
    def __init__(self, path: Path) -> None:
        self.path = path

    def numbered(self) -> list[tuple[int, Path]]:
        """Every checkpoint file with its sequence number, oldest first."""
        if not self.path.is_dir():
            return []
        return sorted((int(m.group(1)), p) for p in self.path.iterdir() if (m := NAME.match(p.name)))

    def next_sequence(self) -> int:
        numbered = self.numbered()
        return numbered[-1][0] + 1 if numbered else 1

    def write(self, make: Callable[[int], tuple[SignedCheckpoint, Sequence[StreamHead]]]) -> StoredCheckpoint:
        """Write the checkpoint `make(sequence)` signs for the next free sequence number."""
        self.path.mkdir(parents=True, exist_ok=True)
        sequence = self.next_sequence()
        while True:
            signed, heads = make(sequence)
            path = self.path / f"checkpoint-{sequence:06d}.json"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
            except FileExistsError:
                sequence += 1
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(checkpoint_file(signed, heads), file, ensure_ascii=False, indent=1)
                file.write("\n")
                file.flush()
                os.fsync(file.fileno())
            _sync_directory(self.path)
            return StoredCheckpoint(path, signed, tuple(heads))

    def resolve(self, which: str) -> Path:
        """`latest`, or a checkpoint file's path (absolute, or relative to the working directory)."""
        if which == LATEST:
            numbered = self.numbered()
            if not numbered:
                raise NoCheckpoint(f"no checkpoint in {self.path} yet (take one with `zhifa audit checkpoint`)")
            return numbered[-1][1]
        path = Path(which).expanduser()
        if not path.is_file():
            raise NoCheckpoint(f"no checkpoint file {path}")
        return path


def load(path: Path) -> StoredCheckpoint:
    """Read a checkpoint file (raises `CheckpointFormatError` when it is not one; checks no signature)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CheckpointFormatError(f"{path} is not JSON: {error}") from None
    signed, heads = read_checkpoint_file(document)
    return StoredCheckpoint(path, signed, heads)


def _sync_directory(path: Path) -> None:
    """Make the new file's name durable too (a crash right after must not lose a checkpoint we reported)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
