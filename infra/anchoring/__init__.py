"""The log's external anchor: signed checkpoints of every stream's head, written to a directory outside the
database, and the checks of the log (or of one stream's proof) against them."""

from infra.anchoring.anchor import (
    CheckpointRefused,
    CheckpointRejected,
    Departure,
    LogAgainstCheckpoint,
    check_log,
    read_heads,
    take_checkpoint,
    trusted,
)
from infra.anchoring.directory import LATEST, CheckpointDirectory, NoCheckpoint, StoredCheckpoint, load
from infra.anchoring.keys import AnchorKeyError, Signer, Verifier
from infra.anchoring.service import AnchorService
from infra.anchoring.settings import AnchorSettings

__all__ = ["LATEST", "AnchorKeyError", "AnchorService", "AnchorSettings", "CheckpointDirectory", "CheckpointRefused",
           "CheckpointRejected", "Departure", "LogAgainstCheckpoint", "NoCheckpoint", "Signer", "StoredCheckpoint",
           "Verifier", "check_log", "load", "read_heads", "take_checkpoint", "trusted"]
