"""Where evidence bytes live, behind one interface (`BlobStore`): the local content-addressed directory by
default — `<root>/sha256/ab/cdef…`, written to a temporary file in `<root>/tmp` while the upload streams in and
renamed into place atomically once its hash is known (the same content lands on the same path: one file however
often it is uploaded). `infra.evidence.s3` keeps the same keys in an S3-compatible bucket;
`infra.evidence.stores.blob_store` picks the one configured."""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

READ_CHUNK = 1024 * 1024


class PendingBlob(Protocol):
    """An upload being received: bytes written and hashed as they come; kept by `commit`, dropped by `discard`."""

    size: int

    def write(self, chunk: bytes) -> None: ...

    @property
    def sha256(self) -> str: ...

    def commit(self) -> bool:
        """Keep the content under its hash; True when it was not stored before."""
        ...

    def discard(self) -> None: ...


class BlobStore(Protocol):
    def begin(self) -> PendingBlob: ...

    def exists(self, sha256: str) -> bool: ...

    def chunks(self, sha256: str) -> Iterator[bytes]: ...

    def remove(self, sha256: str) -> None: ...

    def describe(self, sha256: str) -> str:
        """Where the content is, for messages (a path, an object key)."""
        ...


class LocalBlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        return self.root / content_path(sha256)

    def begin(self) -> _LocalPending:
        temp = self.root / "tmp"
        temp.mkdir(parents=True, exist_ok=True)
        return _LocalPending(self, temp / f"upload-{secrets.token_hex(8)}")

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def chunks(self, sha256: str) -> Iterator[bytes]:
        with self.path_of(sha256).open("rb") as stored:
            while chunk := stored.read(READ_CHUNK):
                yield chunk

    def remove(self, sha256: str) -> None:
        self.path_of(sha256).unlink(missing_ok=True)

    def describe(self, sha256: str) -> str:
        return str(self.path_of(sha256))


class HashingSpool:
    """An upload written to a temporary file and hashed as it comes (every store receives uploads this way)."""

    def __init__(self, spooled: IO[bytes]) -> None:
        self._file = spooled
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)
        self._hash.update(chunk)
        self.size += len(chunk)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()


class _LocalPending(HashingSpool):
    def __init__(self, store: LocalBlobStore, path: Path) -> None:
        super().__init__(path.open("xb"))
        self._store = store
        self._path = path

    def commit(self) -> bool:
        self._file.flush()
        os.fsync(self._file.fileno())  # on disk before it is named (a crash leaves a temp file, never a torn blob)
        self._file.close()
        target = self._store.path_of(self.sha256)
        if target.is_file():
            self._path.unlink()
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self._path, target)
        return True

    def discard(self) -> None:
        self._file.close()
        self._path.unlink(missing_ok=True)


def content_path(sha256: str) -> str:
    """`sha256/ab/cdef…`: where a content lives in any store (the first two hex digits spread the files)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return f"sha256/{sha256[:2]}/{sha256[2:]}"


def file_sha256(chunks: Iterator[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
