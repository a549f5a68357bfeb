"""Audio/video and photo evidence referenced by hash (full-process recording, APL 47; invariant 9).

The file itself lives in the evidence store; the event keeps its reference and SHA-256 so any later change to
the file is detectable.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from domain.errors import ValidationError

_HEX = frozenset("0123456789abcdef")


class MediaKind(enum.StrEnum):
    VIDEO = "VIDEO"  # body camera, camcorder
    AUDIO = "AUDIO"
    PHOTO = "PHOTO"
    DOCUMENT = "DOCUMENT"  # scanned site record, signed form


@dataclass(frozen=True)
class AvEvidence:
    ref: str  # the evidence store's key
    sha256: str  # lowercase hex digest of the file's bytes
    kind: MediaKind = MediaKind.VIDEO


def require_hashed(evidence: Sequence[AvEvidence], *, field: str = "av_evidence") -> None:
    """Every reference names its file and carries a well-formed SHA-256 digest (APL 47)."""
    for item in evidence:
        if not item.ref.strip():
            raise ValidationError("an evidence reference is empty", rule="EVIDENCE_REF", field=field,
                                  article="APL 47")
        digest = item.sha256
        if len(digest) != 64 or not set(digest) <= _HEX:
            raise ValidationError(
                f"evidence {item.ref} needs a lowercase hex SHA-256 digest, got {digest!r}",
                rule="EVIDENCE_HASH",
                field=field,
                article="APL 47",
            )
