"""The decision context's snapshot codec: a version is the hash of its content; decoding a version is done once
per worker and shared by every run that starts with it (decoding the town's reference data is the costly part)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from infra.calendar import load_work_calendar
from infra.reference import demo_profiles, demo_reference
from workflows.context import decode_snapshot, encode_snapshot
from workflows.messages import ContextPayload
from zhifa.context import ReferenceContextSource


def snapshot_payload(town: str = "zhangjiawo") -> ContextPayload:
    source = ReferenceContextSource(demo_reference(), load_work_calendar(), demo_profiles())
    return encode_snapshot(asyncio.run(source.snapshot(town, "GENERAL_CASE")))


def test_a_snapshot_decodes_to_what_was_encoded_and_once_per_version() -> None:
    payload = snapshot_payload()
    first = decode_snapshot(payload)
    assert encode_snapshot(first) == payload
    assert decode_snapshot(replace(payload)) is first


def test_another_version_decodes_to_its_own_content() -> None:
    dasi = decode_snapshot(snapshot_payload("dasi"))
    zhangjiawo = decode_snapshot(snapshot_payload("zhangjiawo"))
    assert set(dasi.reference.towns) == {"dasi"} and set(zhangjiawo.reference.towns) == {"zhangjiawo"}
