"""What only the S3 store has: a large upload goes up as a multipart upload and comes back whole; a bucket that
does not answer is a 503 naming the evidence store, and the refused upload leaves nothing; its settings are read
from the environment (credentials from files too) and each bad one is refused naming the variable."""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infra.evidence.s3 import S3BlobStore, s3_client
from infra.evidence.service import EvidenceService
from infra.evidence.settings import MIN_PART_BYTES, EvidenceSettings, S3Settings
from infra.settings import SettingsError
from tests.api.test_case_over_http import served
from tests.documents.cases import STRAW
from tests.evidence.conftest import Evidence
from tests.evidence.s3 import Bucket
from tests.evidence.test_evidence_files import PHOTO, _upload

VIDEO = b"\x00\x00\x00\x18ftypmp42" + os.urandom(2 * MIN_PART_BYTES + 12345)  # three parts


async def _body(data: bytes, step: int = 1024 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(data), step):
        yield data[start:start + step]


@pytest.mark.parametrize("blobs", ["s3"], indirect=True)
async def test_a_file_larger_than_a_part_is_uploaded_in_parts_and_comes_back_whole(
    evidence: Evidence, bucket: Bucket, tmp_path: Path,
) -> None:
    parts = replace(bucket.settings, part_bytes=MIN_PART_BYTES)
    store = S3BlobStore(bucket.client, parts, tmp_path / "spool")
    settings = EvidenceSettings(root=tmp_path, max_bytes=len(VIDEO))
    service = EvidenceService(evidence.engine, store, settings, lambda: datetime.now(UTC))

    stored = await service.upload(stream_id=STRAW, town="zhangjiawo", filename="执法记录仪.mp4",
                                  media_type="video/mp4", body=_body(VIDEO), declared_size=None,
                                  client_digest=None, actor="zjw-lead-1")

    digest = hashlib.sha256(VIDEO).hexdigest()
    key = f"zhifa/evidence/sha256/{digest[:2]}/{digest[2:]}"
    assert (stored.sha256, stored.size) == (digest, len(VIDEO))
    assert bucket.contents() == [f"s3://{bucket.settings.bucket}/{key}"]  # no part left unfinished
    head = bucket.client.head_object(Bucket=bucket.settings.bucket, Key=key)
    assert head["ETag"].strip('"').endswith("-3") and head["Metadata"] == {"sha256": digest}  # three parts
    assert b"".join(store.chunks(digest)) == VIDEO
    assert list((tmp_path / "spool").iterdir()) == []


@pytest.mark.parametrize("blobs", ["s3"], indirect=True)
async def test_an_upload_to_a_bucket_that_does_not_answer_is_a_503_naming_the_store_and_records_nothing(
    evidence: Evidence, bucket: Bucket,
) -> None:
    down = replace(bucket.settings, endpoint_url="http://127.0.0.1:9")  # the discard port: nothing listens
    evidence.service.blobs = S3BlobStore(s3_client(down), down, evidence.root / "tmp")

    async with served(evidence.app) as api:
        refused = await _upload(api.http, PHOTO)

    assert refused.status_code == 503, refused.text
    assert refused.headers["Retry-After"] == "30"
    assert refused.json() == {"error": "evidence-store is unavailable; retry in 30 s", "dependency": "evidence-store"}
    assert evidence.stored() == [] and await evidence.records() == 0


def test_s3_settings_come_from_the_environment_with_credentials_from_files(tmp_path: Path) -> None:
    (tmp_path / "key-id").write_text("AKIDEXAMPLE\n")
    (tmp_path / "secret").write_text("wJalrXUtnFEMI\n")
    settings = EvidenceSettings.from_env({
        "ZHIFA_EVIDENCE_STORE": "S3", "ZHIFA_EVIDENCE_S3_BUCKET": "zhifa-evidence",
        "ZHIFA_EVIDENCE_S3_ENDPOINT_URL": "https://minio.internal:9000/", "ZHIFA_EVIDENCE_S3_REGION": "cn-north-1",
        "ZHIFA_EVIDENCE_S3_PREFIX": "/xiqing/", "ZHIFA_EVIDENCE_S3_ACCESS_KEY_ID_FILE": str(tmp_path / "key-id"),
        "ZHIFA_EVIDENCE_S3_SECRET_ACCESS_KEY_FILE": str(tmp_path / "secret")}, tmp_path)

    assert settings.s3 == S3Settings(bucket="zhifa-evidence", endpoint_url="https://minio.internal:9000",
                                     region="cn-north-1", prefix="xiqing/", access_key_id="AKIDEXAMPLE",
                                     secret_access_key="wJalrXUtnFEMI")
    assert EvidenceSettings.from_env({}, tmp_path).s3 is None


@pytest.mark.parametrize(("environ", "variable", "says"), [
    ({"ZHIFA_EVIDENCE_STORE": "ftp"}, "ZHIFA_EVIDENCE_STORE", "must be one of local, s3; got 'ftp'"),
    ({"ZHIFA_EVIDENCE_S3_BUCKET": " "}, "ZHIFA_EVIDENCE_S3_BUCKET", "must name the bucket"),
    ({"ZHIFA_EVIDENCE_S3_ENDPOINT_URL": "minio:9000"}, "ZHIFA_EVIDENCE_S3_ENDPOINT_URL", "http(s):// URL"),
    ({"ZHIFA_EVIDENCE_S3_PART_BYTES": "1048576"}, "ZHIFA_EVIDENCE_S3_PART_BYTES", "at least 5242880"),
    ({"ZHIFA_EVIDENCE_S3_ACCESS_KEY_ID": "AKID"}, "ZHIFA_EVIDENCE_S3_SECRET_ACCESS_KEY", "both"),
    ({"ZHIFA_EVIDENCE_MAX_BYTES": "0"}, "ZHIFA_EVIDENCE_MAX_BYTES", "not a positive number of bytes"),
    ({"ZHIFA_EVIDENCE_MAX_BYTES": str(2**31)}, "ZHIFA_EVIDENCE_MAX_BYTES", "largest size GraphQL's 32-bit Int"),
])
def test_a_bad_evidence_setting_is_refused_naming_the_variable(
    tmp_path: Path, environ: dict[str, str], variable: str, says: str,
) -> None:
    base = {"ZHIFA_EVIDENCE_STORE": "s3", "ZHIFA_EVIDENCE_S3_BUCKET": "zhifa-evidence"}
    with pytest.raises(SettingsError) as refused:
        EvidenceSettings.from_env({**base, **environ}, tmp_path)

    assert refused.value.variable == variable and says in str(refused.value)
