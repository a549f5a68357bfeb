"""Evidence settings: `ZHIFA_EVIDENCE_DIR` (default `<ZHIFA_DATA_DIR>/evidence`), `ZHIFA_EVIDENCE_MAX_BYTES`
(default 200 MB) and `ZHIFA_EVIDENCE_MEDIA_TYPES` (comma-separated; default photos, audio, mp4 video and PDF
scans)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from infra.settings import SettingsError

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MEDIA_TYPES = (
    "image/jpeg", "image/png", "image/heic", "image/heif",  # photos (phones write HEIC)
    "audio/mpeg", "audio/mp4", "audio/aac", "audio/wav", "audio/amr",  # recorded inquiries
    "video/mp4",  # body cameras, recorders
    "application/pdf",  # scanned records and documents
)


@dataclass(frozen=True)
class EvidenceSettings:
    root: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    media_types: tuple[str, ...] = DEFAULT_MEDIA_TYPES

    @classmethod
    def from_env(cls, environ: Mapping[str, str], data_dir: Path) -> EvidenceSettings:
        root = Path(environ.get("ZHIFA_EVIDENCE_DIR") or data_dir / "evidence").expanduser().resolve()
        raw = environ.get("ZHIFA_EVIDENCE_MAX_BYTES") or str(DEFAULT_MAX_BYTES)
        if not raw.isdigit() or int(raw) < 1:
            raise SettingsError("ZHIFA_EVIDENCE_MAX_BYTES", f"{raw!r} is not a positive number of bytes")
        types = tuple(t.strip().lower() for t in (environ.get("ZHIFA_EVIDENCE_MEDIA_TYPES") or "").split(",")
                      if t.strip()) or DEFAULT_MEDIA_TYPES
        if any("/" not in t for t in types):
            raise SettingsError("ZHIFA_EVIDENCE_MEDIA_TYPES", "comma-separated media types such as image/jpeg")
        return cls(root=root, max_bytes=int(raw), media_types=types)
