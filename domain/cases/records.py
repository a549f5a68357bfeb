"""Evidence and records are stored by hash (APL 47; invariant 9): each names the SHA-256 of the stored file and,
for site work, the audio/video record of the act."""

from __future__ import annotations

from domain.errors import ValidationError

_HEX = frozenset("0123456789abcdef")


def require_sha256(digest: str, *, field: str) -> None:
    if len(digest) != 64 or not set(digest) <= _HEX:
        raise ValidationError(f"a stored file is referenced by its lowercase hex SHA-256, got {digest!r}",
                              rule="EVIDENCE_HASH", field=field, article="APL 47")


def require_av_ref(av_ref: str, *, field: str = "av_ref") -> None:
    if not av_ref.strip():
        raise ValidationError("site work names its audio/video record (full-process recording)",
                              rule="AV_RECORD", field=field, article="APL 47")
