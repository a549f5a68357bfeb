"""The evidence store in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, a cloud's S3 API), behind the same
`BlobStore` interface as the local directory: objects at `<prefix>sha256/ab/cdef…`.

An upload is spooled to an unnamed temporary file under `<ZHIFA_EVIDENCE_DIR>/tmp` while it is hashed (the
server's SHA-256 is known only once the last byte is in, and only then is the key known); `commit` asks the bucket
whether it holds that key already (HEAD: stored once however often it is uploaded) and otherwise uploads the
spooled file — as one PUT, or as a multipart upload in `part_bytes` parts for large files (s3transfer aborts a
failed multipart upload, so no parts are left behind). Every call blocks: the service runs them off the event loop.

A bucket that does not answer (refused connection, timeout, a 5xx) is an outage of `evidence-store`
(`infra.availability`), answered 503 with Retry-After; a bucket that answers with a refusal (no such bucket,
access denied, bad credentials) is `EvidenceStoreError`, naming the bucket and what to check."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError, NoCredentialsError
from botocore.exceptions import ConnectionError as BotoConnectionError

from infra.availability import EVIDENCE_STORE, DependencyDown
from infra.evidence.settings import S3Settings
from infra.evidence.store import READ_CHUNK, HashingSpool, content_path

CONNECT_TIMEOUT_SECONDS = 5
READ_TIMEOUT_SECONDS = 60
NOT_FOUND = ("404", "NoSuchKey", "NotFound")


class EvidenceStoreError(RuntimeError):
    """The bucket answered with a refusal: its configuration is wrong, not its availability."""


def s3_client(settings: S3Settings) -> Any:
    """A boto3 client for the settings (thread-safe, so one per process): path-style keys on a custom endpoint
    (MinIO and most S3-compatible servers want them), few retries and short connect timeouts so an unreachable
    bucket is reported, not waited on."""
    config = Config(connect_timeout=CONNECT_TIMEOUT_SECONDS, read_timeout=READ_TIMEOUT_SECONDS,
                    retries={"max_attempts": 3, "mode": "standard"},
                    s3={"addressing_style": "path" if settings.endpoint_url else "auto"})
    return boto3.session.Session().client(
        "s3", endpoint_url=settings.endpoint_url, region_name=settings.region, config=config,
        aws_access_key_id=settings.access_key_id, aws_secret_access_key=settings.secret_access_key)


class S3BlobStore:
    def __init__(self, client: Any, settings: S3Settings, spool_dir: Path) -> None:
        self._client = client
        self.bucket = settings.bucket
        self.prefix = settings.prefix
        self._spool_dir = spool_dir
        self._transfer = TransferConfig(multipart_threshold=settings.part_bytes,
                                        multipart_chunksize=settings.part_bytes)

    def key_of(self, sha256: str) -> str:
        return self.prefix + content_path(sha256)

    def begin(self) -> _S3Pending:
        self._spool_dir.mkdir(parents=True, exist_ok=True)
        return _S3Pending(self, tempfile.TemporaryFile(dir=self._spool_dir, prefix="upload-"))

    def exists(self, sha256: str) -> bool:
        key = self.key_of(sha256)
        try:
            self._client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if _code(error) in NOT_FOUND:
                return False
            raise self._failure(error, key) from error
        except BotoCoreError as error:
            raise self._failure(error, key) from error
        return True

    def chunks(self, sha256: str) -> Iterator[bytes]:
        key = self.key_of(sha256)
        try:
            body = self._client.get_object(Bucket=self.bucket, Key=key)["Body"]
        except (ClientError, BotoCoreError) as error:
            raise self._failure(error, key) from error
        with body:
            yield from body.iter_chunks(READ_CHUNK)

    def remove(self, sha256: str) -> None:
        key = self.key_of(sha256)
        try:
            self._client.delete_object(Bucket=self.bucket, Key=key)
        except (ClientError, BotoCoreError) as error:
            raise self._failure(error, key) from error

    def describe(self, sha256: str) -> str:
        return f"s3://{self.bucket}/{self.key_of(sha256)}"

    def put(self, spooled: IO[bytes], sha256: str) -> None:
        key = self.key_of(sha256)
        spooled.seek(0)
        try:
            self._client.upload_fileobj(spooled, self.bucket, key, Config=self._transfer,
                                        ExtraArgs={"Metadata": {"sha256": sha256}})
        except (ClientError, BotoCoreError) as error:
            raise self._failure(error, key) from error

    def _failure(self, error: Exception, key: str) -> Exception:
        where = f"s3://{self.bucket}/{key}"
        if isinstance(error, BotoConnectionError | HTTPClientError) or _status(error) >= 500:
            return DependencyDown(EVIDENCE_STORE, f"the evidence bucket does not answer ({where}): {error}")
        if isinstance(error, NoCredentialsError):
            return EvidenceStoreError(f"no credentials for {where}: set ZHIFA_EVIDENCE_S3_ACCESS_KEY_ID and "
                                      "ZHIFA_EVIDENCE_S3_SECRET_ACCESS_KEY (or their _FILE)")
        return EvidenceStoreError(f"the evidence bucket refused {where}: {error} (check ZHIFA_EVIDENCE_S3_BUCKET, "
                                  "its endpoint, region and credentials)")


class _S3Pending(HashingSpool):
    def __init__(self, store: S3BlobStore, spooled: IO[bytes]) -> None:
        super().__init__(spooled)
        self._store = store

    def commit(self) -> bool:
        try:
            if self._store.exists(self.sha256):
                return False
            self._store.put(self._file, self.sha256)
            return True
        finally:
            self._file.close()  # unnamed: closing it is deleting it

    def discard(self) -> None:
        self._file.close()


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _status(error: Exception) -> int:
    if not isinstance(error, ClientError):
        return 0
    return int(error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
