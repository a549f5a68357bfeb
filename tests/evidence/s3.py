"""A real S3 API over HTTP for the tests: moto's server mode (`ThreadedMotoServer`) on a free port of this
machine, one fresh bucket per test, and what is in it — objects and multipart uploads left unfinished."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from moto.server import ThreadedMotoServer

from infra.evidence.s3 import S3BlobStore, s3_client
from infra.evidence.settings import S3Settings

KEY_ID, SECRET = "zhifa-test", "zhifa-test-secret"


@dataclass(frozen=True)
class Bucket:
    settings: S3Settings
    client: Any

    def store(self, spool_dir: Path) -> S3BlobStore:
        return S3BlobStore(self.client, self.settings, spool_dir)

    def contents(self) -> list[str]:
        """Every object (as `s3://bucket/key`) and every multipart upload not completed nor aborted."""
        name = self.settings.bucket
        objects = self.client.list_objects_v2(Bucket=name).get("Contents", [])
        uploads = self.client.list_multipart_uploads(Bucket=name).get("Uploads", [])
        return sorted([f"s3://{name}/{o['Key']}" for o in objects]
                      + [f"unfinished upload s3://{name}/{u['Key']}" for u in uploads])

    def environ(self) -> dict[str, str]:
        """The settings as `zhifa` reads them from its environment."""
        return {"ZHIFA_EVIDENCE_STORE": "s3", "ZHIFA_EVIDENCE_S3_BUCKET": self.settings.bucket,
                "ZHIFA_EVIDENCE_S3_ENDPOINT_URL": self.settings.endpoint_url or "",
                "ZHIFA_EVIDENCE_S3_PREFIX": self.settings.prefix,
                "ZHIFA_EVIDENCE_S3_ACCESS_KEY_ID": KEY_ID, "ZHIFA_EVIDENCE_S3_SECRET_ACCESS_KEY": SECRET}


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint: str) -> Bucket:
    settings = S3Settings(bucket=f"evidence-{uuid.uuid4().hex[:12]}", endpoint_url=s3_endpoint,
                          prefix="zhifa/evidence/", access_key_id=KEY_ID, secret_access_key=SECRET)
    client = s3_client(settings)
    client.create_bucket(Bucket=settings.bucket)
    return Bucket(settings, client)
