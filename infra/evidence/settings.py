"""Evidence settings: `ZHIFA_EVIDENCE_DIR` (default `<ZHIFA_DATA_DIR>/evidence`), `ZHIFA_EVIDENCE_MAX_BYTES`
(default 200 MB), `ZHIFA_EVIDENCE_MEDIA_TYPES` (comma-separated; default photos, audio, mp4 video and PDF
scans) and `ZHIFA_EVIDENCE_STORE` (`local`, the default, or `s3`).

With `s3` the bytes live in an S3-compatible bucket (`ZHIFA_EVIDENCE_S3_BUCKET`, required;
`ZHIFA_EVIDENCE_S3_ENDPOINT_URL` for MinIO, Ceph or a cloud's S3 API, AWS otherwise; `ZHIFA_EVIDENCE_S3_REGION`;
`ZHIFA_EVIDENCE_S3_PREFIX` before every key; `ZHIFA_EVIDENCE_S3_ACCESS_KEY_ID` and
`ZHIFA_EVIDENCE_S3_SECRET_ACCESS_KEY`, each also as a `…_FILE`, else boto3's own chain of AWS_* variables, files
and instance roles; `ZHIFA_EVIDENCE_S3_PART_BYTES`, the multipart upload's part size) and `ZHIFA_EVIDENCE_DIR`
holds only the uploads being received (its `tmp`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from infra.settings import SettingsError, secret

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
LARGEST_REPORTED_SIZE = 2**31 - 1  # EvidenceFile.size is a GraphQL Int
DEFAULT_MEDIA_TYPES = (
    "image/jpeg", "image/png", "image/heic", "image/heif",  # photos (phones write HEIC)
    "audio/mpeg", "audio/mp4", "audio/aac", "audio/wav", "audio/amr",  # recorded inquiries
    "video/mp4",  # body cameras, recorders
    "application/pdf",  # scanned records and documents
)
STORES = ("local", "s3")
MIN_PART_BYTES = 5 * 1024 * 1024  # S3's smallest part (all but the last)
DEFAULT_PART_BYTES = 8 * 1024 * 1024
DEFAULT_REGION = "us-east-1"


@dataclass(frozen=True)
class S3Settings:
    bucket: str
    endpoint_url: str | None = None
    region: str = DEFAULT_REGION
    prefix: str = ""  # before `sha256/ab/cdef…`, ending in "/" when set
    access_key_id: str | None = None
    secret_access_key: str | None = None
    part_bytes: int = DEFAULT_PART_BYTES

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> S3Settings:
        bucket = environ.get("ZHIFA_EVIDENCE_S3_BUCKET", "").strip()
        if not bucket:
            raise SettingsError("ZHIFA_EVIDENCE_S3_BUCKET", "must name the bucket when ZHIFA_EVIDENCE_STORE=s3")
        key_id = secret(environ, "ZHIFA_EVIDENCE_S3_ACCESS_KEY_ID")
        key = secret(environ, "ZHIFA_EVIDENCE_S3_SECRET_ACCESS_KEY")
        if (key_id is None) != (key is None):
            raise SettingsError("ZHIFA_EVIDENCE_S3_SECRET_ACCESS_KEY", "set both the access key id and the secret "
                                                                       "access key, or neither (boto3's chain)")
        return cls(bucket=bucket, endpoint_url=_endpoint(environ), access_key_id=key_id, secret_access_key=key,
                   region=environ.get("ZHIFA_EVIDENCE_S3_REGION", "").strip() or DEFAULT_REGION,
                   prefix=_prefix(environ.get("ZHIFA_EVIDENCE_S3_PREFIX", "")), part_bytes=_part_bytes(environ))


@dataclass(frozen=True)
class EvidenceSettings:
    root: Path  # the local store's directory; with S3, where uploads are spooled while they arrive
    max_bytes: int = DEFAULT_MAX_BYTES
    media_types: tuple[str, ...] = DEFAULT_MEDIA_TYPES
    s3: S3Settings | None = None  # set: the bytes live in this bucket, not under `root`

    @classmethod
    def from_env(cls, environ: Mapping[str, str], data_dir: Path) -> EvidenceSettings:
        root = Path(environ.get("ZHIFA_EVIDENCE_DIR") or data_dir / "evidence").expanduser().resolve()
        raw = environ.get("ZHIFA_EVIDENCE_MAX_BYTES") or str(DEFAULT_MAX_BYTES)
        if not raw.isdigit() or int(raw) < 1:
            raise SettingsError("ZHIFA_EVIDENCE_MAX_BYTES", f"{raw!r} is not a positive number of bytes")
        if int(raw) > LARGEST_REPORTED_SIZE:  # else a larger file would be stored, then its answer fail
            raise SettingsError("ZHIFA_EVIDENCE_MAX_BYTES", f"{raw} is above {LARGEST_REPORTED_SIZE} bytes, the "
                                                            "largest size GraphQL's 32-bit Int reports for a file")
        types = tuple(t.strip().lower() for t in (environ.get("ZHIFA_EVIDENCE_MEDIA_TYPES") or "").split(",")
                      if t.strip()) or DEFAULT_MEDIA_TYPES
        if any("/" not in t for t in types):
            raise SettingsError("ZHIFA_EVIDENCE_MEDIA_TYPES", "comma-separated media types such as image/jpeg")
        s3 = S3Settings.from_env(environ) if _store(environ) == "s3" else None
        return cls(root=root, max_bytes=int(raw), media_types=types, s3=s3)


def _store(environ: Mapping[str, str]) -> str:
    store = environ.get("ZHIFA_EVIDENCE_STORE", "").strip().lower() or "local"
    if store not in STORES:
        raise SettingsError("ZHIFA_EVIDENCE_STORE", f"must be one of {', '.join(STORES)}; got {store!r}")
    return store


def _endpoint(environ: Mapping[str, str]) -> str | None:
    url = environ.get("ZHIFA_EVIDENCE_S3_ENDPOINT_URL", "").strip().rstrip("/")
    if url and not url.startswith(("http://", "https://")):
        raise SettingsError("ZHIFA_EVIDENCE_S3_ENDPOINT_URL", f"must be an http(s):// URL, got {url!r}")
    return url or None


def _prefix(raw: str) -> str:
    prefix = raw.strip().strip("/")
    return f"{prefix}/" if prefix else ""


def _part_bytes(environ: Mapping[str, str]) -> int:
    raw = environ.get("ZHIFA_EVIDENCE_S3_PART_BYTES", "").strip() or str(DEFAULT_PART_BYTES)
    if not raw.isdigit() or int(raw) < MIN_PART_BYTES:
        raise SettingsError("ZHIFA_EVIDENCE_S3_PART_BYTES", f"must be a number of bytes of at least "
                                                            f"{MIN_PART_BYTES} (S3's smallest part); got {raw!r}")
    return int(raw)
