"""``zhifa audit …``: the hash-chain audit and the external anchor.

- ``verify [--stream ID]``: walk every chain; ``--against-checkpoint [PATH|latest]`` also holds the log against
  a signed checkpoint, which catches what the chain alone cannot (a rewrite with every hash recomputed, a cut
  tail, a removed stream);
- ``checkpoint``: take a signed checkpoint now (what the worker's daily schedule does);
- ``prove STREAM``: one stream's inclusion proof as JSON, and ``check-proof FILE``: verify one offline.

Exit codes: 0 intact, 1 a departure or a refused checkpoint or proof, 2 a configuration error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from infra.settings import Settings, SettingsError

if TYPE_CHECKING:  # the real types, without importing the database layer to build the parser
    from sqlalchemy.ext.asyncio import AsyncEngine

    from infra.anchoring import AnchorSettings, LogAgainstCheckpoint, StoredCheckpoint

LATEST = "latest"  # the same word infra.anchoring.LATEST resolves
T = TypeVar("T")


def add_subcommands(audit: Any) -> None:
    verify = audit.add_parser("verify", help="verify every stream's hash chain (exit 1 when broken)")
    verify.add_argument("--stream", metavar="ID", help="verify only this stream")
    verify.add_argument("--against-checkpoint", nargs="?", const=LATEST, metavar="PATH|latest",
                        help="also hold the log against a signed checkpoint (default: the latest)")
    verify.set_defaults(handler=_verify)
    audit.add_parser("checkpoint", help="take a signed checkpoint of every stream's head now").set_defaults(
        handler=_checkpoint)
    prove = audit.add_parser("prove", help="print one stream's inclusion proof in a checkpoint (JSON)")
    prove.add_argument("stream", metavar="STREAM")
    prove.add_argument("--checkpoint", default=LATEST, metavar="PATH|latest")
    prove.set_defaults(handler=_prove)
    check = audit.add_parser("check-proof", help="verify an inclusion proof offline (no database)")
    check.add_argument("file", type=Path, metavar="FILE")
    check.set_defaults(handler=_check_proof)


def _fail(message: str, code: int = 1) -> int:
    print(f"zhifa audit: {message}", file=sys.stderr)
    return code


def _anchor_settings(settings: Settings) -> AnchorSettings:
    from infra.anchoring import AnchorSettings

    return AnchorSettings.from_env(os.environ, settings)


# --- verify ---------------------------------------------------------------------------------------------------


def _verify(settings: Settings, args: argparse.Namespace) -> int:
    from domain.envelope import ChainBreak
    from infra.eventstore.audit import verify
    from infra.securitylog import SecurityLogStore
    from zhifa.document_audit import verify_document_files
    from zhifa.evidence_audit import verify_evidence_files

    async def chains(engine: AsyncEngine) -> list[ChainBreak]:
        breaks = await verify(engine, stream_id=args.stream)
        return breaks if args.stream else [*breaks, *await SecurityLogStore(engine).verify()]

    first_per_stream: dict[str, ChainBreak] = {}
    for found in asyncio.run(_with_engine(settings, chains)):
        first_per_stream.setdefault(found.stream_id, found)
    scope = f"stream {args.stream}" if args.stream else "every stream and the security log"
    if first_per_stream:
        print(f"hash chain BROKEN in {len(first_per_stream)} chain(s) ({scope}); first bad entry of each:")
        for found in first_per_stream.values():
            print(f"  {found.stream_id}#{found.seq}: {found.reason}")
    else:
        print(f"hash chains intact ({scope})")
    files_intact = verify_evidence_files(settings, args.stream)  # uploaded evidence still hashes to its digest
    files_intact = verify_document_files(settings, args.stream) and files_intact  # so do stored documents
    anchored = 0 if args.against_checkpoint is None else _against_checkpoint(settings, args)
    return 1 if first_per_stream or not files_intact else anchored


def _against_checkpoint(settings: Settings, args: argparse.Namespace) -> int:
    from infra.anchoring import AnchorKeyError, CheckpointRejected, check_log

    try:
        anchor = _anchor_settings(settings)
        stored = _load(anchor, args.against_checkpoint)
        verifier = anchor.verifier()
        report = asyncio.run(_with_engine(settings, lambda engine: check_log(engine, stored, verifier, args.stream)))
    except (SettingsError, AnchorKeyError) as error:
        return _fail(str(error), 2)
    except (CheckpointRejected, LookupError, ValueError) as error:
        return _fail(str(error))
    _print_report(stored, report)
    return 0 if report.intact else 1


def _print_report(stored: StoredCheckpoint, report: LogAgainstCheckpoint) -> None:
    taken = f"checkpoint {report.checkpoint.sequence} ({stored.path}, taken {report.checkpoint.created_at.isoformat()})"
    if report.intact:
        print(f"log matches {taken}: {report.matching} stream(s) as checkpointed")
    else:
        print(f"log DEPARTS from {taken} in {len(report.departures)} stream(s):")
        for found in report.departures:
            print(f"  {found.stream_id}: {found.problem}")
    if report.not_covered:
        print(f"not covered (newer than the checkpoint): {len(report.not_covered)} stream(s): "
              + ", ".join(report.not_covered))


# --- checkpoint -----------------------------------------------------------------------------------------------


def _checkpoint(settings: Settings, args: argparse.Namespace) -> int:
    from infra.anchoring import AnchorKeyError, CheckpointDirectory, CheckpointRefused, take_checkpoint

    try:
        anchor = _anchor_settings(settings)
        signer = anchor.signer()
        directory = CheckpointDirectory(anchor.checkpoint_dir)
        stored = asyncio.run(_with_engine(
            settings, lambda engine: take_checkpoint(engine, directory, signer, datetime.now(UTC))))
    except (SettingsError, AnchorKeyError) as error:
        return _fail(str(error), 2)
    except CheckpointRefused as refused:
        details = "".join(f"\n  {b.stream_id}#{b.seq}: {b.reason}" for b in refused.breaks)
        return _fail(f"{refused} — run `zhifa audit verify`:{details}")
    c = stored.signed.checkpoint
    print(f"checkpoint {c.sequence} written to {stored.path}: {c.tree_size} stream(s), root {c.root}, "
          f"log position {c.log_position} ({c.event_count} events), key {c.key_id}")
    return 0


# --- proofs ---------------------------------------------------------------------------------------------------


def _prove(settings: Settings, args: argparse.Namespace) -> int:
    from domain.anchoring.proofs import proof_document, prove
    from infra.anchoring import AnchorKeyError, CheckpointRejected, trusted

    try:
        anchor = _anchor_settings(settings)
        stored = _load(anchor, args.checkpoint)
        trusted(stored, anchor.verifier())  # never hand out a proof from a checkpoint that does not verify
        found = prove(args.stream, stored.signed, stored.heads)
    except (SettingsError, AnchorKeyError) as error:
        return _fail(str(error), 2)
    except (CheckpointRejected, LookupError, ValueError) as error:
        return _fail(str(error))
    print(json.dumps(proof_document(found), ensure_ascii=False, indent=1))
    return 0


def _check_proof(settings: Settings, args: argparse.Namespace) -> int:
    from domain.anchoring.proofs import check_proof, read_proof
    from infra.anchoring import AnchorKeyError

    try:
        verifier = _anchor_settings(settings).verifier()
        found = read_proof(json.loads(args.file.read_text(encoding="utf-8")))
    except (SettingsError, AnchorKeyError) as error:
        return _fail(str(error), 2)
    except (OSError, ValueError) as error:
        return _fail(f"{args.file}: {error}")
    problem = verifier.problem(found.signed) or check_proof(found)
    if problem is not None:
        return _fail(f"proof {args.file} REFUSED: {problem}")
    c, head = found.signed.checkpoint, found.head
    print(f"proof holds: stream {head.stream_id} at #{head.seq} (hash {head.hash}) is leaf {found.proof.index} of "
          f"checkpoint {c.sequence} ({c.tree_size} streams, root {c.root}), signed by key {c.key_id} "
          f"at {c.created_at.isoformat()}")
    return 0


# --- shared ---------------------------------------------------------------------------------------------------


def _load(anchor: AnchorSettings, which: str) -> StoredCheckpoint:
    from infra.anchoring import CheckpointDirectory, load

    return load(CheckpointDirectory(anchor.checkpoint_dir).resolve(which))


async def _with_engine(settings: Settings, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    from infra.db.engine import create_engine

    engine = create_engine(settings.database_url)
    try:
        return await work(engine)
    finally:
        await engine.dispose()
